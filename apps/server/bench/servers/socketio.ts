import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveBench } from '../ipc.js';

/**
 * The bare Socket.IO baseline: no authentication, no store, no queue. A client's `meeting:join`
 * puts its socket in the one room; a queue command broadcasts the `queue:state` payload that Yishi
 * sent for the same command a moment before (the same JSON, so the same size), handed over by the
 * bench beforehand, outside the clock.
 */
const server = createServer();
const io = new Server(server, { serveClient: false });
let view: unknown = null;
let sent = 0;

io.on('connection', (socket) => {
  socket.on('meeting:join', (_payload: unknown, ack: (res: unknown) => void) => {
    void socket.join('meeting');
    ack({ ok: true });
  });
  for (const event of ['queue:raise', 'queue:grant', 'queue:finish']) {
    socket.on(event, (_payload: unknown, ack: (res: unknown) => void) => {
      sent++;
      io.to('meeting').emit('queue:state', view);
      ack({ ok: true, entry: { id: `entry-${sent}` } });
    });
  }
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
serveBench(
  (server.address() as AddressInfo).port,
  async () => {
    await io.close();
  },
  {
    view: (body) => {
      view = body;
      return Promise.resolve(sent);
    },
  },
);
