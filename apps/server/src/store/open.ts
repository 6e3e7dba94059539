import { createRequire } from 'node:module';
import path from 'node:path';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Db, StoreKind } from './db.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';
import { storeOver, type Store } from './store.js';

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 13 needs Node 22, and 12 aborts on Node ≥ 24.19 when statements are collected,
 * so both are installed (12 under an alias) and the one that fits this Node is loaded.
 */
function loadSqlite(): typeof BetterSqlite3 {
  const major = Number(process.versions.node.split('.')[0]);
  return require(major >= 22 ? 'better-sqlite3' : 'better-sqlite3-node20') as typeof BetterSqlite3;
}

/** The store the configuration names: PostgreSQL when a database URL is set, else SQLite in the data folder. */
export function openStore(
  config: { dataDir: string; databaseUrl: string | undefined },
  logger: Logger,
): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl, logger) : openSqliteStore(config.dataDir, logger);
}

/** Opens (creating when needed) `yishi.sqlite` in the data folder and brings its schema up to date. */
export async function openSqliteStore(dataDir: string, logger: Logger): Promise<Store> {
  return storeOver(await openSqliteDb(dataDir, logger), 'sqlite');
}

/**
 * Connects to an existing PostgreSQL database and brings its schema up to date; several nodes may
 * start at once (the migrator holds a lock while it works). A committed transaction is on disk
 * before the commit returns (PostgreSQL's default `synchronous_commit`).
 */
export async function openPostgresStore(url: string, logger: Logger): Promise<Store> {
  return storeOver(await openPostgresDb(url, logger), 'postgres');
}

/** The migrated SQLite database itself, for what works below the repositories (a store copy). */
export async function openSqliteDb(dataDir: string, logger: Logger): Promise<Db> {
  const Sqlite = loadSqlite();
  const database = new Sqlite(path.join(dataDir, 'yishi.sqlite'));
  // WAL with synchronous=NORMAL: a committed transaction survives a crash of the process
  // (only a power cut may lose the last ones); foreign keys are off by default in SQLite.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // A page cache of 32 MiB instead of SQLite's 2: a search of a large library reads tens of
  // thousands of case rows, which should come from memory after the first time.
  database.pragma('cache_size = -32768');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins: [new CamelCasePlugin()] });
  return migrated(db, 'sqlite', logger);
}

/** The migrated PostgreSQL database itself, for what works below the repositories (a store copy). */
export async function openPostgresDb(url: string, logger: Logger): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', (err) => logger.error({ err }, 'postgres connection error'));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return migrated(db, 'postgres', logger);
}

/**
 * PostgreSQL: the schema Yishi's tables live in (the first of the search path). The migrator is told
 * it, because it otherwise takes its bookkeeping tables of any schema in the database for its own.
 */
async function currentSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('The database user has no schema to create tables in (check search_path)');
  return schema;
}

/** The migrator of a store's database (also for tests that take a migration back and forth). */
export async function migratorOf(db: Db, kind: StoreKind): Promise<Migrator> {
  // The migrator keeps its own bookkeeping tables; they must not go through the camel-case plugin.
  return new Migrator({
    db: db.withoutPlugins(),
    provider: migrationProvider(kind),
    ...(kind === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
}

async function migrated(db: Db, kind: StoreKind, logger: Logger): Promise<Db> {
  try {
    const migrator = await migratorOf(db, kind);
    const { error, results } = await migrator.migrateToLatest();
    for (const result of results ?? []) {
      if (result.status === 'Success') logger.info({ migration: result.migrationName }, 'migration applied');
      else if (result.status === 'Error') logger.error({ migration: result.migrationName }, 'migration failed');
    }
    if (error) throw error instanceof Error ? error : new Error(String(error));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
