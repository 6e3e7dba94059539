import type { Request } from 'express';
import type { Session } from '../auth/sessions.js';
import { DomainError } from '../errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the session middleware when the request carries a live session cookie. */
    yishiSession?: Session;
  }
}

/** The request's session, or UNAUTHENTICATED. */
export function requireSession(req: Request): Session {
  if (!req.yishiSession) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  return req.yishiSession;
}
