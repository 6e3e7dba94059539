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

/**
 * The pages' policy is SvelteKit's, fixed when the web app is built; a Jitsi Meet deployment is
 * configured when the server starts. With JITSI_URL set, its origin, and nothing broader, is added to
 * where a page's scripts (the IFrame API, `external_api.js`) and frames (the conference) may come from.
 */
export function pageContentSecurityPolicy(jitsiOrigin: string | undefined): RequestHandler {
  return (_req, res, next) => {
    if (jitsiOrigin) {
      const setHeader = res.setHeader.bind(res);
      res.setHeader = ((name: string, value: number | string | readonly string[]) =>
        setHeader(
          name,
          name.toLowerCase() === 'content-security-policy' && typeof value === 'string'
            ? withScriptAndFrameSource(value, jitsiOrigin)
            : value,
        )) as typeof res.setHeader;
    }
    next();
  };
}

/**
 * A policy with `origin` added to `script-src` and `frame-src`; a directive that is missing starts
 * from the sources of the one the browser would fall back to (`child-src`, `default-src`), and with
 * neither, the policy does not restrict it and stays as it is.
 */
export function withScriptAndFrameSource(policy: string, origin: string): string {
  const directives = policy
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .filter((parts) => parts[0]);
  const find = (name: string) => directives.find((parts) => parts[0]!.toLowerCase() === name);
  const allow = (name: string, fallbacks: string[]) => {
    const existing = find(name);
    const base = existing ?? fallbacks.map(find).find(Boolean);
    if (!base) return;
    const sources = [...base.slice(1).filter((source) => source !== "'none'"), origin];
    if (existing) existing.splice(1, existing.length, ...sources);
    else directives.push([name, ...sources]);
  };
  allow('script-src', ['default-src']);
  allow('frame-src', ['child-src', 'default-src']);
  return directives.map((parts) => parts.join(' ')).join('; ');
}

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
