import { Router } from 'express';
import {
  bulletinBody,
  bulletinParams,
  bulletinsQuery,
  documentQuery,
  emptyPayload,
  handleOpinionBody,
  instructionBody,
  opinionBody,
  opinionEditBody,
  opinionParams,
  opinionsQuery,
  orgParams,
  proposalParams,
} from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { DocumentsService } from '../services/documents.service.js';
import type { OpinionsService } from '../services/opinions.service.js';
import type { ProposalsService } from '../services/proposals.service.js';
import { actorOf } from './context.js';

/** Public-opinion reports (社情民意信息) and bulletins (专报), docs/design.md §6: each route one call of the service. */
export function opinionRoutes(
  accounts: AccountsService,
  opinions: OpinionsService,
  proposals: ProposalsService,
  documents: DocumentsService,
): Router {
  const router = Router();
  const actor = actorOf(accounts);
  const id = (params: unknown) => parseInput(opinionParams, params, 'path').opinionId;
  const org = (params: unknown) => parseInput(orgParams, params, 'path').orgId;
  const bulletinId = (params: unknown) => parseInput(bulletinParams, params, 'path').bulletinId;

  router.get('/orgs/:orgId/opinions', async (req, res) => {
    const who = await actor(req);
    res.json(await opinions.list(who, org(req.params), parseInput(opinionsQuery, req.query, 'query')));
  });

  router.post('/orgs/:orgId/opinions', async (req, res) => {
    const who = await actor(req);
    const orgId = org(req.params);
    res.status(201).json({ opinion: await opinions.submit(who, orgId, parseInput(opinionBody, req.body)) });
  });

  router.get('/opinions/:opinionId', async (req, res) => {
    const who = await actor(req);
    res.json({ opinion: await opinions.get(who, id(req.params)) });
  });

  router.patch('/opinions/:opinionId', async (req, res) => {
    const who = await actor(req);
    res.json({ opinion: await opinions.edit(who, id(req.params), parseInput(opinionEditBody, req.body)) });
  });

  router.post('/opinions/:opinionId/handle', async (req, res) => {
    const who = await actor(req);
    res.json({ opinion: await opinions.handle(who, id(req.params), parseInput(handleOpinionBody, req.body)) });
  });

  router.post('/opinions/:opinionId/instructions', async (req, res) => {
    const who = await actor(req);
    res.json({ opinion: await opinions.instruct(who, id(req.params), parseInput(instructionBody, req.body)) });
  });

  router.post('/proposals/:proposalId/opinion', async (req, res) => {
    const who = await actor(req);
    const { proposalId } = parseInput(proposalParams, req.params, 'path');
    parseInput(emptyPayload, req.body ?? {});
    const opinion = await opinions.fromProposal(who, proposalId);
    res.status(201).json({ opinion, proposal: await proposals.get(who, proposalId) });
  });

  router.get('/orgs/:orgId/bulletins', async (req, res) => {
    const who = await actor(req);
    res.json(await opinions.bulletins(who, org(req.params), parseInput(bulletinsQuery, req.query, 'query')));
  });

  router.post('/orgs/:orgId/bulletins', async (req, res) => {
    const who = await actor(req);
    const orgId = org(req.params);
    res.status(201).json({ bulletin: await opinions.compile(who, orgId, parseInput(bulletinBody, req.body)) });
  });

  router.get('/bulletins/:bulletinId', async (req, res) => {
    const who = await actor(req);
    res.json({ bulletin: await opinions.bulletin(who, bulletinId(req.params)) });
  });

  router.get('/bulletins/:bulletinId/document', async (req, res) => {
    const who = await actor(req);
    const bulletin = await opinions.bulletin(who, bulletinId(req.params));
    await documents.sendBulletin(who, bulletin, parseInput(documentQuery, req.query, 'query'), res);
  });

  return router;
}
