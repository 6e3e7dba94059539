import { sql, type RawBuilder } from 'kysely';

/** One value of a list's sort key, as a cursor carries it. */
export type KeyValue = string | number;

/**
 * Rows that come after `key` in a list sorted by `columns`, all descending (or all ascending), the
 * row's id last: a row-value comparison, which SQLite and PostgreSQL both read and index. Inserting
 * rows never moves a page's boundary, so the next page neither repeats nor skips one.
 */
export function after(
  columns: readonly RawBuilder<unknown>[],
  key: readonly KeyValue[],
  order: 'desc' | 'asc' = 'desc',
): RawBuilder<boolean> {
  const past = order === 'desc' ? sql`<` : sql`>`;
  return sql<boolean>`(${sql.join(columns)}) ${past} (${sql.join(key.map((value) => sql.val(value)))})`;
}
