import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Passwords } from '../src/auth/passwords.js';
import { createLogger } from '../src/logger.js';
import { openPostgresStore, openSqliteStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import type { ScaleSizes } from './config.js';
import { createSharedStore } from './infra.js';
import type { ServerProcess } from './processes.js';
import { CASES_GOAL, type ScaleRow } from './scale-report.js';
import { SCALE_PASSWORD, seedLibrary, seedPeople, type ScaleWorld } from './scale-seed.js';
import { COMMON_PHRASE, RARE_PHRASE } from './scale-vocabulary.js';
import { percentile } from './stats.js';

/**
 * The scale part (issue 16): a store filled with a provincial committee's five years, on SQLite and
 * on PostgreSQL, read over HTTP by a Yishi server as a signed-in administrator and as an ordinary
 * member of a county: first pages of the case library, an organisation's topics, the dashboard.
 * Measured at a tenth of the cases and topics, then again once the rest are added.
 */

/** What the part needs of the bench run: starting a Yishi node, a data folder, and clean-up. */
export interface ScaleContext {
  say(line: string): void;
  startYishi(name: string, env: Record<string, string>): Promise<ServerProcess>;
  tempDir(): string;
  onCleanup(cleanup: () => Promise<void>): void;
}

export interface ScaleResult {
  rows: ScaleRow[];
  notes: string[];
}

/** Requests measured per row, after WARMUP that are not. */
export const REQUESTS = 50;
const WARMUP = 5;

export interface StoreUnderTest {
  label: string;
  env: Record<string, string>;
  /** Transactions that seed at once. */
  concurrency: number;
  open(): Promise<Store>;
  /** What a store that grew over years has had done to it by then (PostgreSQL: autovacuum's analyse). */
  settle(): Promise<void>;
}

const logger = createLogger({ env: 'production', logLevel: 'warn' });

export function sqliteStore(ctx: ScaleContext): StoreUnderTest {
  const dir = ctx.tempDir();
  return {
    label: 'SQLite',
    env: { DATA_DIR: dir },
    concurrency: 1,
    open: () => openSqliteStore(dir, logger),
    settle: () => Promise.resolve(),
  };
}

export async function postgresStore(ctx: ScaleContext): Promise<StoreUnderTest> {
  const shared = await createSharedStore();
  ctx.onCleanup(() => shared.remove());
  return {
    label: 'PostgreSQL',
    concurrency: 8,
    env: { DATABASE_URL: shared.databaseUrl, REDIS_URL: shared.redisUrl, REDIS_PREFIX: shared.redisPrefix },
    open: () => openPostgresStore(shared.databaseUrl, logger),
    // Autovacuum analyses a table after a tenth of it changed and folds the trigram index's list
    // of pending entries in; a store filled over five years has had both long ago.
    async settle() {
      const client = new pg.Client({ connectionString: shared.databaseUrl });
      await client.connect();
      try {
        await client.query('vacuum analyze');
      } finally {
        await client.end();
      }
    },
  };
}

/** A session cookie of `login`, signed in over HTTP as the web app does. */
export async function signIn(url: string, login: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: SCALE_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`${login} could not sign in: ${res.status} ${await res.text()}`);
  return cookie;
}

interface Answer {
  ms: number;
  bytes: number;
  body: Record<string, unknown>;
}

