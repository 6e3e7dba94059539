import { Router, type Request } from 'express';
import {
  advanceBody,
  meetingSettingsBody,
  answerBody,
  createMeetingBody,
  createTopicBody,
  forwardBody,
  orgParams,
  orgSettingsBody,
  outcomeBody,
  participantBody,
  ratingBody,
  meetingTimesBody,
  recordSpeechBody,
  researchBody,
  saveVersionBody,
  versionParams,
  topicParams,
  topicParticipantParams,
  topicsQuery,
  vettingBody,
} from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { MeetingsService } from '../services/meetings.service.js';
import type { PollsService } from '../services/polls.service.js';
import type { RoomService } from '../services/room.service.js';
import type { DraftService } from '../services/draft.service.js';
import type { TopicWorkService } from '../services/topic-work.service.js';
import type { TopicsService } from '../services/topics.service.js';
import { actorOf } from './context.js';

export function topicRoutes(
  accounts: AccountsService,
  topics: TopicsService,
  work: TopicWorkService,
  meetings: MeetingsService,
  room: RoomService,
  draft: DraftService,
  polls: PollsService,
): Router {
  const router = Router();
  const actor = actorOf(accounts);
  const id = (req: Request) => parseInput(topicParams, req.params, 'path').id;

  router.get('/topics', async (req, res) => {
    const who = await actor(req);
    res.json(await topics.list(who, parseInput(topicsQuery, req.query, 'query')));
  });
  router.post('/topics', async (req, res) => {
    const who = await actor(req);
    res.status(201).json({ topic: await topics.create(who, parseInput(createTopicBody, req.body)) });
  });
  router.get('/topics/:id', async (req, res) => {
    res.json({ topic: await topics.get(await actor(req), id(req)) });
  });
  router.post('/topics/:id/forward', async (req, res) => {
    const who = await actor(req);
    res.status(201).json({ topic: await topics.forward(who, id(req), parseInput(forwardBody, req.body)) });
  });
  router.post('/topics/:id/advance', async (req, res) => {
    const who = await actor(req);
    res.json({ topic: await topics.advance(who, id(req), parseInput(advanceBody, req.body)) });
  });
  router.put('/topics/:id/vetting', async (req, res) => {
    const who = await actor(req);
    res.json({ topic: await work.vet(who, id(req), parseInput(vettingBody, req.body)) });
  });
  router.get('/topics/:id/participants/suggestions', async (req, res) => {
    res.json({ suggestions: await work.suggestions(await actor(req), id(req)) });
  });
  router.post('/topics/:id/participants', async (req, res) => {
    const who = await actor(req);
    res.json({ topic: await work.addParticipant(who, id(req), parseInput(participantBody, req.body)) });
  });
  router.delete('/topics/:id/participants/:userId', async (req, res) => {
    const who = await actor(req);
    const params = parseInput(topicParticipantParams, req.params, 'path');
    res.json({ topic: await work.removeParticipant(who, params.id, params.userId) });
  });
  router.post('/topics/:id/research', async (req, res) => {
    const who = await actor(req);
    res.status(201).json({ topic: await work.addResearch(who, id(req), parseInput(researchBody, req.body)) });
  });
  router.post('/topics/:id/meetings', async (req, res) => {
    const who = await actor(req);
    res.status(201).json({ meeting: await meetings.schedule(who, id(req), parseInput(createMeetingBody, req.body)) });
  });
  router.put('/topics/:id/outcome', async (req, res) => {
    const who = await actor(req);
    res.json({ topic: await work.setOutcome(who, id(req), parseInput(outcomeBody, req.body)) });
  });
  router.post('/topics/:id/answer', async (req, res) => {
    const who = await actor(req);
    res.json({ topic: await work.answer(who, id(req), parseInput(answerBody, req.body)) });
  });
  router.post('/topics/:id/ratings', async (req, res) => {
    const who = await actor(req);
    res.json({ topic: await work.rate(who, id(req), parseInput(ratingBody, req.body)) });
  });

  router.get('/meetings/:id', async (req, res) => {
    res.json(await meetings.get(await actor(req), id(req)));
  });
  router.post('/meetings/:id/open', async (req, res) => {
    res.json({ meeting: await meetings.open(await actor(req), id(req)) });
  });
  router.post('/meetings/:id/close', async (req, res) => {
    res.json({ meeting: await meetings.close(await actor(req), id(req)) });
  });
  router.get('/topics/:id/draft/versions', async (req, res) => {
    res.json({ versions: await draft.list(await actor(req), id(req)) });
  });
  router.post('/topics/:id/draft/versions', async (req, res) => {
    const who = await actor(req);
    const { name } = parseInput(saveVersionBody, req.body);
    res.status(201).json({ version: await draft.save(who, id(req), name) });
  });
  router.get('/topics/:id/draft/versions/:versionId', async (req, res) => {
    const who = await actor(req);
    const params = parseInput(versionParams, req.params, 'path');
    res.json({ version: await draft.get(who, params.id, params.versionId) });
  });
  router.get('/meetings/:id/polls', async (req, res) => {
    res.json(await polls.list(await actor(req), id(req)));
  });
  router.get('/meetings/:id/settings', async (req, res) => {
    res.json({ settings: await room.currentSettings(await actor(req), id(req)) });
  });
  router.put('/meetings/:id/settings', async (req, res) => {
    const who = await actor(req);
    res.json({ queue: await room.settings(who, id(req), parseInput(meetingSettingsBody, req.body)) });
  });
  router.put('/meetings/:id/times', async (req, res) => {
    const who = await actor(req);
    res.json(await meetings.correctTimes(who, id(req), parseInput(meetingTimesBody, req.body)));
  });
  router.post('/meetings/:id/speeches', async (req, res) => {
    const who = await actor(req);
    res.status(201).json({ speech: await meetings.recordSpeech(who, id(req), parseInput(recordSpeechBody, req.body)) });
  });

  router.get('/orgs/:orgId/settings', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json({ settings: await work.orgSettings(who, orgId) });
  });
  router.put('/orgs/:orgId/settings', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json({ settings: await work.setOrgSettings(who, orgId, parseInput(orgSettingsBody, req.body)) });
  });

  return router;
}
