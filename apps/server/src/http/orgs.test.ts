import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWithAdmin, TestClient, type TestServer } from '../test/harness.js';

let server: TestServer;
let admin: TestClient;
beforeEach(async () => {
  ({ server, admin } = await startWithAdmin());
});
afterEach(async () => {
  await server.dispose();
});

async function createOrg(client: TestClient, body: object) {
  const res = await client.post('/api/orgs', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.org as { id: string; name: string };
}

async function addMember(client: TestClient, orgId: string, login: string, role: string, extra: object = {}) {
  const res = await client.post(`/api/orgs/${orgId}/members`, {
    login,
    password: `${login}-password`,
    displayName: login,
    role,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { user: { id: string }; membership: { id: string } };
}

async function signIn(login: string) {
  const client = new TestClient(server.url);
  const res = await client.post('/api/auth/login', { login, password: `${login}-password` });
  expect(res.status).toBe(200);
  return client;
}

describe('organisations', () => {
  it('builds a tree of levels and refuses a child at or above its parent', async () => {
    const province = await createOrg(admin, { name: '省政协', level: 'province' });
    const city = await createOrg(admin, { name: '市政协', level: 'city', parentId: province.id });
    await createOrg(admin, { name: '县政协', level: 'county', parentId: city.id });

    const same = await admin.post('/api/orgs', { name: '另一个市', level: 'city', parentId: city.id });
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual([{ path: 'level', message: "must be below the parent's level (city)" }]);
    const orphan = await admin.post('/api/orgs', { name: 'x', level: 'county', parentId: 'no-such-org' });
    expect(orphan.status).toBe(400);

    const list = await admin.get('/api/orgs');
    expect(list.body.orgs.map((o: { name: string }) => o.name)).toEqual(['省政协', '市政协', '县政协']);
  });

  it('refuses a member who tries to create an organisation (403) and changes nothing', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    await addMember(admin, city.id, 'member1', 'member');
    const member = await signIn('member1');
    for (const body of [
      { name: '县政协', level: 'county', parentId: city.id },
      { name: '新省', level: 'province' },
    ]) {
      const res = await member.post('/api/orgs', body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await admin.get('/api/orgs')).body.orgs).toHaveLength(1);
  });

  it('lets an org admin create below their organisation but not at the top', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    await addMember(admin, city.id, 'orgadmin', 'admin');
    const orgAdmin = await signIn('orgadmin');
    expect((await orgAdmin.post('/api/orgs', { name: '县政协', level: 'county', parentId: city.id })).status).toBe(201);
    expect((await orgAdmin.post('/api/orgs', { name: '省', level: 'province' })).status).toBe(403);
  });

  it('shows members their organisations and those below, never a sibling tree', async () => {
    const cityA = await createOrg(admin, { name: 'A市', level: 'city' });
    const countyA = await createOrg(admin, { name: 'A县', level: 'county', parentId: cityA.id });
    const cityB = await createOrg(admin, { name: 'B市', level: 'city' });
    await addMember(admin, cityA.id, 'a-member', 'member');
    const member = await signIn('a-member');
    const names = (await member.get('/api/orgs')).body.orgs.map((o: { name: string }) => o.name);
    expect(names).toEqual(['A市', 'A县']);
    expect((await member.get(`/api/orgs/${countyA.id}/members`)).status).toBe(200);
    expect((await member.get(`/api/orgs/${cityB.id}/members`)).status).toBe(403);
    expect((await member.get('/api/orgs/no-such-org/members')).status).toBe(404);
  });
});

describe('members', () => {
  it('enrols a member with role, sector and expertise, and refuses a taken login', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    const created = await admin.post(`/api/orgs/${city.id}/members`, {
      login: 'Li.Si',
      password: 'li-si-password',
      displayName: '李四',
      role: 'member',
      sector: '经济界',
      expertise: ['财税', '营商环境', '财税'],
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ login: 'li.si', displayName: '李四', isAdmin: false });
    expect(created.body.membership).toMatchObject({
      role: 'member',
      sector: '经济界',
      expertise: ['财税', '营商环境'],
    });

    const taken = await admin.post(`/api/orgs/${city.id}/members`, {
      login: 'li.si',
      password: 'another-password',
      displayName: '李四二',
      role: 'member',
    });
    expect(taken.status).toBe(409);

    const members = (await admin.get(`/api/orgs/${city.id}/members`)).body.members;
    expect(members).toHaveLength(1);
    expect(members[0].user.displayName).toBe('李四');
  });

  it('lets the secretariat enrol members but not give managing roles', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    await addMember(admin, city.id, 'staff', 'secretariat');
    const staff = await signIn('staff');
    const department = await staff.post(`/api/orgs/${city.id}/departments`, { name: '市交通运输局' });
    expect(department.status, JSON.stringify(department.body)).toBe(201);
    await addMember(staff, city.id, 'official1', 'official', { departmentId: department.body.department.id });
    const res = await staff.post(`/api/orgs/${city.id}/members`, {
      login: 'boss',
      password: 'boss-password',
      displayName: 'boss',
      role: 'admin',
    });
    expect(res.status).toBe(403);
  });

  it('lets only an administrator make, reset, demote or deactivate a chair', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    const chair = await addMember(admin, city.id, 'chair', 'chair');
    await addMember(admin, city.id, 'staff', 'secretariat');
    const staff = await signIn('staff');
    const path = `/api/orgs/${city.id}/members/${chair.user.id}`;
    const attempts = [
      await staff.post(`/api/orgs/${city.id}/members`, {
        login: 'fake',
        password: 'fake-password',
        displayName: '主席',
        role: 'chair',
      }),
      await staff.post(`${path}/password`, { password: 'taken-over-1' }),
      await staff.patch(path, { role: 'observer' }),
      await staff.patch(path, { active: false }),
      await staff.patch(path, { displayName: '别人' }),
    ];
    expect(attempts.map((res) => res.status)).toEqual([403, 403, 403, 403, 403]);
    // Nothing changed: the chair still signs in with their password, as chair.
    const still = await signIn('chair');
    expect((await still.get('/api/me')).body.memberships[0].role).toBe('chair');
    expect((await admin.patch(path, { role: 'member' })).status).toBe(200);
  });

  it('refuses members and chairs who try to enrol or edit members', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    const target = await addMember(admin, city.id, 'target', 'member');
    await addMember(admin, city.id, 'chair1', 'chair');
    const chair = await signIn('chair1');
    expect(
      (
        await chair.post(`/api/orgs/${city.id}/members`, {
          login: 'new1',
          password: 'new1-password',
          displayName: 'n',
          role: 'member',
        })
      ).status,
    ).toBe(403);
    expect((await chair.patch(`/api/orgs/${city.id}/members/${target.user.id}`, { active: false })).status).toBe(403);
    expect(
      (
        await chair.post(`/api/orgs/${city.id}/members/${target.user.id}/password`, {
          password: 'hijacked-password',
        })
      ).status,
    ).toBe(403);
  });

  it('resets a password and signs the member out everywhere', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    const target = await addMember(admin, city.id, 'wang', 'member');
    const wang = await signIn('wang');
    const reset = await admin.post(`/api/orgs/${city.id}/members/${target.user.id}/password`, {
      password: 'brand-new-password',
    });
    expect(reset.status).toBe(204);
    expect((await wang.get('/api/me')).status).toBe(401);
    const again = new TestClient(server.url);
    expect((await again.post('/api/auth/login', { login: 'wang', password: 'wang-password' })).status).toBe(401);
    expect((await again.post('/api/auth/login', { login: 'wang', password: 'brand-new-password' })).status).toBe(200);
  });

  it('refuses a weak password when enrolling a member or resetting one, and changes nothing', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    const weak = { path: 'password', message: expect.any(String), problem: 'weak_password' };
    const body = { login: 'qian', displayName: '钱七', role: 'member' };
    for (const password of ['        ', 'password1', 'qian1234']) {
      const res = await admin.post(`/api/orgs/${city.id}/members`, { ...body, password });
      expect(res.status, password).toBe(400);
      expect(res.body.error.details).toEqual([weak]);
    }
    expect((await admin.get(`/api/orgs/${city.id}/members`)).body.members).toEqual([]);

    const target = await addMember(admin, city.id, 'wang', 'member');
    const reset = await admin.post(`/api/orgs/${city.id}/members/${target.user.id}/password`, { password: '12345678' });
    expect(reset.status).toBe(400);
    expect(reset.body.error.details).toEqual([weak]);
    await signIn('wang');
  });

  it('deactivates a member: sessions end, login is refused; reactivation restores it', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    const target = await addMember(admin, city.id, 'zhao', 'member', { sector: '农业界' });
    const zhao = await signIn('zhao');
    const off = await admin.patch(`/api/orgs/${city.id}/members/${target.user.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.member).toMatchObject({ active: false, user: { active: false } });
    expect((await zhao.get('/api/me')).status).toBe(401);
    const retry = new TestClient(server.url);
    expect((await retry.post('/api/auth/login', { login: 'zhao', password: 'zhao-password' })).status).toBe(401);

    const on = await admin.patch(`/api/orgs/${city.id}/members/${target.user.id}`, { active: true, role: 'chair' });
    expect(on.body.member).toMatchObject({ active: true, role: 'chair', sector: '农业界', user: { active: true } });
    expect((await retry.post('/api/auth/login', { login: 'zhao', password: 'zhao-password' })).status).toBe(200);
  });

  it('does not let a manager deactivate themselves', async () => {
    const city = await createOrg(admin, { name: '市政协', level: 'city' });
    const self = await addMember(admin, city.id, 'orgadmin', 'admin');
    const orgAdmin = await signIn('orgadmin');
    const res = await orgAdmin.patch(`/api/orgs/${city.id}/members/${self.user.id}`, { active: false });
    expect(res.status).toBe(403);
  });

  it('renames an organisation and moves it under another parent, levels descending and never under itself', async () => {
    const province = await createOrg(admin, { name: '省政协', level: 'province' });
    const cityA = await createOrg(admin, { name: '江城市政协', level: 'city', parentId: province.id });
    const cityB = await createOrg(admin, { name: '临川市政协', level: 'city', parentId: province.id });
    const county = await createOrg(admin, { name: '临江县政协', level: 'county', parentId: cityA.id });
    const station = await createOrg(admin, { name: '城关联络站', level: 'liaison_station', parentId: county.id });
    await addMember(admin, cityA.id, 'cityAdmin', 'admin');
    await addMember(admin, county.id, 'countyMember', 'member');
    const cityAdmin = await signIn('cityAdmin');
    const countyMember = await signIn('countyMember');
    const patch = (who: TestClient, id: string, body: object) => who.patch(`/api/orgs/${id}`, body);
    const refused = async (res: { status: number; body: any }, status: number, code: string, field?: string) => {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (field) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    };

    // The city's administrator renames the county below it.
    const renamed = await patch(cityAdmin, county.id, { name: '临江县政协（新）' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.org).toMatchObject({ id: county.id, name: '临江县政协（新）', parentId: cityA.id });

    // Refused, and nothing changes: under itself or its own, at its own level, nowhere, bad input.
    await refused(await patch(admin, county.id, { parentId: station.id }), 400, 'VALIDATION', 'parentId');
    await refused(await patch(admin, county.id, { parentId: county.id }), 400, 'VALIDATION', 'parentId');
    await refused(await patch(admin, cityA.id, { parentId: cityB.id }), 400, 'VALIDATION', 'parentId');
    await refused(await patch(admin, county.id, { parentId: 'no-such-org' }), 400, 'VALIDATION', 'parentId');
    await refused(await patch(admin, county.id, {}), 400, 'VALIDATION');
    await refused(await patch(admin, county.id, { name: '' }), 400, 'VALIDATION', 'name');
    await refused(await patch(admin, county.id, { level: 'city' }), 400, 'VALIDATION');
    // A member does not; the city's administrator does not move it where they do not administer, nor to the top.
    await refused(await patch(countyMember, county.id, { name: '改名' }), 403, 'FORBIDDEN');
    await refused(await patch(cityAdmin, county.id, { parentId: cityB.id }), 403, 'FORBIDDEN');
    await refused(await patch(cityAdmin, county.id, { parentId: null }), 403, 'FORBIDDEN');
    expect((await admin.get('/api/orgs')).body.orgs.find((o: { id: string }) => o.id === county.id)).toMatchObject({
      name: '临江县政协（新）',
      parentId: cityA.id,
    });

    // The site administrator moves the county, station and all, to the other city.
    const moved = await patch(admin, county.id, { parentId: cityB.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.org.parentId).toBe(cityB.id);
    // What the first city's administrator reached goes with it.
    const seen = (await cityAdmin.get('/api/orgs')).body.orgs.map((o: { id: string }) => o.id);
    expect(seen).toEqual([cityA.id]);
    const log = (await admin.get(`/api/orgs/${county.id}/audit`)).body.entries.map(
      (e: { action: string; details: Record<string, unknown> }) => [e.action, e.details],
    );
    expect(log).toContainEqual(['org.renamed', { from: '临江县政协', to: '临江县政协（新）' }]);
    expect(log).toContainEqual(['org.moved', { fromParentId: cityA.id, toParentId: cityB.id }]);
  });
});
