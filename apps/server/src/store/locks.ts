import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';

/**
 * Holds a named lock until the surrounding transaction ends. On PostgreSQL it is a transaction-level
 * advisory lock, so that two nodes doing the same unit of work take turns; SQLite runs one write
 * transaction at a time on its single connection, which is the same guarantee already.
 * Call it inside `Store.transaction`: outside one, the lock would end with its own statement.
 */
export async function lockUntilCommit(db: Db, dialect: Dialect, key: string): Promise<void> {
  if (dialect.kind !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

/** Whether an error is a broken unique or primary-key constraint, on either store. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
