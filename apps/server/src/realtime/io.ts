import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@yishi/protocol';
import type { Session, SessionService } from '../auth/sessions.js';
import type { Logger } from '../logger.js';
import type { EventBus } from '../events/bus.js';
import type { NodeState } from '../node-state.js';
import { DomainError } from '../errors.js';
import { isSecureRequest } from '../http/secure.js';
import { sameOrigin } from '../http/security.js';

export interface SocketData {
  session: Session;
}

export type YishiIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type YishiSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A connect error whose `data` is the contract's error object. */
function connectError(error: DomainError): Error & { data: unknown } {
  return Object.assign(new Error(error.message), { data: error.toApiError() });
}

/**
 * Socket.IO on the shared HTTP server. Every connection is authenticated by the session cookie of
 * its handshake; without one the client gets `connect_error` with code UNAUTHENTICATED. Each socket
 * joins a room named after its session, so that ending the session closes its sockets.
 */
export function createRealtime(
  server: HttpServer,
  deps: {
    sessions: SessionService;
    events: EventBus;
    node: NodeState;
    /** Socket.IO's adapter: Redis streams across nodes, or the in-memory default. */
    adapter: ServerOptions['adapter'] | undefined;
    logger: Logger;
    publicOrigin: string | undefined;
    trustProxy: number;
  },
): YishiIo {
  const io: YishiIo = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    // A client that lost its connection for a moment gets back its rooms and the packets it missed,
    // on any node (the streams adapter keeps the session in Redis); the session is checked again.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });

  io.use((socket, next) => {
    const req = socket.request;
    if (deps.node.draining) {
      next(connectError(new DomainError('UNAVAILABLE', 'This server is restarting; try again in a moment')));
      return;
    }
    if (!sameOrigin(req, deps.publicOrigin, isSecureRequest(req, deps.trustProxy))) {
      next(connectError(new DomainError('FORBIDDEN', 'Cross-origin connection refused')));
      return;
    }
    deps.sessions
      .fromCookieHeader(req.headers.cookie)
      .then((session) => {
        if (!session) {
          next(connectError(new DomainError('UNAUTHENTICATED', 'Sign in first')));
          return;
        }
        socket.data.session = session;
        void socket.join([sessionRoom(session.id), `user:${session.user.id}`]);
        next();
      })
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'socket authentication failed');
        next(connectError(new DomainError('INTERNAL', 'Something went wrong on the server')));
      });
  });

  // The node that ended the sessions closes their sockets everywhere, through the adapter.
  deps.events.on('session.ended', ({ sessionIds, reason }, source) => {
    if (!source.local) return;
    for (const id of sessionIds) {
      io.to(sessionRoom(id)).emit('session:ended', { reason });
      io.in(sessionRoom(id)).disconnectSockets(true);
    }
  });

  return io;
}

const sessionRoom = (sessionId: string) => `session:${sessionId}`;
