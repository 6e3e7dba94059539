import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, startWithAdmin, TestClient, type TestServer } from '../test/harness.js';

/**
 * Failed logins over HTTP, behind one trusted proxy (TRUST_PROXY=1) so that each client names its
 * address in X-Forwarded-For. On the postgres project the counts live in Redis.
 */
let server: TestServer;
let admin: TestClient;
beforeEach(async () => {
  ({ server, admin } = await startWithAdmin(undefined, { trustProxy: 1 }));
});
afterEach(async () => {
  await server.dispose();
});

/** Signs in as `login` from `address`; the client keeps the cookie when it works. */
async function loginFrom(address: string, login: string, password: string) {
  const client = new TestClient(server.url);
  const res = await client.post('/api/auth/login', { login, password }, { 'x-forwarded-for': address });
  return { status: res.status, body: res.body, headers: res.headers, client };
}

async function failFrom(address: string, login: string, times: number) {
  for (let i = 0; i < times; i++) {
    expect((await loginFrom(address, login, `wrong-${i}-password`)).status).toBe(401);
  }
}

async function enrolZhang() {
  const org = (await admin.post('/api/orgs', { name: '市政协', level: 'city' })).body.org as { id: string };
  const body = { login: 'zhang', password: 'zhang-san-password', displayName: '张三', role: 'member' };
  const created = await admin.post(`/api/orgs/${org.id}/members`, body);
  expect(created.status).toBe(201);
  return { orgId: org.id, userId: created.body.user.id as string };
}

describe('failed logins', () => {
  it('slow one address down after five failures on an account, with RATE_LIMITED and Retry-After', async () => {
    await failFrom('10.0.0.66', 'admin', 5);
    // The fifth failure holds the next attempt from there back for a second (then 2 s, 4 s, …).
    const held = await loginFrom('10.0.0.66', 'admin', ADMIN.password);
    expect(held.status).toBe(429);
    expect(held.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many failed logins; try again later',
      details: { retryAfterSeconds: 1 },
    });
    expect(held.headers.get('retry-after')).toBe('1');
  });

  it('never keep the owner out at their own address while someone elsewhere guesses', async () => {
    expect((await loginFrom('10.0.0.1', 'admin', ADMIN.password)).status).toBe(200);
    await failFrom('10.0.0.66', 'admin', 5);
    expect((await loginFrom('10.0.0.66', 'admin', ADMIN.password)).status).toBe(429);
    // The owner at home, and on a phone from an address never seen before: the account is not locked.
    expect((await loginFrom('10.0.0.1', 'admin', ADMIN.password)).status).toBe(200);
    expect((await loginFrom('10.0.0.2', 'admin', ADMIN.password)).status).toBe(200);
  });

  it('slow many addresses guessing one account down, but not the address it signed in from', async () => {
    expect((await loginFrom('10.0.0.1', 'admin', ADMIN.password)).status).toBe(200);
    for (let i = 1; i <= 20; i++) await failFrom(`10.1.0.${i}`, 'admin', 1);
    expect((await loginFrom('10.1.0.21', 'admin', ADMIN.password)).status).toBe(429);
    expect((await loginFrom('10.0.0.1', 'admin', ADMIN.password)).status).toBe(200);
  });

  it('do not keep everyone behind one address out when fifty failures come from it', async () => {
    await enrolZhang();
    for (let i = 0; i < 10; i++) await failFrom('10.0.0.9', `guess${i}`, 5);
    expect((await loginFrom('10.0.0.9', 'zhang', 'zhang-san-password')).status).toBe(200);
    expect((await loginFrom('10.0.0.9', 'admin', ADMIN.password)).status).toBe(200);
  });

  it('are counted before the password is checked, so that a burst of guesses at once gets one through', async () => {
    await failFrom('10.0.0.66', 'admin', 4);
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => loginFrom('10.0.0.66', 'admin', `burst-${i}-password`)),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([401, 429, 429, 429, 429, 429, 429, 429]);
  });
});

describe('unlocking an account', () => {
  it('lets an administrator start the counts afresh, so that the member signs in at once', async () => {
    const { orgId, userId } = await enrolZhang();
    await failFrom('10.0.0.5', 'zhang', 5);
    expect((await loginFrom('10.0.0.5', 'zhang', 'zhang-san-password')).status).toBe(429);

    const unlocked = await admin.post(`/api/orgs/${orgId}/members/${userId}/unlock`);
    expect(unlocked.status).toBe(204);
    expect((await loginFrom('10.0.0.5', 'zhang', 'zhang-san-password')).status).toBe(200);
  });

  it('is for administrators only: the secretariat, the chair and the member themselves are refused', async () => {
    const { orgId, userId } = await enrolZhang();
    const signedIn: TestClient[] = [];
    for (const [login, role] of [
      ['secretary', 'secretariat'],
      ['chair', 'chair'],
    ] as const) {
      const body = { login, password: `${login}-password`, displayName: login, role };
      expect((await admin.post(`/api/orgs/${orgId}/members`, body)).status).toBe(201);
      signedIn.push((await loginFrom('10.0.0.7', login, `${login}-password`)).client);
    }
    signedIn.push((await loginFrom('10.0.0.7', 'zhang', 'zhang-san-password')).client);
    await failFrom('10.0.0.5', 'zhang', 5);
    for (const client of signedIn) {
      expect((await client.post(`/api/orgs/${orgId}/members/${userId}/unlock`)).status).toBe(403);
    }
    expect((await loginFrom('10.0.0.5', 'zhang', 'zhang-san-password')).status).toBe(429);
  });
});
