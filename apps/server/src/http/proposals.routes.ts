import { Router } from 'express';
import {
  assessmentBody,
  consultationBody,
  cosignerBody,
  cosignerParams,
  documentQuery,
  keyBody,
  orgParams,
  proposalBody,
  proposalEditBody,
  proposalParams,
  proposalsQuery,
  replyBody,
  reviewBody,
} from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { DocumentsService } from '../services/documents.service.js';
import type { ProposalsService } from '../services/proposals.service.js';
import { actorOf } from './context.js';

/** Proposals (提案, docs/design.md §6): each route one call of the service. */
export function proposalRoutes(
  accounts: AccountsService,
  proposals: ProposalsService,
  documents: DocumentsService,
): Router {
  const router = Router();
  const actor = actorOf(accounts);
  const id = (params: unknown) => parseInput(proposalParams, params, 'path').proposalId;

  router.get('/orgs/:orgId/proposals', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json(await proposals.list(who, orgId, parseInput(proposalsQuery, req.query, 'query')));
  });

  router.post('/orgs/:orgId/proposals', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.status(201).json({ proposal: await proposals.create(who, orgId, parseInput(proposalBody, req.body)) });
  });

  router.get('/proposals/:proposalId', async (req, res) => {
    const who = await actor(req);
    res.json({ proposal: await proposals.get(who, id(req.params)) });
  });

  router.get('/proposals/:proposalId/document', async (req, res) => {
    const who = await actor(req);
    const proposal = await proposals.get(who, id(req.params));
    await documents.sendProposal(who, proposal, parseInput(documentQuery, req.query, 'query'), res);
  });

  router.patch('/proposals/:proposalId', async (req, res) => {
    const who = await actor(req);
    res.json({ proposal: await proposals.edit(who, id(req.params), parseInput(proposalEditBody, req.body)) });
  });

  router.post('/proposals/:proposalId/cosigners', async (req, res) => {
    const who = await actor(req);
    const { userId } = parseInput(cosignerBody, req.body);
    res.json({ proposal: await proposals.invite(who, id(req.params), userId) });
  });

  router.delete('/proposals/:proposalId/cosigners/:userId', async (req, res) => {
    const who = await actor(req);
    const { proposalId, userId } = parseInput(cosignerParams, req.params, 'path');
    const proposal = await proposals.removeCosigner(who, proposalId, userId);
    // Someone who declined may no longer read the draft: nothing to show them.
    if (proposal) res.json({ proposal });
    else res.status(204).end();
  });

  router.post('/proposals/:proposalId/cosign', async (req, res) => {
    const who = await actor(req);
    res.json({ proposal: await proposals.cosign(who, id(req.params)) });
  });

  router.post('/proposals/:proposalId/submit', async (req, res) => {
    const who = await actor(req);
    res.json({ proposal: await proposals.submit(who, id(req.params)) });
  });

  router.post('/proposals/:proposalId/review', async (req, res) => {
    const who = await actor(req);
    res.json({ proposal: await proposals.review(who, id(req.params), parseInput(reviewBody, req.body)) });
  });

  router.post('/proposals/:proposalId/reply', async (req, res) => {
    const who = await actor(req);
    res.json({ proposal: await proposals.reply(who, id(req.params), parseInput(replyBody, req.body)) });
  });

  router.post('/proposals/:proposalId/assessment', async (req, res) => {
    const who = await actor(req);
    res.json({ proposal: await proposals.assess(who, id(req.params), parseInput(assessmentBody, req.body)) });
  });

  router.post('/proposals/:proposalId/consultation', async (req, res) => {
    const who = await actor(req);
    const proposalId = id(req.params);
    const topicId = await proposals.openConsultation(who, proposalId, parseInput(consultationBody, req.body));
    res.status(201).json({ topicId, proposal: await proposals.get(who, proposalId) });
  });

  router.post('/proposals/:proposalId/key', async (req, res) => {
    const who = await actor(req);
    const { key } = parseInput(keyBody, req.body);
    res.json({ proposal: await proposals.flag(who, id(req.params), key) });
  });

  return router;
}
