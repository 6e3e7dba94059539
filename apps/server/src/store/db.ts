import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The query builder, seen only by repositories. A repository is built over the root builder or over
 * a transaction's (`Store.transaction`), so that every query of a unit of work goes through its
 * transaction: SQLite has one connection, and a query on the root builder would wait for the
 * transaction that waits for it.
 */
export type Db = Kysely<Database>;

export type StoreKind = 'sqlite' | 'postgres';

/** What a repository needs besides the builder: which database it talks to, for what differs. */
export interface Dialect {
  kind: StoreKind;
}
