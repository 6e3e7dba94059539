import { Router } from 'express';
import { caseParams, casesQuery, topicParams } from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { CasesService } from '../services/cases.service.js';
import { actorOf } from './context.js';

export function caseRoutes(accounts: AccountsService, cases: CasesService): Router {
  const router = Router();
  const actor = actorOf(accounts);

  router.post('/topics/:id/publish', async (req, res) => {
    const who = await actor(req);
    const { id } = parseInput(topicParams, req.params, 'path');
    res.status(201).json({ case: await cases.publish(who, id) });
  });
  router.get('/cases', async (req, res) => {
    const who = await actor(req);
    res.json(await cases.search(who, parseInput(casesQuery, req.query, 'query')));
  });
  router.get('/cases/:id', async (req, res) => {
    const who = await actor(req);
    res.json({ case: await cases.get(who, parseInput(caseParams, req.params, 'path').id) });
  });
  return router;
}
