import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { closedTopic, startCommittee, type Committee } from '../test/committee.js';
import { ADMIN, TestClient } from '../test/harness.js';

/**
 * The error statuses docs/api.yaml lists for each operation, checked against the running server.
 * Every operation in the file is sent the same few generic requests (probes): without a session,
 * from another origin, with a malformed id, with an unknown field, with ids that do not exist, and
 * as a member of another organisation. Then every status the server answered must be listed for the
 * operation, every generic error the file lists (400, 401, 403, 404) must be one that a probe
 * provoked, and an operation that needs credentials must answer 401 without them. A 409 or a 429
 * depends on a topic's stage or on a limit: the procedure's own tests provoke them.
 */

interface Parameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema?: { $ref?: string };
  example?: unknown;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { example?: Record<string, unknown> } } };
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}
type PathItem = { parameters?: Parameter[] } & Partial<Record<Method, Operation>>;
interface ApiFile {
  security: Record<string, string[]>[];
  paths: Record<string, PathItem>;
  components: { parameters: Record<string, Parameter> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

const file = parse(readFileSync(new URL('../../../../docs/api.yaml', import.meta.url), 'utf8')) as ApiFile;

/** The errors any route may answer to a generic request: each listed one must be provoked here. */
const GENERIC = [400, 401, 403, 404];

/** Listed generic errors that no probe here can provoke, and where they are tested instead. */
const provokedElsewhere: Record<string, Record<number, string>> = {
  'GET /metrics': { 404: 'off without METRICS_TOKEN, and this server has one: metrics.test.ts' },
};

const MISSING_ID = 'no-such-id';
const MALFORMED_ID = 'not an id!';

interface Probe {
  name: string;
  who: 'nobody' | 'admin' | 'outsider';
  /** Real ids, ids nobody has, or one parameter (by `in:name`) malformed and the others missing. */
  ids: 'real' | 'missing' | { malformed: string };
  unknownField?: boolean;
  crossOrigin?: boolean;
}

/** A parameter's own object, following a `$ref` to the file's shared parameters. */
function resolved(parameter: Parameter): Parameter {
  if (!parameter.$ref) return parameter;
  return file.components.parameters[parameter.$ref.replace('#/components/parameters/', '')]!;
}

const isId = (parameter: Parameter) => parameter.schema?.$ref === '#/components/schemas/Id';
const keyOf = (parameter: Parameter) => `${parameter.in}:${parameter.name}`;

/** The parameters a probe sends: the path's, and the query's that are required or have an example. */
function sentParameters(item: PathItem, operation: Operation): Parameter[] {
  return [...(item.parameters ?? []), ...(operation.parameters ?? [])]
    .map(resolved)
    .filter((p) => p.in === 'path' || p.required || p.example !== undefined);
}

/** The probes of one operation: a malformed-id probe per id it takes, a cross-origin one when it changes state. */
function probesFor(method: Method, parameters: Parameter[]): Probe[] {
  const ids = parameters.filter(isId);
  return [
    { name: 'no session', who: 'nobody', ids: 'real' },
    ...(method === 'get' ? [] : [{ name: 'another origin', who: 'nobody', ids: 'real', crossOrigin: true } as const]),
    ...ids.map((p): Probe => ({ name: `malformed ${p.name}`, who: 'admin', ids: { malformed: keyOf(p) } })),
    { name: 'unknown field', who: 'admin', ids: 'missing', unknownField: true },
    ...(ids.length > 0 ? [{ name: 'ids nobody has', who: 'admin', ids: 'missing' } as const] : []),
    { name: 'another organisation', who: 'outsider', ids: 'real' },
  ];
}

/** The probe's value of an id parameter: the fixture's real ids by the path's resource or the parameter's name. */
function idFor(probe: Probe, path: string, parameter: Parameter, real: Record<string, string>): string {
  if (typeof probe.ids === 'object') return probe.ids.malformed === keyOf(parameter) ? MALFORMED_ID : MISSING_ID;
  if (probe.ids === 'missing') return MISSING_ID;
  const resource = parameter.name === 'id' ? path.split('/')[2]! : parameter.name;
  const id = real[resource];
  if (id === undefined) throw new Error(`no real id for ${parameter.name} of ${path}: add one to the fixture`);
  return id;
}

/** The URL and the body of one probe of one operation, from the file's own examples (a GET's unknown field is in its query). */
function requestOf(path: string, item: PathItem, method: Method, probe: Probe, real: Record<string, string>) {
  const operation = item[method]!;
  const values = new Map<string, string>();
  for (const parameter of sentParameters(item, operation)) {
    if (isId(parameter)) values.set(keyOf(parameter), idFor(probe, path, parameter, real));
    else if (parameter.example !== undefined) values.set(keyOf(parameter), String(parameter.example));
    else throw new Error(`${path}: the required query parameter ${parameter.name} needs an example`);
  }
  const query = new URLSearchParams();
  for (const [key, value] of values) if (key.startsWith('query:')) query.set(key.slice('query:'.length), value);
  if (probe.unknownField) query.set('unknownField', '1');
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values.get(`path:${name}`)!));
  const example = operation.requestBody?.content['application/json'].example;
  const body = method === 'get' ? undefined : probe.unknownField ? { ...example, unknownField: true } : example;
  return { url: query.size > 0 ? `${url}?${query}` : url, body };
}

