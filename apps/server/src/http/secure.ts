import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Whether a raw request came over https, trusting X-Forwarded-Proto only behind a trusted proxy. */
export function isSecureRequest(req: IncomingMessage, trustProxy: number): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (trustProxy === 0) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return proto === 'https';
}
