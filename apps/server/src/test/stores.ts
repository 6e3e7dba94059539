import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createLogger, type Logger } from '../logger.js';
import { localFanout, type Fanout } from '../fanout/fanout.js';
import { openRedisFanout } from '../fanout/redis.js';
import type { StoreKind } from '../store/db.js';
import { migratorOf, openPostgresDb, openSqliteDb, openStore } from '../store/open.js';
import type { Db } from '../store/db.js';
import type { Store } from '../store/store.js';

/**
 * Which store this run of the suite tests: the vitest project sets YISHI_TEST_STORE. The PostgreSQL
 * run is the several-nodes configuration, so its servers share what nodes share through Redis.
 */
export const testStoreKind: StoreKind = process.env.YISHI_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const testFanoutKind = testStoreKind === 'postgres' ? 'redis' : 'local';

/** A data folder's own schema, so that a server restarted on the same folder finds its data again. */
const schemaOf = (dataDir: string) => `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 20)}`;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The DATABASE_URL a test server on `dataDir` uses: undefined on SQLite (the store is the file in
 * the folder), on PostgreSQL the run's database with the folder's schema first on the search path.
 */
export async function testDatabaseUrl(dataDir: string): Promise<string | undefined> {
  if (testStoreKind === 'sqlite') return undefined;
  const schema = schemaOf(dataDir);
  await withAdmin((client) => client.query(`create schema if not exists ${schema}`));
  const url = new URL(inject('databaseUrl'));
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return url.href;
}

/** Removes what a test server stored outside its data folder (its PostgreSQL schema). */
export async function dropTestData(dataDir: string): Promise<void> {
  if (testStoreKind === 'sqlite') return;
  await withAdmin((client) => client.query(`drop schema if exists ${schemaOf(dataDir)} cascade`));
}

/** The store of a test server on `dataDir`, of the kind this run tests. */
export async function openTestStore(dataDir: string, logger: Logger): Promise<Store> {
  return openStore({ dataDir, databaseUrl: await testDatabaseUrl(dataDir) }, logger);
}

/**
 * Runs `work` on the database under a test server's store, for a test that must read or change
 * rows behind the repositories' back (tampering with the audit log, a stored row of the wrong shape).
 */
export async function withTestDb<T>(dataDir: string, work: (db: Db) => Promise<T>): Promise<T> {
  const url = await testDatabaseUrl(dataDir);
  const logger = createLogger({ env: 'test', logLevel: 'silent' });
  const db = url ? await openPostgresDb(url, logger) : await openSqliteDb(dataDir, logger);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/**
 * The store of an installation that upgraded: made at the latest migration, taken back to just
 * before `migration`, given the rows of that time by `seed`, then migrated to the latest again.
 */
export async function upgradedTestStore(
  dataDir: string,
  migration: string,
  seed: (db: Db) => Promise<void>,
): Promise<Store> {
  const logger = createLogger({ env: 'test', logLevel: 'silent' });
  await (await openTestStore(dataDir, logger)).close();
  await withTestDb(dataDir, async (db) => {
    const migrator = await migratorOf(db, testStoreKind);
    const names = (await migrator.getMigrations()).map((m) => m.name);
    if (!names.includes(migration)) throw new Error(`No migration ${migration}`);
    const back = await migrator.migrateTo(names[names.indexOf(migration) - 1]!);
    if (back.error) throw back.error;
    await seed(db);
    const forward = await migrator.migrateToLatest();
    if (forward.error) throw forward.error;
  });
  return openTestStore(dataDir, logger);
}

/** The Redis prefix of the servers on `dataDir`: theirs alone, shared by the nodes of one test. */
const redisPrefixOf = (dataDir: string) => `${inject('redisPrefix')}:${schemaOf(dataDir)}`;

/** A new node's name: every server a test starts is a node of its own, even on one data folder. */
export const testNodeName = () => `test-${randomBytes(4).toString('hex')}`;

/** The fan-out of a test server on `dataDir`: none on SQLite, Redis under the folder's prefix on PostgreSQL. */
export async function openTestFanout(dataDir: string, logger: Logger): Promise<Fanout> {
  const node = testNodeName();
  if (testFanoutKind === 'local') return localFanout(node);
  return openRedisFanout({ url: inject('redisUrl'), prefix: redisPrefixOf(dataDir), node }, logger);
}

/** The variables that point a server process on `dataDir` at this run's store and fan-out. */
export async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  const url = await testDatabaseUrl(dataDir);
  return {
    DATA_DIR: dataDir,
    NODE_NAME: testNodeName(),
    ...(url ? { DATABASE_URL: url } : {}),
    ...(testFanoutKind === 'redis' ? { REDIS_URL: inject('redisUrl'), REDIS_PREFIX: redisPrefixOf(dataDir) } : {}),
  };
}
