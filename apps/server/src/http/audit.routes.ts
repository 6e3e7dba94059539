import { Router } from 'express';
import { auditQuery, orgParams } from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { AuditService } from '../services/audit.service.js';
import { actorOf } from './context.js';

/** The audit logs: an organisation's, and the installation's own. */
export function auditRoutes(accounts: AccountsService, audit: AuditService): Router {
  const router = Router();
  const actor = actorOf(accounts);

  router.get('/orgs/:orgId/audit', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json(await audit.page(who, orgId, parseInput(auditQuery, req.query, 'query')));
  });

  router.get('/orgs/:orgId/audit/verify', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json(await audit.verify(who, orgId));
  });

  router.get('/audit', async (req, res) => {
    res.json(await audit.page(await actor(req), null, parseInput(auditQuery, req.query, 'query')));
  });

  router.get('/audit/verify', async (req, res) => {
    res.json(await audit.verify(await actor(req), null));
  });

  return router;
}
