import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { httpStatusOf, type ApiError } from '@yishi/protocol';
import type { SessionService } from '../auth/sessions.js';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import { isSecureRequest } from '../http/secure.js';
import { sameOrigin } from '../http/security.js';
import type { NodeState } from '../node-state.js';
import type { AccountsService } from '../services/accounts.service.js';
import { parseDocName, type DocAccess } from './doc-access.js';
import type { YjsServer } from './yjs-server.js';

export interface YjsRouteDeps {
  sessions: SessionService;
  accounts: AccountsService;
  docAccess: DocAccess;
  yjs: YjsServer;
  node: NodeState;
  logger: Logger;
  publicOrigin: string | undefined;
  trustProxy: number;
  maxMessageBytes: number;
}

/**
 * The `/yjs/<docName>` upgrade route. It answers before any document is loaded: 403 for another
 * origin, 401 without a live session, 404 for a name that is no document or whose meeting or topic
 * does not exist, 403 when the caller may not see it. Then the socket is handed to the Yjs server
 * with the caller's write access. Upgrades on other paths are left alone: Socket.IO's engine answers
 * its own and closes what nobody answers.
 */
export function attachYjsRoute(server: HttpServer, deps: YjsRouteDeps): WebSocketServer {
  // ws enforces a hard ceiling; the Yjs server closes with its own code below it (MessageTooBig).
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes * 4 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/yjs/')) return;
    socket.on('error', (err) => deps.logger.debug({ err }, 'yjs upgrade socket error'));
    accept(req, socket, head, url.pathname.slice('/yjs/'.length), wss, deps).catch((err: unknown) => {
      if (err instanceof DomainError) {
        refuse(socket, err.toApiError());
        return;
      }
      deps.logger.error({ err }, 'yjs upgrade failed');
      refuse(socket, { code: 'INTERNAL', message: 'Something went wrong on the server' });
    });
  });
  return wss;
}

async function accept(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  docName: string,
  wss: WebSocketServer,
  deps: YjsRouteDeps,
): Promise<void> {
  deps.node.refuseWhileDraining();
  if (!sameOrigin(req, deps.publicOrigin, isSecureRequest(req, deps.trustProxy))) {
    throw new DomainError('FORBIDDEN', 'Cross-origin connection refused');
  }
  const session = await deps.sessions.fromCookieHeader(req.headers.cookie);
  if (!session) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  const ref = parseDocName(docName);
  if (!ref) throw new DomainError('NOT_FOUND', 'Not a document name');
  const actor = await deps.accounts.actorFor(session.user);
  const grant = await deps.docAccess.grant(actor, ref);
  wss.handleUpgrade(req, socket, head, (ws) => {
    const conn = {
      ws,
      userId: session.user.id,
      displayName: session.user.displayName,
      sessionId: session.id,
      topicId: grant.topicId,
      canWrite: grant.canWrite,
      awarenessIds: new Set<number>(),
    };
    deps.yjs.connect(docName, conn).catch((err: unknown) => {
      deps.logger.error({ err, doc: docName }, 'yjs document failed to load');
      ws.close(1011, 'Document failed to load');
    });
  });
}

/** Answers an upgrade with a plain HTTP error carrying the error envelope, then closes it. */
function refuse(socket: Duplex, error: ApiError): void {
  const status = httpStatusOf[error.code];
  const body = JSON.stringify({ error });
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

const statusText: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
