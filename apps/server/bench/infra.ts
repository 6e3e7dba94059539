import { randomBytes } from 'node:crypto';
import { createThrowawayDatabase, deleteRedisKeys, dropThrowawayDatabase } from '../src/test/throwaway.js';

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
  const databaseUrl = await createThrowawayDatabase(adminUrl, name);
  return {
    databaseUrl,
    redisUrl,
    redisPrefix: name,
    async remove() {
      await dropThrowawayDatabase(adminUrl, name);
      await deleteRedisKeys(redisUrl, name);
    },
  };
}
