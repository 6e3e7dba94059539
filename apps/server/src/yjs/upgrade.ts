import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpStatusOf, type ApiError } from '@yishi/protocol';
import type { SessionService } from '../auth/sessions.js';
import type { Logger } from '../logger.js';
import { isSecureRequest } from '../http/secure.js';
import { sameOrigin } from '../http/security.js';

/** `agenda:<meetingId>` and `draft:<topicId>` (DESIGN.md §4). */
const DOC_NAME = /^(agenda|draft):[A-Za-z0-9_-]{1,64}$/;

/**
 * The `/yjs/<docName>` upgrade route. It answers before any document is touched: 403 for another
 * origin, 401 without a live session, 404 for a name that is no document. Documents themselves
 * (agendas of meetings, drafts of topics) arrive with the Yjs issue; until then no name resolves,
 * so an authenticated upgrade is answered 404 too.
 *
 * Upgrades on other paths are left alone: Socket.IO's engine answers its own, and closes what
 * nobody answers.
 */
export function attachYjsRoute(
  server: HttpServer,
  deps: { sessions: SessionService; logger: Logger; publicOrigin: string | undefined; trustProxy: number },
): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/yjs/')) return;
    socket.on('error', (err) => deps.logger.debug({ err }, 'yjs upgrade socket error'));

    if (!sameOrigin(req, deps.publicOrigin, isSecureRequest(req, deps.trustProxy))) {
      refuse(socket, { code: 'FORBIDDEN', message: 'Cross-origin connection refused' });
      return;
    }
    deps.sessions
      .fromCookieHeader(req.headers.cookie)
      .then((session) => {
        if (!session) {
          refuse(socket, { code: 'UNAUTHENTICATED', message: 'Sign in first' });
          return;
        }
        const docName = url.pathname.slice('/yjs/'.length);
        const known = DOC_NAME.test(docName);
        refuse(socket, { code: 'NOT_FOUND', message: known ? 'No such document' : 'Not a document name' });
      })
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'yjs upgrade failed');
        refuse(socket, { code: 'INTERNAL', message: 'Something went wrong on the server' });
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
};
