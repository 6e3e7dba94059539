import { Router } from 'express';
import {
  overviewQuery,
  dashboardQuery,
  emailChoicesBody,
  inboxQuery,
  notificationParams,
  notificationsQuery,
} from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { OverviewService } from '../services/overview.service.js';
import type { FollowUpService } from '../services/follow-up.service.js';
import type { DashboardService } from '../services/dashboard.service.js';
import { actorOf } from './context.js';

export function followUpRoutes(
  accounts: AccountsService,
  followUp: FollowUpService,
  dashboard: DashboardService,
  overview: OverviewService,
): Router {
  const router = Router();
  const actor = actorOf(accounts);

  router.get('/inbox', async (req, res) => {
    const who = await actor(req);
    res.json(await followUp.inboxPage(who, parseInput(inboxQuery, req.query, 'query')));
  });
  router.get('/me/overview', async (req, res) => {
    const who = await actor(req);
    res.json({ overview: await overview.get(who, parseInput(overviewQuery, req.query, 'query')) });
  });
  router.get('/dashboard', async (req, res) => {
    const who = await actor(req);
    res.json({ dashboard: await dashboard.get(who, parseInput(dashboardQuery, req.query, 'query')) });
  });
  router.get('/notifications', async (req, res) => {
    const who = await actor(req);
    res.json(await followUp.list(who, parseInput(notificationsQuery, req.query, 'query')));
  });
  router.post('/notifications/read-all', async (req, res) => {
    await followUp.markRead(await actor(req), 'all');
    res.status(204).end();
  });
  router.post('/notifications/:id/read', async (req, res) => {
    const who = await actor(req);
    await followUp.markRead(who, parseInput(notificationParams, req.params, 'path').id);
    res.status(204).end();
  });
  router.get('/me/email', async (req, res) => {
    res.json({ email: await followUp.emailChoices(await actor(req)) });
  });
  router.put('/me/email', async (req, res) => {
    const who = await actor(req);
    res.json({ email: await followUp.setEmailChoices(who, parseInput(emailChoicesBody, req.body)) });
  });
  return router;
}
