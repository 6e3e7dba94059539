import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { TestClient } from '../test/harness.js';
import { startServerProcess, streamUntil } from '../test/processes.js';
import { dropTestData } from '../test/stores.js';
import { draftText, provider, synced, until } from '../test/yjs-client.js';

const children: ChildProcess[] = [];
const providers: WebsocketProvider[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  if (dataDir) {
    await dropTestData(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** A topic in consultation with two participants, set up over HTTP like any client. */
async function seed(url: string) {
  const admin = new TestClient(url);
  const ok = async (res: Promise<{ status: number; body: any }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r.body;
  };
  await ok(admin.post('/api/setup', { login: 'admin', password: 'admin-password', displayName: 'admin' }));
  const orgId = (await ok(admin.post('/api/orgs', { name: '市政协', level: 'city' }))).org.id;
  const people: Record<string, { id: string; client: TestClient }> = {};
  for (const [login, role] of [
    ['chair', 'chair'],
    ['m0', 'member'],
    ['m1', 'member'],
  ] as const) {
    const id = (
      await ok(
        admin.post(`/api/orgs/${orgId}/members`, { login, password: `${login}-password`, displayName: login, role }),
      )
    ).user.id;
    const client = new TestClient(url);
    await ok(client.post('/api/auth/login', { login, password: `${login}-password` }));
    people[login] = { id, client };
  }
  const chair = people.chair!.client;
  const topicId = (await ok(people.m0!.client.post('/api/topics', { orgId, title: '议题', summary: '摘要' }))).topic.id;
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'vetting' }));
  await ok(
    chair.request('PUT', `/api/topics/${topicId}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    }),
  );
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'preparation' }));
  for (const m of ['m0', 'm1']) {
    await ok(chair.post(`/api/topics/${topicId}/participants`, { userId: people[m]!.id, assessment: '熟悉' }));
  }
  await ok(chair.post(`/api/topics/${topicId}/research`, { title: '调研', summary: '摘要', body: '正文' }));
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'consultation' }));
  return { topicId, writer: people.m0!.client, reader: people.m1!.client };
}

describe('an update that reached another client survives kill -9 of the server', () => {
  it('restarts with every update the reader had received', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-crash-'));
    const first = await startServerProcess(dataDir, children);
    const url = first.url;
    const { topicId, writer, reader } = await seed(url);
    const docName = `draft:${topicId}`;
    const a = provider(first.wsUrl, docName, writer.cookie);
    const b = provider(first.wsUrl, docName, reader.cookie);
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    // The reader kills the server, mid-stream, the moment it has seen 300 edits.
    const seenByReader = await streamUntil(a, b, 300, () => first.child.kill('SIGKILL'));
    expect(seenByReader.length).toBeGreaterThanOrEqual(1200);
    a.destroy();
    b.destroy();

    const second = await startServerProcess(dataDir, children);
    const c = provider(second.wsUrl, docName, reader.cookie);
    providers.push(c);
    await synced(c);
    await until(c.doc, () => draftText(c.doc).length >= seenByReader.length);
    expect(draftText(c.doc).startsWith(seenByReader)).toBe(true);
  }, 60_000);
});
