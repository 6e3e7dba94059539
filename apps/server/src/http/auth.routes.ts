import { Router, type Request, type Response } from 'express';
import { serialize } from 'cookie';
import { loginBody, SESSION_COOKIE, setupBody } from '@yishi/protocol';
import { SESSION_MAX_AGE_SECONDS } from '../auth/sessions.js';
import { parseInput } from '../errors.js';
import type { AccountsService, ClientMeta } from '../services/accounts.service.js';
import { requireSession } from './context.js';

function metaOf(req: Request): ClientMeta {
  return { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') };
}

/** `yishi_sid`: httpOnly, SameSite=Lax, Secure when the request came over https. */
function setSessionCookie(req: Request, res: Response, token: string): void {
  res.setHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secure,
      path: '/',
      maxAge: SESSION_MAX_AGE_SECONDS,
    }),
  );
}

function clearSessionCookie(req: Request, res: Response): void {
  res.setHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: 0 }),
  );
}

export function authRoutes(accounts: AccountsService): Router {
  const router = Router();

  router.get('/setup', async (_req, res) => {
    res.json({ needed: await accounts.setupNeeded() });
  });

  router.post('/setup', async (req, res) => {
    const { user, token } = await accounts.setup(parseInput(setupBody, req.body), metaOf(req));
    setSessionCookie(req, res, token);
    res.status(201).json({ user });
  });

  router.post('/auth/login', async (req, res) => {
    const { user, token } = await accounts.login(parseInput(loginBody, req.body), metaOf(req));
    setSessionCookie(req, res, token);
    res.json({ user });
  });

  router.post('/auth/logout', async (req, res) => {
    const session = req.yishiSession;
    if (session) await accounts.logout(session.id);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    res.json(await accounts.me(requireSession(req).user));
  });

  return router;
}
