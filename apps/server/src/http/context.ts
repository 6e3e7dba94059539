import type { Request } from 'express';
import type { Actor } from '../auth/policy.js';
import type { Session } from '../auth/sessions.js';
import type { AccountsService } from '../services/accounts.service.js';
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

/** The signed-in actor of a request, with their active memberships: what every guarded route needs. */
export function actorOf(accounts: Pick<AccountsService, 'actorFor'>): (req: Request) => Promise<Actor> {
  return (req) => accounts.actorFor(requireSession(req).user);
}
