import { Router, type Request } from 'express';
import { attendanceBody, documentQuery, minutesBody, topicParams } from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { AttendanceService } from '../services/attendance.service.js';
import type { DocumentsService } from '../services/documents.service.js';
import { actorOf } from './context.js';

export function documentRoutes(
  accounts: AccountsService,
  documents: DocumentsService,
  attendance: AttendanceService,
): Router {
  const router = Router();
  const actor = actorOf(accounts);
  const id = (req: Request) => parseInput(topicParams, req.params, 'path').id;
  const query = (req: Request) => parseInput(documentQuery, req.query, 'query');

  router.get('/meetings/:id/minutes', async (req, res) => {
    await documents.sendMinutes(await actor(req), id(req), query(req), res);
  });
  router.put('/meetings/:id/minutes', async (req, res) => {
    const who = await actor(req);
    const { body } = parseInput(minutesBody, req.body);
    res.json({ minutes: await documents.saveMinutes(who, id(req), body, query(req).lang) });
  });
  router.post('/meetings/:id/minutes/approve', async (req, res) => {
    res.json({ minutes: await documents.approveMinutes(await actor(req), id(req), query(req).lang) });
  });
  router.get('/meetings/:id/attendance', async (req, res) => {
    res.json({ attendance: await attendance.view(await actor(req), id(req)) });
  });
  router.put('/meetings/:id/attendance', async (req, res) => {
    const who = await actor(req);
    const body = parseInput(attendanceBody, req.body);
    res.json(await attendance.correct(who, id(req), body));
  });
  router.get('/topics/:id/outcome/document', async (req, res) => {
    await documents.sendOutcome(await actor(req), id(req), query(req), res);
  });
  return router;
}