/** A report the econ member submitted, adopted and compiled into a bulletin: the ids of both. */
async function adoptedOpinion(c: Committee): Promise<{ opinionId: string; bulletinId: string }> {
  const body = { title: '社情民意', body: '情况反映', category: 'economy' };
  const opinionId = (await c.as.econ.post(`/api/orgs/${c.orgId}/opinions`, body)).body.opinion.id as string;
  await c.as.secretary.post(`/api/opinions/${opinionId}/handle`, { decision: 'adopted', note: '' });
  const bulletin = await c.as.secretary.post(`/api/orgs/${c.orgId}/bulletins`, {
    title: '专报',
    opinionIds: [opinionId],
  });
  return { opinionId, bulletinId: bulletin.body.bulletin.id as string };
}

/** A proposal the econ member filed and submitted: readable by every member of the committee. */
async function submittedProposal(c: Committee): Promise<string> {
  const draft = { title: '提案', reasons: '理由', suggestions: '建议', category: 'economy' };
  const id = (await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, draft)).body.proposal.id as string;
  await c.as.econ.post(`/api/proposals/${id}/submit`);
  return id;
}

describe('the statuses docs/api.yaml lists', () => {
  let c: Committee;
  const real: Record<string, string> = {};
  const clients: Record<'admin' | 'outsider', TestClient | undefined> = { admin: undefined, outsider: undefined };
  const credentials = {
    admin: { login: ADMIN.login, password: ADMIN.password },
    outsider: { login: 'outsider', password: 'outsider-test-password' },
  };

  beforeAll(async () => {
    c = await startCommittee({ metricsToken: 'a-metrics-token-of-at-least-32-characters' });
    const topicId = await closedTopic(c, {
      title: '优化营商环境',
      summary: '围绕中小企业融资难开展协商。',
      tags: ['营商环境'],
      draft: '建议设立应急转贷资金池。',
      measures: '已设立应急转贷资金池。',
    });
    const topic = (await c.as.chair.get(`/api/topics/${topicId}`)).body.topic;
    const published = await c.as.secretary.post(`/api/topics/${topicId}/publish`);
    const versions = (await c.as.chair.get(`/api/topics/${topicId}/draft/versions`)).body.versions;
    const notifications = (await c.as.econ.get('/api/notifications')).body.notifications;
    Object.assign(real, {
      orgId: c.orgId,
      userId: c.ids.econ,
      topics: topicId,
      meetings: topic.meetings[0].id,
      cases: published.body.case.id,
      versionId: versions[0].id,
      notifications: notifications[0].id,
      departmentId: c.departmentId,
      proposalId: await submittedProposal(c),
      ...(await adoptedOpinion(c)),
    });
    const other = (await c.admin.post('/api/orgs', { name: '别的市政协', level: 'city' })).body.org.id as string;
    const outsider = await c.admin.post(`/api/orgs/${other}/members`, {
      ...credentials.outsider,
      displayName: '别的市的委员',
      role: 'member',
    });
    expect(outsider.status, JSON.stringify(outsider.body)).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await c?.server.dispose();
  });

  /** A signed-in client, signed in again when a probe of sign-out ended its session. */
  async function client(who: 'admin' | 'outsider'): Promise<TestClient> {
    const existing = clients[who];
    if (existing?.cookie) return existing;
    const fresh = new TestClient(c.server.url);
    const res = await fresh.post('/api/auth/login', credentials[who]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    clients[who] = fresh;
    return fresh;
  }

  /** Sends one probe and answers its status; a response that ends the session signs the client out. */
  async function send(method: Method, url: string, body: unknown, probe: Probe): Promise<number> {
    const headers: Record<string, string> = {};
    if (probe.crossOrigin) headers.origin = 'http://elsewhere.invalid';
    if (probe.who !== 'nobody') headers.cookie = (await client(probe.who)).cookie!;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${c.server.url}${url}`, {
      method: method.toUpperCase(),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (probe.who !== 'nobody' && /^yishi_sid=;/.test(res.headers.get('set-cookie') ?? '')) {
      clients[probe.who] = undefined;
    }
    return res.status;
  }

  /** Whether the operation needs credentials: no security requirement it lists is empty. */
  function needsCredentials(operation: Operation): boolean {
    const security = operation.security ?? file.security;
    return security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);
  }

  async function problemsOf(path: string, item: PathItem, method: Method, operation: Operation): Promise<string[]> {
    const at = `${method.toUpperCase()} ${path}`;
    if (operation.requestBody && operation.requestBody.content['application/json'].example === undefined) {
      return [`${at} takes a body but shows no example of one, which the probes send`];
    }
    const answered = new Map<number, string[]>();
    for (const probe of probesFor(method, sentParameters(item, operation))) {
      const { url, body } = requestOf(path, item, method, probe, real);
      const status = await send(method, url, body, probe);
      answered.set(status, [...(answered.get(status) ?? []), probe.name]);
    }
    const listed = new Set(Object.keys(operation.responses).map(Number));
    const problems = [...answered]
      .filter(([status]) => !listed.has(status))
      .map(([status, probes]) => `${at} answers ${status} (${probes.join(', ')}), which the file does not list`);
    for (const status of GENERIC) {
      if (listed.has(status) && !answered.has(status) && !provokedElsewhere[at]?.[status]) {
        problems.push(`${at} lists ${status}, which no probe provoked`);
      }
    }
    if (needsCredentials(operation) && !answered.get(401)?.includes('no session')) {
      problems.push(`${at} needs credentials, but answered a request without them with something else than 401`);
    }
    return problems;
  }

  it('lists every status each route answers, and only generic errors the route can answer', async () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(file.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) problems.push(...(await problemsOf(path, item, method, operation)));
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
