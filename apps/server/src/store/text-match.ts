import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './db.js';

/** `text` as a LIKE pattern that matches it literally (`%`, `_` and `\` escaped with `\`). */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Whether `column` holds `word` anywhere, regardless of the case of Latin letters, the same on both
 * stores (SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does).
 */
export function holds(dialect: Dialect, column: RawBuilder<unknown>, word: string): RawBuilder<boolean> {
  const like = dialect.kind === 'postgres' ? sql`ilike` : sql`like`;
  return sql<boolean>`${column} ${like} ${`%${likeLiteral(word)}%`} escape '\\'`;
}
