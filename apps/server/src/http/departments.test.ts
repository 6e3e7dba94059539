import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherCity, startCommittee, type Committee } from '../test/committee.js';
import type { TestClient } from '../test/harness.js';

/**
 * Departments (承办单位, DESIGN §6): an organisation's administrators and secretariat keep them;
 * every official answers for one; everyone who sees the organisation reads them.
 */
let c: Committee;
let other: Awaited<ReturnType<typeof otherCity>>;
beforeAll(async () => {
  c = await startCommittee();
  other = await otherCity(c);
});
afterAll(async () => {
  await c.server.dispose();
});

const departmentsOf = async (who: TestClient, orgId = c.orgId) =>
  (await who.get(`/api/orgs/${orgId}/departments`)).body.departments as {
    id: string;
    name: string;
    officials: number;
  }[];

async function made(name: string, who: TestClient = c.admin): Promise<string> {
  const res = await who.post(`/api/orgs/${c.orgId}/departments`, { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.department.id as string;
}

function expectInvalid(res: { status: number; body: any }, path: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION');
  expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
}

async function enrolOfficial(login: string, departmentId: unknown) {
  return c.admin.post(`/api/orgs/${c.orgId}/members`, {
    login,
    password: `${login}-password`,
    displayName: login,
    role: 'official',
    ...(departmentId === undefined ? {} : { departmentId }),
  });
}

describe('departments', () => {
  it('are listed by name with their officials for everyone in the organisation, and for no one outside', async () => {
    await made('市教育局', c.as.secretary);
    for (const who of [c.as.farmer, c.as.observer, c.as.official]) {
      const list = await departmentsOf(who);
      expect(list.map((d) => d.name)).toEqual([...list.map((d) => d.name)].sort());
      expect(list.find((d) => d.id === c.departmentId)).toMatchObject({ name: '市发展改革委', officials: 1 });
      expect(list.find((d) => d.name === '市教育局')).toMatchObject({ officials: 0 });
    }
    expect((await other.member.get(`/api/orgs/${c.orgId}/departments`)).status).toBe(403);
  });

  it('are added, renamed and removed only by the administrators and the secretariat', async () => {
    for (const who of [c.as.chair, c.as.farmer, c.as.official, c.as.observer]) {
      expect((await who.post(`/api/orgs/${c.orgId}/departments`, { name: '市审计局' })).status).toBe(403);
      expect((await who.patch(`/api/departments/${c.departmentId}`, { name: '改名' })).status).toBe(403);
      expect((await who.delete(`/api/departments/${c.departmentId}`)).status).toBe(403);
    }
    expect((await departmentsOf(c.admin)).map((d) => d.name)).not.toContain('市审计局');
    const id = await made('市审计局', c.as.secretary);
    const renamed = await c.as.secretary.patch(`/api/departments/${id}`, { name: '市审计局（新）' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.department).toMatchObject({ id, name: '市审计局（新）' });
    expect((await c.as.secretary.delete(`/api/departments/${id}`)).status).toBe(204);
    expect((await departmentsOf(c.admin)).map((d) => d.id)).not.toContain(id);
    expect((await c.admin.delete(`/api/departments/${id}`)).status).toBe(404);

    const log = (await c.admin.get(`/api/orgs/${c.orgId}/audit?limit=20`)).body.entries as {
      action: string;
      subject: { type: string; id: string } | null;
    }[];
    const about = log.filter((e) => e.subject?.id === id).map((e) => e.action);
    expect(about).toEqual(['department.deleted', 'department.renamed', 'department.created']);
  });

  it('refuse a name twice in one organisation, a blank or long name, and unknown fields, changing nothing', async () => {
    const before = await departmentsOf(c.admin);
    const twice = await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '市发展改革委' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CONFLICT');
    expectInvalid(await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '   ' }), 'name');
    expectInvalid(await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '局'.repeat(101) }), 'name');
    expectInvalid(await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '市民政局', head: 'x' }), 'head');
    const other = await made('市民政局');
    expect((await c.admin.patch(`/api/departments/${other}`, { name: '市发展改革委' })).status).toBe(409);
    await c.admin.delete(`/api/departments/${other}`);
    expect(await departmentsOf(c.admin)).toEqual(before);
  });

  it('take one name once even when two people add it at the same moment', async () => {
    const [a, b] = await Promise.all([
      c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '市统计局' }),
      c.as.secretary.post(`/api/orgs/${c.orgId}/departments`, { name: '市统计局' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((await departmentsOf(c.admin)).filter((d) => d.name === '市统计局')).toHaveLength(1);
  });
});

