import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppDeps } from '../app.js';
import { Passwords } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import type { Store } from '../store/store.js';
import { dropTestData, openTestFanout, openTestStore } from './stores.js';
import type { Fanout } from '../fanout/fanout.js';

export interface TestServer {
  url: string;
  wsUrl: string;
  dataDir: string;
  app: App;
  store: Store;
  fanout: Fanout;
  /** Stops the server and closes the store, keeping the data folder. */
  stop(): Promise<void>;
  /** Stops and removes the data folder. */
  dispose(): Promise<void>;
}

export type ServerOptions = Pick<
  AppDeps,
  'presenceGraceMs' | 'presenceHeartbeatMs' | 'yjsLimits' | 'clock' | 'renderer' | 'passwords' | 'webHandler'
> & {
  /** TRUST_PROXY: with 1, a test client names its address in `X-Forwarded-For`. */
  trustProxy?: number;
  /** METRICS_TOKEN: turns `/metrics` on. */
  metricsToken?: string;
  /** JITSI_URL, JITSI_APP_ID, JITSI_APP_SECRET: embedded video. */
  jitsi?: { url: string; appId?: string; appSecret?: string };
  /** SMTP_URL: notifications by e-mail, to a mail server the test runs. */
  smtpUrl?: string;
};

/**
 * Real argon2id at the cheapest cost it allows (8 KiB, one pass): the suite enrols and signs in
 * thousands of accounts, and at the server's own cost (19 MiB, two passes) hashing alone took minutes
 * of CI. What is tested is the same: hashes are made, stored and checked by argon2. Servers started as
 * processes (`startServerProcess`) and the browser tests use the server's own cost.
 */
export const testPasswords = new Passwords({ memoryCost: 8, timeCost: 1, parallelism: 1 });

/**
 * A real Yishi on port 0 over a real store — a SQLite file, or a PostgreSQL schema when the suite runs
 * on PostgreSQL — in a new data folder unless one is given.
 */
export async function startServer(
  dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-test-')),
  options: ServerOptions = {},
): Promise<TestServer> {
  const { trustProxy = 0, metricsToken, jitsi, smtpUrl, ...deps } = options;
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: String(trustProxy),
    ...(metricsToken ? { METRICS_TOKEN: metricsToken } : {}),
    ...(jitsi ? { JITSI_URL: jitsi.url, JITSI_APP_ID: jitsi.appId, JITSI_APP_SECRET: jitsi.appSecret } : {}),
    ...(smtpUrl ? { SMTP_URL: smtpUrl, SMTP_FROM: '江城市政协 <yishi@jiangcheng.example>' } : {}),
  });
  const logger = createLogger(config);
  const store = await openTestStore(config.dataDir, logger);
  const fanout = await openTestFanout(config.dataDir, logger);
  const app = await createApp(config, { store, fanout, logger, passwords: testPasswords, ...deps });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await Promise.all([store.close(), fanout.close()]);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    dataDir,
    app,
    store,
    fanout,
    stop,
    async dispose() {
      await stop();
      await dropTestData(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client that keeps the session cookie, like a browser would. */
export class TestClient {
  cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    urlPath: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (this.cookie) h.cookie = this.cookie;
    if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${urlPath}`, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }

  get<T = any>(p: string) {
    return this.request<T>('GET', p);
  }
  post<T = any>(p: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', p, body ?? {}, headers);
  }
  patch<T = any>(p: string, body: unknown) {
    return this.request<T>('PATCH', p, body);
  }
  delete<T = any>(p: string) {
    return this.request<T>('DELETE', p);
  }
}

export const ADMIN = { login: 'admin', password: 'admin-password-1', displayName: '系统管理员' };

/**
 * The setup code a server not set up yet printed in its log, read where every node reads it: the
 * store (a process of its own prints it in its log: see `startServerProcess`).
 */
export async function setupCodeOf(server: Pick<TestServer, 'store'>): Promise<string> {
  const code = await server.store.settings.get('setup_code');
  if (code === undefined) throw new Error('this server has no setup code: it is set up already');
  return code;
}

/** A server with its first administrator set up and signed in. */
export async function startWithAdmin(dataDir?: string, options: ServerOptions = {}) {
  const server = await startServer(dataDir, options);
  const admin = new TestClient(server.url);
  const res = await admin.post('/api/setup', { ...ADMIN, setupCode: await setupCodeOf(server) });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { server, admin };
}

/** A clock the test sets; the server reads it for due dates and the day's meetings. */
export function movableClock(start: string) {
  let now = new Date(start);
  return { now: () => now, set: (iso: string) => (now = new Date(iso)) };
}
