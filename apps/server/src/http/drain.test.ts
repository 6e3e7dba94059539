import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import WebSocket from 'ws';
import { ADMIN, startWithAdmin, TestClient, type TestServer } from '../test/harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('a draining node', () => {
  it('answers 503 on /api/ready, refuses new requests, sockets and documents with UNAVAILABLE', async () => {
    const started = await startWithAdmin();
    server = started.server;
    const { admin } = started;
    expect((await admin.get('/api/ready')).body).toEqual({ ready: true, node: expect.any(String) });

    await server.app.drain();

    const ready = await admin.get('/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ ready: false, node: ready.body.node });
    const refused = await admin.post('/api/orgs', { name: '市政协', level: 'city' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('UNAVAILABLE');
    expect((await new TestClient(server.url).post('/api/auth/login', ADMIN)).status).toBe(503);
    // Nothing was created meanwhile.
    expect(await server.store.orgs.all()).toEqual([]);

    const socket = ioClient(server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: admin.cookie! },
    });
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      socket.on('connect_error', resolve),
    );
    socket.close();
    expect(error.data?.code).toBe('UNAVAILABLE');

    const upgrade = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server!.wsUrl}/yjs/draft:anything`, { headers: { cookie: admin.cookie! } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(upgrade).toBe(503);
  });
});
