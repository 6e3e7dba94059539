import pg from 'pg';
import { createClient } from 'redis';

/**
 * Throw-away PostgreSQL databases and Redis prefixes, made for one test run, browser test or
 * benchmark and removed after it: what the several-nodes tests, e2e/cluster.ts and the bench share.
 */

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrlOf(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * Creates database `name` from `adminUrl` (a database whose user may create databases) with
 * `pg_trgm` installed once, before nodes or test servers migrate it side by side; returns its URL.
 */
export async function createThrowawayDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrlOf(adminUrl, name);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('create extension if not exists pg_trgm with schema public');
  } finally {
    await db.end();
  }
  return url;
}

/** Drops database `name`, closing whatever still connects to it. */
export async function dropThrowawayDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Deletes every key under `prefix:` in the Redis at `redisUrl`. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
      if (keys.length > 0) await redis.del(keys);
    }
  } finally {
    await redis.close();
  }
}
