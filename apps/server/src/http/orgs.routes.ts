import { Router } from 'express';
import {
  departmentBody,
  departmentParams,
  mergeDepartmentBody,
  createMemberBody,
  createOrgBody,
  updateOrgBody,
  memberParams,
  membersQuery,
  orgParams,
  resetPasswordBody,
  updateMemberBody,
} from '@yishi/protocol';
import { parseInput } from '../errors.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { DepartmentsService } from '../services/departments.service.js';
import type { MembersService } from '../services/members.service.js';
import type { OrgsService } from '../services/orgs.service.js';
import { actorOf } from './context.js';

export function orgRoutes(
  accounts: AccountsService,
  orgs: OrgsService,
  members: MembersService,
  departments: DepartmentsService,
): Router {
  const router = Router();
  const actor = actorOf(accounts);

  router.get('/orgs', async (req, res) => {
    res.json({ orgs: await orgs.list(await actor(req)) });
  });

  router.post('/orgs', async (req, res) => {
    const who = await actor(req);
    res.status(201).json({ org: await orgs.create(who, parseInput(createOrgBody, req.body)) });
  });

  router.patch('/orgs/:orgId', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json({ org: await orgs.update(who, orgId, parseInput(updateOrgBody, req.body)) });
  });

  router.get('/orgs/:orgId/members', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json(await members.list(who, orgId, parseInput(membersQuery, req.query, 'query')));
  });

  router.post('/orgs/:orgId/members', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.status(201).json(await members.create(who, orgId, parseInput(createMemberBody, req.body)));
  });

  router.patch('/orgs/:orgId/members/:userId', async (req, res) => {
    const who = await actor(req);
    const { orgId, userId } = parseInput(memberParams, req.params, 'path');
    res.json({ member: await members.update(who, orgId, userId, parseInput(updateMemberBody, req.body)) });
  });

  router.post('/orgs/:orgId/members/:userId/password', async (req, res) => {
    const who = await actor(req);
    const { orgId, userId } = parseInput(memberParams, req.params, 'path');
    const { password } = parseInput(resetPasswordBody, req.body);
    await members.resetPassword(who, orgId, userId, password);
    res.status(204).end();
  });

  router.post('/orgs/:orgId/members/:userId/unlock', async (req, res) => {
    const who = await actor(req);
    const { orgId, userId } = parseInput(memberParams, req.params, 'path');
    await members.unlock(who, orgId, userId);
    res.status(204).end();
  });

  router.get('/orgs/:orgId/departments', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.json({ departments: await departments.list(who, orgId) });
  });

  router.post('/orgs/:orgId/departments', async (req, res) => {
    const who = await actor(req);
    const { orgId } = parseInput(orgParams, req.params, 'path');
    res.status(201).json({ department: await departments.create(who, orgId, parseInput(departmentBody, req.body)) });
  });

  router.patch('/departments/:departmentId', async (req, res) => {
    const who = await actor(req);
    const { departmentId } = parseInput(departmentParams, req.params, 'path');
    res.json({ department: await departments.rename(who, departmentId, parseInput(departmentBody, req.body)) });
  });

  router.post('/departments/:departmentId/merge', async (req, res) => {
    const who = await actor(req);
    const { departmentId } = parseInput(departmentParams, req.params, 'path');
    res.json({ department: await departments.merge(who, departmentId, parseInput(mergeDepartmentBody, req.body)) });
  });

  router.delete('/departments/:departmentId', async (req, res) => {
    const who = await actor(req);
    const { departmentId } = parseInput(departmentParams, req.params, 'path');
    await departments.remove(who, departmentId);
    res.status(204).end();
  });

  return router;
}
