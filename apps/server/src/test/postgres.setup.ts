import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';
import { createThrowawayDatabase, deleteRedisKeys, dropThrowawayDatabase } from './throwaway.js';

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

/** Fails with a message that names the variable when a service does not answer. */
async function answering<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`The several-nodes tests need ${what}: ${String(error)}`, { cause: error });
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `yishi_test_${randomBytes(6).toString('hex')}`;
  await answering(`Redis at ${redisUrl} (set TEST_REDIS_URL)`, async () => {
    const redis = createClient({ url: redisUrl, socket: { reconnectStrategy: false } });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      await redis.close().catch(() => undefined);
    }
  });
  const url = await answering(
    `a PostgreSQL server at ${adminUrl} that lets them create a database (set TEST_DATABASE_URL)`,
    () => createThrowawayDatabase(adminUrl, name),
  );
  project.provide('databaseUrl', url);
  project.provide('redisUrl', redisUrl);
  project.provide('redisPrefix', name);
  return async () => {
    await dropThrowawayDatabase(adminUrl, name);
    await deleteRedisKeys(redisUrl, name);
  };
}
