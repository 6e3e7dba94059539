import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';

/**
 * The several-nodes run of the integration suite (PostgreSQL and Redis) gets a throw-away database,
 * made here from TEST_DATABASE_URL (a database the tests may create databases from; the machine's own
 * by default) and dropped when the run ends, and a random prefix in the Redis at TEST_REDIS_URL,
 * whose keys are deleted then. Each test server works in a schema and under a prefix of its own.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    redisPrefix: string;
  }
}

async function connectRedis() {
  const redis = createClient({ url: redisUrl });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    await redis.close().catch(() => undefined);
    throw new Error(`The several-nodes tests need Redis at ${redisUrl} (set TEST_REDIS_URL): ${String(error)}`, {
      cause: error,
    });
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
  const redis = await connectRedis();
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
  project.provide('redisUrl', redisUrl);
  project.provide('redisPrefix', name);
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    for await (const keys of redis.scanIterator({ MATCH: `${name}:*`, COUNT: 500 })) {
      if (keys.length > 0) await redis.del(keys);
    }
    await redis.close();
  };
}
