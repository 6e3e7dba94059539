import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { TestClient } from '../test/harness.js';
import { startWithAdmin, type TestServer } from '../test/harness.js';

let server: TestServer | undefined;
const sockets: Socket[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const p of providers.splice(0)) p.destroy();
  await server?.dispose();
  server = undefined;
});

function connect(url: string, cookie?: string): Socket {
  const socket = ioClient(url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: cookie ? { cookie } : {},
  });
  sockets.push(socket);
  return socket;
}

/** Resolves with the connect error's data, or rejects if the socket connects. */
function connectError(socket: Socket): Promise<unknown> {
  return new Promise((resolve, reject) => {
    socket.on('connect_error', (err) => resolve((err as Error & { data?: unknown }).data));
    socket.on('connect', () => reject(new Error('connected without a session')));
  });
}

/** A `ws` class that sends a cookie, as a browser would for a same-origin upgrade. */
function wsWithCookie(cookie: string | undefined): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  } as unknown as typeof WebSocket;
}

/** The HTTP status a raw upgrade is answered with. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('upgrade accepted')));
    ws.on('error', () => undefined);
  });
}

describe('Socket.IO authentication', () => {
  it('refuses a client without a session with connect_error UNAUTHENTICATED', async () => {
    ({ server } = await startWithAdmin());
    expect(await connectError(connect(server.url))).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first' });
    expect(await connectError(connect(server.url, 'yishi_sid=forged-token'))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a connection from another origin', async () => {
    let admin: TestClient;
    ({ server, admin } = await startWithAdmin());
    const socket = ioClient(server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: admin.cookie!, origin: 'https://evil.example' },
    });
    sockets.push(socket);
    expect(await connectError(socket)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('accepts a client with a session, and closes it when the session ends', async () => {
    let admin: TestClient;
    ({ server, admin } = await startWithAdmin());
    const socket = connect(server.url, admin.cookie);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const ended = new Promise((resolve) => socket.on('session:ended', resolve));
    const disconnected = new Promise((resolve) => socket.on('disconnect', resolve));
    await admin.post('/api/auth/logout');
    expect(await ended).toEqual({ reason: 'logout' });
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe('/yjs upgrade authentication', () => {
  it('answers an upgrade without a session with 401, before looking at the document', async () => {
    ({ server } = await startWithAdmin());
    expect(await upgradeStatus(`${server.wsUrl}/yjs/draft:abc`)).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/yjs/not-a-doc`)).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/yjs/draft:abc`, { cookie: 'yishi_sid=forged' })).toBe(401);
  });

  it('answers an authenticated upgrade for a document that does not exist with 404', async () => {
    let admin: TestClient;
    ({ server, admin } = await startWithAdmin());
    expect(await upgradeStatus(`${server.wsUrl}/yjs/draft:no-such-topic`, { cookie: admin.cookie! })).toBe(404);
    expect(
      await upgradeStatus(`${server.wsUrl}/yjs/draft:x`, { cookie: admin.cookie!, origin: 'https://evil.example' }),
    ).toBe(403);
  });

  it('refuses a stock y-websocket WebsocketProvider without a session', async () => {
    ({ server } = await startWithAdmin());
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${server.wsUrl}/yjs`, 'draft:abc', doc, {
      WebSocketPolyfill: wsWithCookie(undefined) as never,
      disableBc: true,
      maxBackoffTime: 60_000,
    });
    providers.push(provider);
    const error = await new Promise<unknown>((resolve) => provider.on('connection-error', resolve));
    expect(String((error as { message?: string }).message ?? error)).toContain('401');
    expect(provider.synced).toBe(false);
    expect(provider.wsconnected).toBe(false);
  });
});
