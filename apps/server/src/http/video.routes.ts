import { Router } from 'express';
import { topicParams } from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { VideoService } from '../services/video.service.js';
import { actorOf, requireSession } from './context.js';

/** Meetings' video conferences: what this server offers, and how to join one. */
export function videoRoutes(accounts: AccountsService, video: VideoService): Router {
  const router = Router();
  const actor = actorOf(accounts);

  router.get('/video', (req, res) => {
    requireSession(req);
    res.json(video.offer());
  });
  router.get('/meetings/:id/video', async (req, res) => {
    const who = await actor(req);
    res.json(await video.join(who, parseInput(topicParams, req.params, 'path').id));
  });

  return router;
}
