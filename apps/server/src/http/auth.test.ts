import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, setupCodeOf, startServer, startWithAdmin, TestClient, type TestServer } from '../test/harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('setup', () => {
  it('creates the first administrator once, then answers 409', async () => {
    server = await startServer();
    const client = new TestClient(server.url);
    expect((await client.get('/api/setup')).body).toEqual({ needed: true });
    const setupCode = await setupCodeOf(server);

    const created = await client.post('/api/setup', { ...ADMIN, setupCode });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ login: 'admin', displayName: ADMIN.displayName, isAdmin: true });
    expect(created.body.user).not.toHaveProperty('passwordHash');
    expect((await client.get('/api/me')).body.user.login).toBe('admin');

    const again = await new TestClient(server.url).post('/api/setup', { ...ADMIN, login: 'other', setupCode });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await client.get('/api/setup')).body).toEqual({ needed: false });
  });

  it('lets only one of two racing setups through', async () => {
    server = await startServer();
    const setupCode = await setupCodeOf(server);
    const results = await Promise.all(
      ['one', 'two', 'three'].map((login) =>
        new TestClient(server!.url).post('/api/setup', { ...ADMIN, login, setupCode }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('refuses whoever comes first without the setup code of the log, and uses the code up', async () => {
    server = await startServer();
    const client = new TestClient(server.url);
    const without = await client.post('/api/setup', ADMIN);
    expect(without.status).toBe(400);
    expect(without.body.error.details).toEqual([expect.objectContaining({ path: 'setupCode' })]);
    const wrong = await client.post('/api/setup', { ...ADMIN, setupCode: 'AAAAA-AAAAA-AAAAA-AAAAA' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('FORBIDDEN');
    expect((await client.get('/api/setup')).body).toEqual({ needed: true });

    // Typed as a person would copy it: small letters, spaces, an O for a zero.
    const code = await setupCodeOf(server);
    const typed = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    expect((await client.post('/api/setup', { ...ADMIN, setupCode: typed })).status).toBe(201);
    expect(await server.store.settings.get('setup_code')).toBeUndefined();
  });

  it('keeps the same setup code across a restart until someone sets up, then makes none', async () => {
    const first = await startServer();
    const code = await setupCodeOf(first);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    await first.stop();
    server = await startServer(first.dataDir);
    expect(await setupCodeOf(server)).toBe(code);
    expect((await new TestClient(server.url).post('/api/setup', { ...ADMIN, setupCode: code })).status).toBe(201);
    await server.stop();
    server = await startServer(first.dataDir);
    expect(await server.store.settings.get('setup_code')).toBeUndefined();
  });

  it('refuses a weak password at setup: common, like a common one, or only spaces', async () => {
    server = await startServer();
    const client = new TestClient(server.url);
    const setupCode = await setupCodeOf(server);
    for (const password of ['        ', 'password1', '12345678', 'qwertyuiop', 'p@ssw0rd!', 'admin123']) {
      const res = await client.post('/api/setup', { ...ADMIN, password, setupCode });
      expect(res.status, password).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'password', message: expect.any(String), problem: 'weak_password' },
      ]);
    }
    expect((await client.get('/api/setup')).body).toEqual({ needed: true });
  });
});

describe('login', () => {
  it('answers a wrong password with 401 and the right one with a session cookie', async () => {
    ({ server } = await startWithAdmin());
    const client = new TestClient(server.url);
    const wrong = await client.post('/api/auth/login', { login: 'admin', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Wrong login or password' });
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const unknown = await client.post('/api/auth/login', { login: 'nobody', password: 'whatever-1' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);

    const right = await client.post('/api/auth/login', { login: 'ADMIN', password: ADMIN.password });
    expect(right.status).toBe(200);
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^yishi_sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    expect((await client.get('/api/me')).body.user.login).toBe('admin');
  });

  it('marks the cookie Secure when the request came over https through a trusted proxy', async () => {
    server = await startServer();
    // The harness trusts no proxy, so a forged X-Forwarded-Proto must not make the cookie Secure.
    const client = new TestClient(server.url);
    const setup = { ...ADMIN, setupCode: await setupCodeOf(server) };
    const res = await client.post('/api/setup', setup, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('ends the session at logout', async () => {
    ({ server } = await startWithAdmin());
    const client = new TestClient(server.url);
    await client.post('/api/auth/login', { login: 'admin', password: ADMIN.password });
    const stolen = client.cookie;
    const out = await client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(client.cookie).toBeUndefined();
    const replay = new TestClient(server.url);
    replay.cookie = stolen;
    expect((await replay.get('/api/me')).status).toBe(401);
  });

  it('answers /api/me without a session with 401 and the envelope', async () => {
    server = await startServer();
    const res = await new TestClient(server.url).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } });
  });
});

describe('users and sessions survive a restart', () => {
  it('keeps accounts, memberships and the session cookie valid across a restart', async () => {
    const first = await startWithAdmin();
    const { admin } = first;
    const org = await admin.post('/api/orgs', { name: '市政协', level: 'city' });
    await admin.post(`/api/orgs/${org.body.org.id}/members`, {
      login: 'zhang',
      password: 'member-password',
      displayName: '张三',
      role: 'member',
    });
    const dataDir = first.server.dataDir;
    await first.server.stop();

    server = await startServer(dataDir);
    const sameCookie = new TestClient(server.url);
    sameCookie.cookie = admin.cookie;
    const me = await sameCookie.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.login).toBe('admin');
    expect((await sameCookie.get('/api/orgs')).body.orgs.map((o: { name: string }) => o.name)).toEqual(['市政协']);

    const member = new TestClient(server.url);
    expect((await member.post('/api/auth/login', { login: 'zhang', password: 'member-password' })).status).toBe(200);
  });
});