async function get(url: string, path: string, cookie: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${url}${path}`, { headers: { cookie } });
  const buffer = await res.arrayBuffer();
  const ms = performance.now() - started;
  const text = Buffer.from(buffer).toString('utf8');
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
  return { ms, bytes: buffer.byteLength, body: JSON.parse(text) as Record<string, unknown> };
}

interface Target {
  who: 'admin' | 'member';
  measurement: string;
  path: string;
  /** The list the answer holds, counted as the row's items. */
  list?: string;
  goal?: typeof CASES_GOAL;
}

function targets(world: ScaleWorld): Target[] {
  const q = (phrase: string) => `/api/cases?q=${encodeURIComponent(phrase)}`;
  const cases = (who: Target['who']): Target[] => [
    { who, measurement: 'cases, first page', path: '/api/cases', list: 'cases', goal: CASES_GOAL },
    { who, measurement: `cases, q=${COMMON_PHRASE} (common)`, path: q(COMMON_PHRASE), list: 'cases', goal: CASES_GOAL },
    { who, measurement: `cases, q=${RARE_PHRASE} (rare)`, path: q(RARE_PHRASE), list: 'cases', goal: CASES_GOAL },
  ];
  return [
    ...cases('admin'),
    { who: 'admin', measurement: 'topics of a city', path: `/api/topics?orgId=${world.cities[0]!.id}`, list: 'topics' },
    { who: 'admin', measurement: 'dashboard of the province', path: `/api/dashboard?orgId=${world.province.id}` },
    ...cases('member'),
    {
      who: 'member',
      measurement: 'topics of their county',
      path: `/api/topics?orgId=${world.memberOrgId}`,
      list: 'topics',
    },
  ];
}

interface Sizes {
  cases: number;
  topics: number;
  members: number;
}

/** Each target, WARMUP requests and then REQUESTS measured one after another. */
async function measure(server: ServerProcess, world: ScaleWorld, label: string, sizes: Sizes): Promise<ScaleRow[]> {
  const cookies = {
    admin: await signIn(server.url, world.adminLogin),
    member: await signIn(server.url, world.memberLogin),
  };
  const rows: ScaleRow[] = [];
  for (const target of targets(world)) {
    const cookie = cookies[target.who];
    let last: Answer | undefined;
    for (let i = 0; i < WARMUP; i++) last = await get(server.url, target.path, cookie);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      last = await get(server.url, target.path, cookie);
      times.push(last.ms);
    }
    times.sort((a, b) => a - b);
    const body = last!.body;
    const list = target.list ? body[target.list] : undefined;
    const dashboard = body.dashboard as { answersDue?: unknown[] } | undefined;
    rows.push({
      store: label,
      ...sizes,
      who: target.who,
      measurement: target.measurement,
      requests: REQUESTS,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      bytes: last!.bytes,
      items: Array.isArray(list) ? list.length : dashboard?.answersDue?.length,
      total: typeof body.total === 'number' ? body.total : undefined,
      goal: target.goal,
    });
  }
  return rows;
}

/** The sizes measured: a tenth of the cases and topics (at least one of each), then all of them. */
export function checkpoints(sizes: ScaleSizes): { cases: number; topics: number }[] {
  const tenth = {
    cases: Math.max(1, Math.round(sizes.cases / 10)),
    topics: Math.max(1, Math.round(sizes.topics / 10)),
  };
  return [tenth, { cases: sizes.cases, topics: sizes.topics }];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function runStore(
  ctx: ScaleContext,
  target: StoreUnderTest,
  sizes: ScaleSizes,
  passwordHash: string,
  result: ScaleResult,
) {
  const store = await target.open();
  try {
    let started = performance.now();
    const world = await seedPeople(store, sizes.members, passwordHash);
    const seeded = { cases: 0, topics: 0 };
    const timings: string[] = [`${sizes.members} members in ${seconds(performance.now() - started)}`];
    for (const step of checkpoints(sizes)) {
      ctx.say(`scale: ${target.label}, seeding up to ${step.cases} cases and ${step.topics} topics`);
      started = performance.now();
      let reported = 0;
      await seedLibrary(
        store,
        world,
        { cases: [seeded.cases, step.cases], topics: [seeded.topics, step.topics] },
        target.concurrency,
        (n) => {
          if (n - reported >= 10_000) {
            reported = n;
            ctx.say(`scale: ${target.label}, ${n} cases in`);
          }
        },
      );
      const seedMs = performance.now() - started;
      started = performance.now();
      await target.settle();
      const settleMs = performance.now() - started;
      timings.push(
        `${step.cases - seeded.cases} cases and ${step.topics - seeded.topics} topics in ${seconds(seedMs)}` +
          (target.label === 'PostgreSQL' ? ` (then \`vacuum analyze\` ${seconds(settleMs)})` : ''),
      );
      Object.assign(seeded, step);

      const server = await ctx.startYishi(`Yishi (${target.label}, ${step.cases} cases)`, target.env);
      try {
        ctx.say(`scale: ${target.label}, measuring at ${step.cases} cases`);
        result.rows.push(...(await measure(server, world, target.label, { ...step, members: sizes.members })));
      } finally {
        await server.stop();
      }
    }
    result.notes.push(`Scale: ${target.label} seeded through the repositories: ${timings.join('; ')}.`);
  } finally {
    await store.close();
  }
}

/** The scale part on SQLite, then on PostgreSQL. */
export async function scalePart(ctx: ScaleContext, sizes: ScaleSizes): Promise<ScaleResult> {
  const result: ScaleResult = { rows: [], notes: [] };
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
  const loadBefore = load();
  // One argon2 hash for every account: hashing a thousand would take most of a minute.
  const passwordHash = await new Passwords().hash(SCALE_PASSWORD);
  await runStore(ctx, sqliteStore(ctx), sizes, passwordHash, result);
  await runStore(ctx, await postgresStore(ctx), sizes, passwordHash, result);
  result.notes.push(
    `Scale: the machine's load average (1 / 5 / 15 min) was ${loadBefore} when the part began and ${load()} when it ended; ` +
      'on two cores, anything above 2 is other work competing with the server, its store and the bench.',
  );
  return result;
}
