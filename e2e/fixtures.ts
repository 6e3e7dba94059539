import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');

export interface YishiServer {
  url: string;
  dataDir: string;
  /** The one-time setup code the server printed in its log. */
  setupCode: string;
}

/**
 * Starts the built server on port 0 with `env` over the defaults, and resolves once it listens, with
 * the setup code it printed in its log (none when the store is set up already).
 */
export async function startBuiltServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; setupCode: string | undefined }> {
  const child = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let setupCode: string | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { port?: number; level?: number; msg?: string; setupCode?: string };
        setupCode ??= entry.setupCode;
        if (typeof entry.port === 'number' && entry.msg?.startsWith('Yishi listening')) resolve(entry.port);
        else if ((entry.level ?? 0) >= 50) process.stderr.write(`${line}\n`);
      } catch {
        process.stderr.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { child, port, setupCode };
}

/** Starts the built server in a fresh data folder (the embedded SQLite store). */
async function startYishi(): Promise<{ server: YishiServer; child: ChildProcess }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-e2e-'));
  const { child, port, setupCode } = await startBuiltServer({ DATA_DIR: dataDir });
  if (!setupCode) throw new Error('a new server printed no setup code');
  return { server: { url: `http://localhost:${port}`, dataDir, setupCode }, child };
}

/**
 * Chromium logs every 4xx answer to fetch as a console error; the API answers 401, 403, 409 and 429
 * on purpose (not signed in yet, a refused action), so those are not faults of the page.
 */
const expectedApiAnswer = /^Failed to load resource: the server responded with a status of 4(01|03|09|29)/;

/** Console errors and CSP violations a page reported: a test fails if there are any. */
function watchConsole(page: Page, into: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && !expectedApiAnswer.test(message.text())) into.push(message.text());
  });
  page.on('pageerror', (error) => into.push(error.message));
}

export const test = base.extend<{ yishi: YishiServer; consoleErrors: string[] }>({
  yishi: async ({}, use) => {
    const { server, child } = await startYishi();
    await use(server);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(server.dataDir, { recursive: true, force: true });
  },
  baseURL: async ({ yishi }, use) => {
    await use(yishi.url);
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watchConsole(page, errors);
      await use(errors);
      expect(errors, 'console errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, watchConsole };

/** The password every seeded account of the browser tests uses. */
export const password = 'e2e-password-1';

/**
 * Calls the REST API as a client would, with the cookie of whoever signed in last (`as`), failing the
 * test on any error answer.
 */
export function apiCaller(request: APIRequestContext) {
  let cookie = '';
  const call = async (path: string, data: unknown, method: 'post' | 'put' = 'post') => {
    const res = await request[method](path, { data });
    expect(res.status(), `${path} ${await res.text()}`).toBeLessThan(300);
    const setCookie = res.headers()['set-cookie'];
    if (setCookie) cookie = setCookie.split(';')[0]!;
    return res.status() === 204 ? undefined : res.json();
  };
  const as = async (login: string) => {
    await call('/api/auth/logout', {});
    await call('/api/auth/login', { login, password });
  };
  return { call, as, cookie: () => cookie };
}

/** A new browser context, signed in through the login page. */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  login: string,
  errors: string[],
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL, viewport });
  const page = await context.newPage();
  watchConsole(page, errors);
  await page.goto('/login');
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
  return page;
}
