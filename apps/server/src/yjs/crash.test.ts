import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { dropTestData, storeEnv } from '../test/stores.js';
import { TestClient } from '../test/harness.js';
import { draftText, provider, synced, until } from '../test/yjs-client.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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

/** The server as its own process (as in production), resolving with its port once it listens. */
async function startProcess(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      HOST: '127.0.0.1',
      ...(await storeEnv(dir)),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { port?: number; msg?: string };
      if (entry.msg?.startsWith('Yishi listening') && entry.port) resolve({ child, port: entry.port });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

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
    const first = await startProcess(dataDir);
    const url = `http://127.0.0.1:${first.port}`;
    const { topicId, writer, reader } = await seed(url);
    const docName = `draft:${topicId}`;
    const a = provider(`ws://127.0.0.1:${first.port}`, docName, writer.cookie);
    const b = provider(`ws://127.0.0.1:${first.port}`, docName, reader.cookie);
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    // The reader kills the server, mid-stream, the moment it has seen 300 edits.
    let seenByReader = '';
    const killed = new Promise<void>((resolve) => {
      const onUpdate = () => {
        seenByReader = draftText(b.doc);
        if (seenByReader.length >= 300 * 4) {
          b.doc.off('update', onUpdate);
          first.child.kill('SIGKILL');
          resolve();
        }
      };
      b.doc.on('update', onUpdate);
    });
    const text = new Y.XmlText();
    const para = new Y.XmlElement('paragraph');
    para.insert(0, [text]);
    a.doc.getXmlFragment('body').insert(0, [para]);
    let stop = false;
    void killed.then(() => (stop = true));
    for (let i = 0; i < 5000 && !stop; i++) {
      text.insert(text.length, String(i % 10_000).padStart(4, '0'));
      if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
    }
    await killed;
    expect(seenByReader.length).toBeGreaterThanOrEqual(1200);
    a.destroy();
    b.destroy();

    const second = await startProcess(dataDir);
    const c = provider(`ws://127.0.0.1:${second.port}`, docName, reader.cookie);
    providers.push(c);
    await synced(c);
    await until(c.doc, () => draftText(c.doc).length >= seenByReader.length);
    expect(draftText(c.doc).startsWith(seenByReader)).toBe(true);
  }, 60_000);
});
