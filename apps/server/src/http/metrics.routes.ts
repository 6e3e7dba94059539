import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { apiContentSecurityPolicy } from './security.js';
import { apiErrorHandler } from './errors.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether an Authorization header carries `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * `GET /metrics`, this node's figures for Prometheus, outside `/api`: no session, and answered
 * while the node drains. Off (404) unless METRICS_TOKEN is set; then only with that bearer token
 * (401 otherwise). The proxies in infra/ refuse the path from outside as well.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined, logger: Logger): Router {
  const router = Router();
  router.get('/metrics', apiContentSecurityPolicy, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!token) throw new DomainError('NOT_FOUND', 'Metrics are off: set METRICS_TOKEN to turn them on');
    if (!bearerMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new DomainError('UNAUTHENTICATED', 'Metrics need the bearer token of METRICS_TOKEN');
    }
    res.setHeader('Content-Type', metrics.contentType);
    res.send(await metrics.text());
  });
  router.use('/metrics', apiErrorHandler(logger));
  return router;
}
