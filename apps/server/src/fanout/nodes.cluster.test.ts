import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { TestClient } from '../test/harness.js';
import { startServerProcess, streamUntil, type ServerProcess } from '../test/processes.js';
import { RoomClient } from '../test/room.js';
import { dropTestData } from '../test/stores.js';
import { draftText, provider, synced, until } from '../test/yjs-client.js';

/**
 * Two real server processes on one PostgreSQL and one Redis, as behind a proxy in production; one
 * of them is killed with SIGKILL in the middle of a meeting. (This file runs only in the
 * several-nodes project.)
 */
const children: ChildProcess[] = [];
const providers: WebsocketProvider[] = [];
const sockets: RoomClient[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of sockets.splice(0)) s.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  if (dataDir) {
    await dropTestData(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** A topic in consultation with an open meeting, set up over HTTP on one node. */
async function seed(node: ServerProcess) {
  const { url } = node;
  const ok = async (res: Promise<{ status: number; body: any }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r.body;
  };
  const admin = new TestClient(url);
  const setup = { login: 'admin', password: 'admin-password', displayName: 'admin', setupCode: node.setupCode };
  await ok(admin.post('/api/setup', setup));
  const orgId = (await ok(admin.post('/api/orgs', { name: '省政协', level: 'province' }))).org.id;
  const people: Record<string, { id: string; client: TestClient }> = {};
  for (const [login, role] of [
    ['chair', 'chair'],
    ['m0', 'member'],
    ['m1', 'member'],
  ] as const) {
    const body = { login, password: `${login}-test-password`, displayName: login, role };
    const id = (await ok(admin.post(`/api/orgs/${orgId}/members`, body))).user.id;
    const client = new TestClient(url);
    await ok(client.post('/api/auth/login', { login, password: `${login}-test-password` }));
    people[login] = { id, client };
  }
  const chair = people.chair!.client;
  const topicId = (await ok(people.m0!.client.post('/api/topics', { orgId, title: '议题', summary: '摘要' }))).topic.id;
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'vetting' }));
  const yes = { answer: true, reason: '符合' };
  await ok(chair.request('PUT', `/api/topics/${topicId}/vetting`, { relevance: yes, remit: yes }));
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'preparation' }));
  for (const m of ['m0', 'm1']) {
    await ok(chair.post(`/api/topics/${topicId}/participants`, { userId: people[m]!.id, assessment: '熟悉' }));
  }
  await ok(chair.post(`/api/topics/${topicId}/research`, { title: '调研', summary: '摘要', body: '正文' }));
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'consultation' }));
  const meetingId = (
    await ok(
      chair.post(`/api/topics/${topicId}/meetings`, { title: '远程协商会', startsAt: '2026-12-01T09:00:00+08:00' }),
    )
  ).meeting.id;
  await ok(chair.post(`/api/meetings/${meetingId}/open`));
  return { topicId, meetingId, chair, m0: people.m0!, m1: people.m1! };
}

function roomClient(node: ServerProcess, who: TestClient): RoomClient {
  const client = new RoomClient(node.url, who);
  sockets.push(client);
  return client;
}

describe('two node processes, one killed mid-meeting', () => {
  it('keeps every queue command and every relayed update, and the node that comes back agrees', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-nodes-'));
    const a = await startServerProcess(dataDir, children);
    const b = await startServerProcess(dataDir, children);
    const { topicId, meetingId, chair, m0, m1 } = await seed(a);

    // The queue: a hand raised on B reaches the chair on A; the chair gives the floor.
    const chairOnA = roomClient(a, chair);
    const memberOnB = roomClient(b, m0.client);
    expect((await chairOnA.join(meetingId)).ok).toBe(true);
    expect((await memberOnB.join(meetingId)).ok).toBe(true);
    const raised = await memberOnB.emit('queue:raise', { kind: 'speech', commandId: randomUUID() });
    expect(raised.ok).toBe(true);
    await chairOnA.reached(1);
    expect((await chairOnA.emit('queue:grant', { entryId: raised.entry.id })).ok).toBe(true);
    await memberOnB.reached(2);

    // The draft: a writer on B streams edits; a reader on A sees them; B dies mid-stream.
    const docName = `draft:${topicId}`;
    const writer = provider(b.wsUrl, docName, m0.client.cookie);
    const reader = provider(a.wsUrl, docName, m1.client.cookie);
    providers.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const seenOnA = await streamUntil(writer, reader, 300, () => b.child.kill('SIGKILL'));
    writer.destroy();
    expect(seenOnA.length).toBeGreaterThanOrEqual(1200);

    // A new client on the surviving node has every update that node had relayed.
    const fresh = provider(a.wsUrl, docName, chair.cookie);
    providers.push(fresh);
    await synced(fresh);
    expect(draftText(fresh.doc).startsWith(seenOnA)).toBe(true);

    // The member reconnects to A: the queue's version and the speaker on the floor survived.
    const memberOnA = roomClient(a, m0.client);
    const rejoined = await memberOnA.join(meetingId);
    expect(rejoined.ok && rejoined.queue.version).toBe(2);
    expect(rejoined.ok && rejoined.queue.current?.userId).toBe(m0.id);
    expect((await memberOnA.emit('queue:finish', { commandId: randomUUID() })).ok).toBe(true);
    await chairOnA.reached(3);

    // B comes back on the same store and serves the same state.
    const b2 = await startServerProcess(dataDir, children);
    const onB2 = provider(b2.wsUrl, docName, chair.cookie);
    providers.push(onB2);
    await synced(onB2);
    await until([fresh.doc, onB2.doc], () => draftText(onB2.doc) === draftText(fresh.doc));
    expect(draftText(onB2.doc).startsWith(seenOnA)).toBe(true);
    const chairOnB2 = roomClient(b2, chair);
    const again = await chairOnB2.join(meetingId);
    expect(again.ok && again.queue.version).toBe(3);
    expect(again.ok && again.queue.current).toBeNull();
  }, 90_000);

  it('drains on SIGTERM: not ready, refuses new work, and its sockets reconnect elsewhere', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-nodes-'));
    const a = await startServerProcess(dataDir, children);
    const { meetingId, m0 } = await seed(a);
    expect((await fetch(`${a.url}/api/ready`)).status).toBe(200);
    const member = roomClient(a, m0.client);
    expect((await member.join(meetingId)).ok).toBe(true);
    const dropped = new Promise<string>((resolve) => member.socket.on('disconnect', (reason) => resolve(reason)));
    const exited = new Promise<number | null>((resolve) => a.child.on('exit', (code) => resolve(code)));
    a.child.kill('SIGTERM');
    // "transport close": the client's own reconnection takes over, which a proxy sends to another node.
    expect(await dropped).toBe('transport close');
    expect(await exited).toBe(0);
  }, 60_000);
});
