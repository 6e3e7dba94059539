import { FieldLimits } from '@yishi/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestClient } from '../test/harness.js';
import { startWithAdmin, type TestServer } from '../test/harness.js';
import { testFanoutKind, testStoreKind } from '../test/stores.js';

let server: TestServer;
let admin: TestClient;
beforeEach(async () => {
  ({ server, admin } = await startWithAdmin());
});
afterEach(async () => {
  await server.dispose();
});

const orgCount = async () => (await admin.get('/api/orgs')).body.orgs.length as number;

describe('bad input gets 400 VALIDATION and changes nothing', () => {
  it.each([
    ['malformed JSON', '{"name": "市政协", "level": '],
    ['unknown field', { name: '市政协', level: 'city', color: 'red' }],
    ['wrong type', { name: 42, level: 'city' }],
    ['unknown level', { name: '市政协', level: 'galaxy' }],
    ['missing field', { level: 'city' }],
    ['empty name', { name: '   ', level: 'city' }],
    ['an array body', [{ name: '市政协', level: 'city' }]],
  ])('%s', async (_what, body) => {
    const res = await admin.post('/api/orgs', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(typeof res.body.error.message).toBe('string');
    expect(await orgCount()).toBe(0);
  });

  it.each([
    ['a NUL in a name', { name: '市政协\u0000', level: 'city' }],
    ['a vertical tab in a name', { name: '市\u000B政协', level: 'city' }],
  ])('refuses %s, naming the field', async (_what, body) => {
    const res = await admin.post('/api/orgs', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'name', message: 'contains a control character', issue: 'control_character' },
    ]);
    expect(await orgCount()).toBe(0);
  });

  it('refuses a control character in a query, and a body that claims gzip but is not', async () => {
    const search = await admin.get('/api/cases?q=x%00y');
    expect(search.status).toBe(400);
    expect(search.body.error.code).toBe('VALIDATION');
    const gzip = await admin.post('/api/orgs', '{"name":"市政协","level":"city"}', { 'content-encoding': 'gzip' });
    expect(gzip.status).toBe(400);
    expect(gzip.body.error.code).toBe('VALIDATION');
    expect(await orgCount()).toBe(0);
  });

  it('names the field that is wrong, with the kind of issue and its bound for clients to word', async () => {
    const res = await admin.post('/api/orgs', { name: '市政协', level: 'city', color: 'red' });
    expect(res.body.error.details).toEqual([
      { path: 'color', message: expect.stringContaining('color'), issue: 'unknown_field' },
    ]);
    const long = await admin.post('/api/orgs', { name: '市'.repeat(FieldLimits.org.name + 1), level: 'county' });
    expect(long.body.error.details).toEqual([
      { path: 'name', message: expect.any(String), issue: 'too_long', limit: FieldLimits.org.name },
    ]);
    expect(await orgCount()).toBe(0);
  });

  it('refuses a body over 1 MB', async () => {
    const res = await admin.post('/api/orgs', { name: 'x'.repeat(1_100_000), level: 'city' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'VALIDATION', message: 'Request body is over 1 MB' });
    expect(await orgCount()).toBe(0);
  });

  it('refuses a body sent as something other than JSON', async () => {
    const res = await admin.post('/api/orgs', 'name=x&level=city', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect(await orgCount()).toBe(0);
  });

  it('refuses a member with a short password or a bad login', async () => {
    const org = (await admin.post('/api/orgs', { name: '市政协', level: 'city' })).body.org;
    const res = await admin.post(`/api/orgs/${org.id}/members`, {
      login: 'bad login!',
      password: 'short',
      displayName: '张三',
      role: 'member',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['login', 'password']);
    expect((await admin.get(`/api/orgs/${org.id}/members`)).body.members).toHaveLength(0);
  });

  it('answers an unknown API route with 404 in the envelope', async () => {
    const res = await admin.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('security headers and origin', () => {
  it('refuses a state-changing request from another origin', async () => {
    const res = await admin.post('/api/orgs', { name: '市政协', level: 'city' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await orgCount()).toBe(0);
    const sameOrigin = await admin.post(
      '/api/orgs',
      { name: '市政协', level: 'city' },
      { origin: server.url.replace('127.0.0.1', '127.0.0.1') },
    );
    expect(sameOrigin.status).toBe(201);
  });

  it('refuses a cross-site request that hides its origin', async () => {
    const res = await admin.post('/api/orgs', { name: '市政协', level: 'city' }, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
  });

  it('sends helmet headers and a strict CSP on API responses', async () => {
    const res = await admin.get('/api/health');
    expect(res.body).toEqual({
      status: 'ok',
      version: expect.any(String),
      store: testStoreKind,
      fanout: testFanoutKind,
      node: expect.any(String),
    });
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
