import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
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
  /** Redis (`redis://host:6379`) shared by several nodes: Socket.IO's adapter, presence, events, the Yjs relay. */
  REDIS_URL: z
    .string()
    .url()
    .refine((u) => /^rediss?:$/.test(new URL(u).protocol), 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every Redis key and channel, so that two installations can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : - only (at most 100)')
    .default('yishi'),
  /** This node's name in health answers and logs (default: host name and process id). */
  NODE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : - only (at most 100)')
    .optional(),
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
  /**
   * The bearer token that `GET /metrics` (Prometheus) asks for; without it the route answers 404.
   * Each node answers its own figures, so a scraper asks every node, not the proxy.
   */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * A Jitsi Meet deployment (`https://meet.example.org`, or under a path) whose conferences the room
   * embeds; unset, meetings have no embedded video. Plain http only on this machine (loopback).
   */
  JITSI_URL: z
    .string()
    .url()
    .refine(isJitsiUrl, 'must be an https:// URL (http:// only for localhost), without query or #')
    .optional(),
  /** The deployment's token authentication (prosody `app_id`); with JITSI_APP_SECRET, or neither. */
  JITSI_APP_ID: z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII without spaces (at most 200)')
    .optional(),
  /** The secret that signs the tokens (prosody `app_secret`), at least 32 characters for HS256. */
  JITSI_APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * The mail server that sends notifications by e-mail (`smtp://user:password@host:587`, or
   * `smtps://` for TLS from the start); unset, Yishi sends no e-mail and offers none.
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:$/.test(new URL(u).protocol), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of those e-mails (`议事 <yishi@example.org>`). */
  SMTP_FROM: z.string().min(3).max(200).default('Yishi <yishi@localhost>'),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function isJitsiUrl(text: string): boolean {
  const url = URL.parse(text);
  if (!url) return false;
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  return secure && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
}

/** Where the room's video conferences are held, and how their tokens are signed. */
export interface JitsiConfig {
  /** The deployment's URL without a trailing slash: the IFrame API is `${url}/external_api.js`. */
  url: string;
  /** Its origin, which the pages' Content-Security-Policy lets scripts and frames come from. */
  origin: string;
  /** Host (and path) as `new JitsiMeetExternalAPI(domain, …)` takes it. */
  domain: string;
  /** Host name, the tokens' `sub`. */
  host: string;
  /** The token signing, when the deployment checks tokens. */
  token: { appId: string; appSecret: string } | undefined;
}

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  nodeName: string;
  sessionSecret: string;
  env: 'production' | 'development' | 'test';
  logLevel: string;
  trustProxy: number;
  publicOrigin: string | undefined;
  metricsToken: string | undefined;
  jitsi: JitsiConfig | undefined;
  /** Where notifications go out by e-mail; undefined when no mail server is set. */
  smtp: { url: string; from: string } | undefined;
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
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError([
      'REDIS_URL: several nodes share one PostgreSQL store; set DATABASE_URL too, or unset REDIS_URL to run one node on SQLite',
    ]);
  }
  const jitsi = jitsiConfig(e);

  const dataDir = path.resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    nodeName: e.NODE_NAME ?? `${hostname()}-${process.pid}`,
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    publicOrigin: e.PUBLIC_ORIGIN,
    metricsToken: e.METRICS_TOKEN,
    jitsi,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
  };
}

function jitsiConfig(e: z.infer<typeof envSchema>): JitsiConfig | undefined {
  const problems: string[] = [];
  if (Boolean(e.JITSI_APP_ID) !== Boolean(e.JITSI_APP_SECRET)) {
    problems.push('JITSI_APP_ID, JITSI_APP_SECRET: set both (the deployment checks tokens) or neither');
  }
  if (!e.JITSI_URL && (e.JITSI_APP_ID || e.JITSI_APP_SECRET)) {
    problems.push('JITSI_URL: the token settings need the Jitsi Meet deployment they are for');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (!e.JITSI_URL) return undefined;
  const url = new URL(e.JITSI_URL);
  const path = url.pathname.replace(/\/+$/, '');
  return {
    url: `${url.origin}${path}`,
    origin: url.origin,
    domain: `${url.host}${path}`,
    host: url.hostname,
    token: e.JITSI_APP_ID && e.JITSI_APP_SECRET ? { appId: e.JITSI_APP_ID, appSecret: e.JITSI_APP_SECRET } : undefined,
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
