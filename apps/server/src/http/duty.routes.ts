import { Router } from 'express';
import { dutyExportQuery, dutyMemberParams, dutyQuery, dutyWeightsBody, orgParams } from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { DutyService } from '../services/duty.service.js';
import { actorOf } from './context.js';

/** Duty records (履职档案, docs/design.md §6): each route one call of the service. */
export function dutyRoutes(accounts: AccountsService, duty: DutyService): Router {
  const router = Router();
  const actor = actorOf(accounts);
  const org = (params: unknown) => parseInput(orgParams, params, 'path').orgId;

  router.get('/orgs/:orgId/duty', async (req, res) => {
    const who = await actor(req);
    res.json(await duty.table(who, org(req.params), parseInput(dutyQuery, req.query, 'query')));
  });

  router.get('/orgs/:orgId/duty/export', async (req, res) => {
    const who = await actor(req);
    const { file, name } = await duty.workbook(who, org(req.params), parseInput(dutyExportQuery, req.query, 'query'));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="duty.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`,
    );
    res.send(file);
  });

  router.get('/orgs/:orgId/duty/weights', async (req, res) => {
    const who = await actor(req);
    res.json(await duty.weights(who, org(req.params)));
  });

  router.put('/orgs/:orgId/duty/weights', async (req, res) => {
    const who = await actor(req);
    res.json(await duty.setWeights(who, org(req.params), parseInput(dutyWeightsBody, req.body)));
  });

  router.get('/orgs/:orgId/duty/:userId', async (req, res) => {
    const who = await actor(req);
    const { orgId, userId } = parseInput(dutyMemberParams, req.params, 'path');
    res.json(await duty.record(who, orgId, userId, parseInput(dutyQuery, req.query, 'query')));
  });

  return router;
}
