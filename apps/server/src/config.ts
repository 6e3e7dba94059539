import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Yishi reads, parsed once. Nothing else in the server reads
 * `process.env`: a bad value stops the start with a message naming the variable.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL (`postgres://user@host:5432/db`) instead of the SQLite file in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .url()
    .refine((u) => /^postgres(ql)?:$/.test(new URL(u).protocol), 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How many reverse proxies to trust for X-Forwarded-* (0: none). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** The public origin (`https://yishi.example.org`) when a proxy rewrites the Host header. */
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .transform((u) => new URL(u).origin)
    .optional(),
});

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  sessionSecret: string;
  env: 'production' | 'development' | 'test';
  logLevel: string;
  trustProxy: number;
  publicOrigin: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment; throws a ConfigError that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const unsupported: string[] = [];
  if (e.REDIS_URL) {
    unsupported.push('REDIS_URL: Redis fan-out is not available in this version; unset it to run one node');
  }
  if (unsupported.length > 0) throw new ConfigError(unsupported);

  const dataDir = path.resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    publicOrigin: e.PUBLIC_ORIGIN,
  };
}

/** SESSION_SECRET defaults to a random secret kept in DATA_DIR, so that sessions survive restarts. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
