import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { serveBench } from '../ipc.js';

/** The Yjs baseline: @y/websocket-server's own connection handler on a plain `ws` server, in memory, no auth. */
const server = createServer();
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
serveBench((server.address() as AddressInfo).port, async () => {
  for (const ws of wss.clients) ws.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
