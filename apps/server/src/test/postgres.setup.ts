import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * The PostgreSQL run of the integration suite gets a throw-away database, made here from
 * TEST_DATABASE_URL (a database the tests may create databases from; the machine's own by default)
 * and dropped when the run ends. Each test server then works in a schema of its own inside it.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${adminUrl} (set TEST_DATABASE_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  const name = `yishi_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Once, before the test servers migrate their schemas in parallel.
  const db = new pg.Client({ connectionString: url.href });
  await db.connect();
  await db.query('create extension if not exists pg_trgm with schema public');
  await db.end();
  project.provide('databaseUrl', url.href);
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
