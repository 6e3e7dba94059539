import { createHash } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Logger } from '../logger.js';
import type { StoreKind } from '../store/db.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

/** Which store this run of the suite tests: the vitest project sets YISHI_TEST_STORE. */
export const testStoreKind: StoreKind = process.env.YISHI_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

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

/** The variables that point a server process on `dataDir` at this run's store. */
export async function storeEnv(dataDir: string): Promise<Record<string, string>> {
  const url = await testDatabaseUrl(dataDir);
  return { DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) };
}
