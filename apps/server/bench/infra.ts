import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = 'redis://127.0.0.1:6379';

/** A PostgreSQL database and a Redis prefix made for one run, for two nodes to share. */
export interface SharedStore {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** Drops the database and deletes every key under the prefix. */
  remove(): Promise<void>;
}

export async function createSharedStore(): Promise<SharedStore> {
  const name = `yishi_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Once, before the nodes migrate (as the PostgreSQL test setup does).
  const db = new pg.Client({ connectionString: url.href });
  await db.connect();
  await db.query('create extension if not exists pg_trgm with schema public');
  await db.end();
  return {
    databaseUrl: url.href,
    redisUrl,
    redisPrefix: name,
    async remove() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      try {
        for await (const keys of redis.scanIterator({ MATCH: `${name}:*`, COUNT: 500 })) {
          if (keys.length > 0) await redis.del(keys);
        }
      } finally {
        await redis.close();
      }
    },
  };
}
