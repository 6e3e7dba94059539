import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MembersPage } from '@yishi/protocol';
import { encodeCursor } from '../services/pages.js';
import { otherCity, startCommittee, type Committee } from '../test/committee.js';
import type { TestClient } from '../test/harness.js';
import { allPages, expectRefused } from '../test/pages.js';

let c: Committee;
beforeEach(async () => {
  c = await startCommittee();
});
afterEach(async () => {
  await c.server.dispose();
});

/** Enrols someone in the committee's organisation as the administrator would. */
async function enrol(displayName: string, login: string, role = 'member'): Promise<string> {
  const res = await c.admin.post(`/api/orgs/${c.orgId}/members`, {
    login,
    password: `${login}-password`,
    displayName,
    role,
    ...(role === 'official' ? { departmentId: c.departmentId } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.user.id as string;
}

const members = (who: TestClient, query: string) => allPages<MembersPage>(who, `/api/orgs/${c.orgId}/members`, query);
const names = (pages: MembersPage[]) => pages.flatMap((p) => p.members.map((m) => m.user.displayName));

/** The committee's cast, by display name (all lower-case Latin, so that both stores sort them alike). */
const cast = ['chair', 'contact', 'econ', 'farmer', 'observer', 'official', 'secretary', 'teacher'];

describe('pages of an organisation’s members', () => {
  it('come by display name, limited, with the total on every page', async () => {
    const pages = await members(c.as.farmer, 'limit=3');
    expect(pages.map((p) => p.members.length)).toEqual([3, 3, 2]);
    expect(pages.map((p) => p.total)).toEqual([8, 8, 8]);
    expect(names(pages)).toEqual(cast);
    expect(pages[0]!.members[0]).toMatchObject({ orgId: c.orgId, role: 'chair', user: { login: 'chair' } });
    expect(JSON.stringify(pages)).not.toContain('passwordHash');
  });

  it('neither repeat nor skip a member when members are enrolled between pages', async () => {
    const first = (await c.as.farmer.get<MembersPage>(`/api/orgs/${c.orgId}/members?limit=3`)).body;
    expect(first.members.map((m) => m.user.displayName)).toEqual(['chair', 'contact', 'econ']);
    // Enrolled meanwhile: one before the first page's end and one among the rest.
    await enrol('able', 'able');
    await enrol('fern', 'fern');
    const rest: string[] = [];
    let next = first.next;
    while (next) {
      const query = `limit=3&cursor=${encodeURIComponent(next)}`;
      const page = (await c.as.farmer.get<MembersPage>(`/api/orgs/${c.orgId}/members?${query}`)).body;
      rest.push(...page.members.map((m) => m.user.displayName));
      expect(page.total).toBe(10);
      next = page.next;
    }
    expect(rest).toEqual(['farmer', 'fern', 'observer', 'official', 'secretary', 'teacher']);
  });

  it('find members by part of a name or a login, regardless of case, and by role', async () => {
    await enrol('王秀兰', 'Wang.XL');
    await enrol('王建国', 'jianguo', 'official');
    await enrol('李王氏', 'li_w');
    const found = async (query: string) => names(await members(c.as.farmer, query));
    expect(await found(`q=${encodeURIComponent('王')}`)).toEqual(['李王氏', '王建国', '王秀兰'].sort());
    expect(await found('q=WANG')).toEqual(['王秀兰']);
    expect(await found(`q=${encodeURIComponent('i_w')}`)).toEqual(['李王氏']);
    // `_` and `%` are matched literally.
    expect(await found(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await found('role=official')).toEqual(['official', '王建国'].sort());
    const both = await members(c.as.farmer, `q=${encodeURIComponent('王')}&role=official&limit=1`);
    expect(names(both)).toEqual(['王建国']);
    expect(both.map((p) => p.total)).toEqual([1]);
  });

  it('refuse a page size past the maximum, a cursor of another list and unknown filters', async () => {
    await expectRefused(c.as.farmer, `/api/orgs/${c.orgId}/members`, [
      'limit=201',
      `cursor=${encodeCursor('topics', ['chair', c.ids.chair])}`,
      `cursor=${encodeCursor('members', [1, c.ids.chair])}`,
      'role=king',
      `q=${'名'.repeat(101)}`,
    ]);
    const unknown = await c.as.farmer.get(`/api/orgs/${c.orgId}/members?sort=name`);
    expect(unknown.status).toBe(400);
  });

  it('are read only by those who can see the organisation, on every page', async () => {
    const { orgId: other, member: elsewhere } = await otherCity(c);
    const mine = (await c.as.farmer.get<MembersPage>(`/api/orgs/${c.orgId}/members?limit=2`)).body;
    expect((await elsewhere.get(`/api/orgs/${c.orgId}/members`)).status).toBe(403);
    expect((await elsewhere.get(`/api/orgs/${c.orgId}/members?cursor=${encodeURIComponent(mine.next!)}`)).status).toBe(
      403,
    );
    // Their own organisation's cursor read against ours shows only ours.
    const theirs = (await elsewhere.get<MembersPage>(`/api/orgs/${other}/members?limit=1`)).body;
    expect(theirs.members.map((m) => m.user.displayName)).toEqual(['elsewhere']);
  });
});
