import express, { type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Health, Readiness } from '@yishi/protocol';
import type { SessionService } from '../auth/sessions.js';
import type { Logger } from '../logger.js';
import type { NodeState } from '../node-state.js';
import type { Store } from '../store/store.js';
import { VERSION } from '../version.js';
import { apiErrorHandler, apiNotFound } from './errors.js';
import { apiContentSecurityPolicy, originCheck } from './security.js';

export interface ApiDeps {
  store: Store;
  fanout: { kind: 'local' | 'redis'; ping(): Promise<void> };
  node: NodeState;
  sessions: SessionService;
  logger: Logger;
  publicOrigin: string | undefined;
}

/**
 * The `/api` router: logging, headers, body parsing, the origin check and the session, then the
 * node's own routes (health and readiness), then the feature routes, then the error envelope.
 */
export function apiRouter(deps: ApiDeps, routes: Router[]): Router {
  const api = express.Router();
  const quiet = new Set(['/api/health', '/api/ready']);
  api.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => quiet.has(req.url ?? '') },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  api.use(apiContentSecurityPolicy);
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.get('/health', async (_req, res) => {
    await Promise.all([deps.store.ping(), deps.fanout.ping()]);
    const health: Health = {
      status: 'ok',
      version: VERSION,
      store: deps.store.kind,
      fanout: deps.fanout.kind,
      node: deps.node.name,
    };
    res.json(health);
  });
  api.get('/ready', (_req, res) => {
    const readiness: Readiness = { ready: !deps.node.draining, node: deps.node.name };
    res.status(deps.node.draining ? 503 : 200).json(readiness);
  });
  // A draining node takes no new request; the proxy retries it on another node. The connection is
  // not kept alive, so that the client's next request goes elsewhere too.
  api.use((_req, res, next) => {
    if (deps.node.draining) res.setHeader('Connection', 'close');
    deps.node.refuseWhileDraining();
    next();
  });
  api.use(express.json({ limit: '1mb', strict: true }));
  api.use(originCheck(deps.publicOrigin));
  api.use(async (req, _res, next) => {
    req.yishiSession = await deps.sessions.fromCookieHeader(req.headers.cookie);
    next();
  });
  for (const router of routes) api.use(router);
  api.use(apiNotFound);
  api.use(apiErrorHandler(deps.logger));
  return api;
}