describe('an official’s department', () => {
  it('is required of an official, refused for anyone else, and must be of the same organisation', async () => {
    expectInvalid(await enrolOfficial('off-none', undefined), 'departmentId');
    expectInvalid(await enrolOfficial('off-null', null), 'departmentId');
    expectInvalid(await enrolOfficial('off-unknown', 'no-such-department'), 'departmentId');
    const theirs = await c.admin.post(`/api/orgs/${other.orgId}/departments`, { name: '别市财政局' });
    expectInvalid(await enrolOfficial('off-other', theirs.body.department.id), 'departmentId');
    const member = await c.admin.post(`/api/orgs/${c.orgId}/members`, {
      login: 'mem-dept',
      password: 'mem-dept-password',
      displayName: 'mem-dept',
      role: 'member',
      departmentId: c.departmentId,
    });
    expectInvalid(member, 'departmentId');
    const logins = (await c.admin.get(`/api/orgs/${c.orgId}/members?limit=200`)).body.members.map(
      (m: { user: { login: string } }) => m.user.login,
    );
    expect(logins.filter((l: string) => l.startsWith('off-') || l === 'mem-dept')).toEqual([]);
  });

  it('moves with a change of department, goes with a change of role, and is needed to become an official', async () => {
    const created = await enrolOfficial('off-move', c.departmentId);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.membership.departmentId).toBe(c.departmentId);
    const userId = created.body.user.id as string;
    const path = `/api/orgs/${c.orgId}/members/${userId}`;
    const target = await made('市水利局');
    expect((await c.admin.patch(path, { departmentId: target })).body.member.departmentId).toBe(target);
    const demoted = await c.admin.patch(path, { role: 'member' });
    expect(demoted.body.member).toMatchObject({ role: 'member', departmentId: null });
    expectInvalid(await c.admin.patch(path, { role: 'official' }), 'departmentId');
    expectInvalid(await c.admin.patch(path, { departmentId: target }), 'departmentId');
    const promoted = await c.admin.patch(path, { role: 'official', departmentId: target });
    expect(promoted.body.member).toMatchObject({ role: 'official', departmentId: target });
    expect((await departmentsOf(c.admin)).find((d) => d.id === target)?.officials).toBe(1);
  });
});

describe('merging a department', () => {
  it('moves its officials into the other one and removes it; deleting one with officials is refused', async () => {
    const from = await made('市住建局（旧）');
    const into = await made('市住房和城乡建设局');
    const official = await enrolOfficial('off-merge', from);
    expect(official.status).toBe(201);
    expect((await c.admin.delete(`/api/departments/${from}`)).status).toBe(409);

    expectInvalid(await c.admin.post(`/api/departments/${from}/merge`, { into: from }), 'into');
    const theirs = (await c.admin.post(`/api/orgs/${other.orgId}/departments`, { name: '别市住建局' })).body.department;
    expectInvalid(await c.admin.post(`/api/departments/${from}/merge`, { into: theirs.id }), 'into');
    expect((await c.as.farmer.post(`/api/departments/${from}/merge`, { into })).status).toBe(403);

    const merged = await c.as.secretary.post(`/api/departments/${from}/merge`, { into });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.department).toMatchObject({ id: into, officials: 1 });
    const list = await departmentsOf(c.admin);
    expect(list.map((d) => d.id)).not.toContain(from);
    const member = (await c.admin.get(`/api/orgs/${c.orgId}/members?q=off-merge`)).body.members[0];
    expect(member.departmentId).toBe(into);
  });
});
