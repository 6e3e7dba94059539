import { sql, type RawBuilder } from 'kysely';

/** One value of a list's sort key, as a cursor carries it. */
export type KeyValue = string | number;

/**
 * Rows that come after `key` in a list sorted by `columns`, all descending, the row's id last: a
 * row-value comparison, which SQLite and PostgreSQL both read and index. Inserting rows never moves
 * a page's boundary, so the next page neither repeats nor skips one.
 */
export function after(columns: readonly RawBuilder<unknown>[], key: readonly KeyValue[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(columns)}) < (${sql.join(key.map((value) => sql.val(value)))})`;
}
