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
  /** Stops the server (SIGTERM), as an outage would; `restart()` brings it back on the same port and data. */
  stop(): Promise<void>;
  restart(): Promise<void>;
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

/** Stops a server started by `startBuiltServer` and waits for it to exit. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Starts the built server in a fresh data folder (the embedded SQLite store), with `env` besides. */
async function startYishi(env: Record<string, string> = {}): Promise<YishiServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-e2e-'));
  const started = await startBuiltServer({ ...env, DATA_DIR: dataDir });
  let child = started.child;
  const { port, setupCode } = started;
  if (!setupCode) throw new Error('a new server printed no setup code');
  return {
    url: `http://localhost:${port}`,
    dataDir,
    setupCode,
    stop: () => stopServer(child),
    restart: async () => {
      await stopServer(child);
      ({ child } = await startBuiltServer({ ...env, DATA_DIR: dataDir, PORT: String(port) }));
    },
  };
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

export const test = base.extend<{
  yishi: YishiServer;
  yishiEnv: Record<string, string>;
  consoleErrors: string[];
  closeContexts: void;
}>({
  /**
   * Closes the browser contexts a test opened (`signedIn` makes one per person): the browser is shared
   * by every test of the worker, and a page left open keeps reconnecting to a server that is gone,
   * slowing every test after it.
   */
  closeContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(
        browser
          .contexts()
          .filter((c) => !before.has(c))
          .map((c) => c.close()),
      );
    },
    { auto: true },
  ],
  /** More environment for the test's server (`JITSI_URL`, …): an option a spec sets, or derives in a fixture. */
  yishiEnv: [{}, { option: true }],
  yishi: async ({ yishiEnv }, use) => {
    const server = await startYishi(yishiEnv);
    await use(server);
    await server.stop();
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

/** Someone enrolled in the seeded committee: login, display name, role, sector. */
export type Enrolled = readonly [login: string, displayName: string, role: string, sector: string | null];

/** The chair and two members most specs need. */
export const committee: readonly Enrolled[] = [
  ['chair', '周主席', 'chair', null],
  ['yang', '杨晓燕', 'member', '社会福利和社会保障界'],
  ['wang', '王秀兰', 'member', '农业界'],
];

/** The department the seeded officials answer for (an official belongs to one). */
export const departmentName = '市住房和城乡建设局';

/**
 * Enrols `people` in the organisation through the API, the officials in `departmentName` (made on
 * the first official); returns their ids and the department's, if one was made.
 */
export async function enrol(
  call: ReturnType<typeof apiCaller>['call'],
  orgId: string,
  people: readonly (Enrolled | readonly [login: string, displayName: string, role: string])[],
): Promise<{ ids: Record<string, string>; departmentId: string | undefined }> {
  const ids: Record<string, string> = {};
  let departmentId: string | undefined;
  for (const [login, displayName, role, sector] of people) {
    if (role === 'official' && !departmentId) {
      departmentId = (await call(`/api/orgs/${orgId}/departments`, { name: departmentName })).department.id as string;
    }
    const body = { login, password, displayName, role, ...(sector ? { sector } : {}) };
    ids[login] = (
      await call(`/api/orgs/${orgId}/members`, role === 'official' ? { ...body, departmentId } : body)
    ).user.id;
  }
  return { ids, departmentId };
}

/**
 * A consultation meeting of the topic held through the API on 1 December 2026, as the chair: opened,
 * `yang` and `wang` speaking five minutes each from 09:10 and 09:20 (participants both), closed.
 */
export async function heldMeeting(
  call: ReturnType<typeof apiCaller>['call'],
  topicId: string,
  ids: Record<string, string>,
): Promise<{ meetingId: string; speechIds: string[] }> {
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, { title: '专题协商会', startsAt: '2026-12-01T09:00:00+08:00' })
  ).meeting;
  await call(`/api/meetings/${meeting.id}/open`, {});
  const speechIds: string[] = [];
  for (const [who, minute] of [
    ['yang', 10],
    ['wang', 20],
  ] as const) {
    const { speech } = await call(`/api/meetings/${meeting.id}/speeches`, {
      speakerId: ids[who],
      kind: 'speech',
      startedAt: `2026-12-01T09:${minute}:00+08:00`,
      endedAt: `2026-12-01T09:${minute + 5}:00+08:00`,
    });
    speechIds.push(speech.id as string);
  }
  await call(`/api/meetings/${meeting.id}/close`, {});
  return { meetingId: meeting.id as string, speechIds };
}

/**
 * Seeds through the API as a client would: the first administrator, a city committee with `people`
 * enrolled, and a topic that `yang` proposes and the chair takes through vetting to preparation, or
 * on to consultation with `participants` assessed and a research report. The caller is left signed
 * in as the chair.
 */
export async function seedTopic(
  request: APIRequestContext,
  setupCode: string,
  {
    people = committee,
    participants = ['yang', 'wang'],
    stage = 'consultation',
    title = '推进老旧小区加装电梯',
  }: {
    people?: readonly Enrolled[];
    participants?: readonly string[];
    stage?: 'preparation' | 'consultation';
    title?: string;
  } = {},
) {
  const api = apiCaller(request);
  const { call, as } = api;
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const orgId = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org.id as string;
  const { ids, departmentId } = await enrol(call, orgId, people);
  await as('yang');
  const topicId = (await call('/api/topics', { orgId, title, summary: '摘要' })).topic.id as string;
  await as('chair');
  await call(`/api/topics/${topicId}/advance`, { to: 'vetting' });
  await call(
    `/api/topics/${topicId}/vetting`,
    { relevance: { answer: true, reason: '相关' }, remit: { answer: true, reason: '在职能范围内' } },
    'put',
  );
  await call(`/api/topics/${topicId}/advance`, { to: 'preparation' });
  if (stage === 'consultation') {
    for (const who of participants) {
      await call(`/api/topics/${topicId}/participants`, { userId: ids[who], assessment: '熟悉情况' });
    }
    await call(`/api/topics/${topicId}/research`, { title: '调研报告', summary: '摘要', body: '正文' });
    await call(`/api/topics/${topicId}/advance`, { to: 'consultation' });
  }
  return { ...api, orgId, ids, departmentId, topicId };
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
