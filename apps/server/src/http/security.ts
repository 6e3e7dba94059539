import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { DomainError } from '../errors.js';

/**
 * helmet's headers everywhere. The pages get their Content-Security-Policy from SvelteKit
 * (`kit.csp` in svelte.config.js), which knows the hashes of its own inline scripts; API responses
 * get the strictest policy, since they are data and never a document.
 */
export const securityHeaders: RequestHandler = helmet({ contentSecurityPolicy: false });
export const apiContentSecurityPolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may act on the session it carries: a browser request from another origin
 * (Origin header, or Sec-Fetch-Site: cross-site) may not. Clients that are not browsers send neither
 * header, and SameSite=Lax keeps the cookie off cross-site subrequests anyway; this is the second lock.
 */
export function sameOrigin(req: IncomingMessage, publicOrigin: string | undefined, secure: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
  const expected = publicOrigin ?? `${secure ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  return origin === expected;
}

/** Refuses state-changing requests from another origin with 403 FORBIDDEN. */
export function originCheck(publicOrigin: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || sameOrigin(req, publicOrigin, req.secure)) {
      next();
      return;
    }
    throw new DomainError('FORBIDDEN', 'Cross-origin request refused');
  };
}
