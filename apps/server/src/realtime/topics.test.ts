import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@yishi/protocol';
import { startCommittee, type Committee } from '../test/committee.js';
import { TestClient } from '../test/harness.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let c: Committee;
const sockets: ClientSocket[] = [];
beforeEach(async () => {
  c = await startCommittee();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await c.server.dispose();
});

async function connect(client: TestClient): Promise<ClientSocket> {
  const socket: ClientSocket = ioClient(c.server.url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: client.cookie! },
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', resolve);
    socket.on('connect_error', reject);
  });
  return socket;
}

function watch(socket: ClientSocket, payload: unknown): Promise<Ack> {
  return new Promise((resolve) => socket.emit('topic:watch', payload as { topicId: string }, resolve));
}

describe('topic:watch', () => {
  it('tells every watcher when the topic changes', async () => {
    const topic = await c.as.econ.post('/api/topics', { orgId: c.orgId, title: '议题', summary: '摘要' });
    const id = topic.body.topic.id as string;
    const chair = await connect(c.as.chair);
    const secretary = await connect(c.as.secretary);
    expect(await watch(chair, { topicId: id })).toEqual({ ok: true });
    expect(await watch(secretary, { topicId: id })).toEqual({ ok: true });

    const seen = [chair, secretary].map(
      (s) => new Promise<{ topicId: string }>((resolve) => s.once('topic:changed', resolve)),
    );
    await c.as.chair.post(`/api/topics/${id}/advance`, { to: 'vetting' });
    expect(await Promise.all(seen)).toEqual([{ topicId: id }, { topicId: id }]);
  });

  it('refuses a topic the caller cannot see, and a malformed payload', async () => {
    const topic = await c.as.econ.post('/api/topics', { orgId: c.orgId, title: '议题', summary: '摘要' });
    const other = (await c.admin.post('/api/orgs', { name: '别的市', level: 'city' })).body.org.id;
    await c.admin.post(`/api/orgs/${other}/members`, {
      login: 'outsider',
      password: 'outsider-password',
      displayName: 'outsider',
      role: 'member',
    });
    const outsider = new TestClient(c.server.url);
    await outsider.post('/api/auth/login', { login: 'outsider', password: 'outsider-password' });
    const socket = await connect(outsider);
    const refused = await watch(socket, { topicId: topic.body.topic.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    for (const bad of [{}, { topicId: 42 }, { topicId: 'x', extra: true }, 'not an object']) {
      expect(await watch(socket, bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(await watch(socket, { topicId: 'no-such-topic' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
