// Checks that the services the tests need answer: PostgreSQL (TEST_DATABASE_URL) and Redis
// (TEST_REDIS_URL). Exits 1 with a message naming what is missing. Used by .ci/run before the tests.
import pg from 'pg';
import { createClient } from 'redis';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const problems = [];

const db = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
try {
  await db.connect();
  const { rows } = await db.query(
    'select version() as version, rolcreatedb or rolsuper as can_create from pg_roles where rolname = current_user',
  );
  if (!rows[0]?.can_create) problems.push(`PostgreSQL at ${databaseUrl}: the user may not create databases`);
  else console.log(`PostgreSQL: ${rows[0].version.split(',')[0]}`);
} catch (error) {
  problems.push(`PostgreSQL at ${databaseUrl} does not answer: ${error.message}`);
} finally {
  await db.end().catch(() => undefined);
}

const redis = createClient({ url: redisUrl, socket: { connectTimeout: 5000, reconnectStrategy: false } });
redis.on('error', () => undefined);
try {
  await redis.connect();
  const info = await redis.info('server');
  console.log(`Redis: ${/redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown version'}`);
} catch (error) {
  problems.push(`Redis at ${redisUrl} does not answer: ${error.message}`);
} finally {
  await redis.close().catch(() => undefined);
}

if (problems.length > 0) {
  console.error(`The tests need these services:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
