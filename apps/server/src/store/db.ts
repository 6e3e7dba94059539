import { createRequire } from 'node:module';
import path from 'node:path';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';

/**
 * The store's query builder. Inside a transaction every query must go through the transaction's
 * own builder (repositories take it as a `db` argument): SQLite has one connection, and a query on
 * the root builder would wait for the transaction that waits for it.
 */
export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  kind: 'sqlite' | 'postgres';
  /** Runs `select 1`; throws when the store does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 13 needs Node 22, and 12 aborts on Node ≥ 24.19 when statements are collected,
 * so both are installed (12 under an alias) and the one that fits this Node is loaded.
 */
function loadSqlite(): typeof BetterSqlite3 {
  const major = Number(process.versions.node.split('.')[0]);
  return require(major >= 22 ? 'better-sqlite3' : 'better-sqlite3-node20') as typeof BetterSqlite3;
}

/** Opens (creating when needed) `yishi.sqlite` in the data folder and brings its schema up to date. */
export async function openSqliteStore(dataDir: string, logger: Logger): Promise<Store> {
  const Sqlite = loadSqlite();
  const file = path.join(dataDir, 'yishi.sqlite');
  const database = new Sqlite(file);
  // WAL with synchronous=NORMAL: a committed transaction survives a crash of the process
  // (only a power cut may lose the last ones); foreign keys are off by default in SQLite.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');

  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database }),
    plugins: [new CamelCasePlugin()],
  });
  await migrate(db, logger);
  return {
    db,
    kind: 'sqlite',
    async ping() {
      await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    },
    close: () => db.destroy(),
  };
}

async function migrate(db: Db, logger: Logger): Promise<void> {
  // The migrator keeps its own bookkeeping tables; they must not go through the camel-case plugin.
  const migrator = new Migrator({ db: db.withoutPlugins(), provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') logger.info({ migration: result.migrationName }, 'migration applied');
    else if (result.status === 'Error') logger.error({ migration: result.migrationName }, 'migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
