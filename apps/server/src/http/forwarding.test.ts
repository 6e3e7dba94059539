import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, Notification, TopicDetail } from '@yishi/protocol';
import { startCommittee, type Committee } from '../test/committee.js';
import { TestClient, type HttpResult } from '../test/harness.js';

/**
 * Forwarding a topic across levels (上报 / 交办, docs/design.md §8): the city committee with two
 * counties and a liaison station under the first. A county chair sends a matter up; the city chair
 * reads its provenance and hands it down to the other county; each side sees where it went and what
 * became of it; a sibling sees nothing of it; sideways and two-level hops are refused.
 */
let c: Committee;
let orgs: { county1: string; county2: string; station: string };
let as: { k1chair: TestClient; k1member: TestClient; k2chair: TestClient; stationMember: TestClient };

async function org(name: string, level: string, parentId: string): Promise<string> {
  const res = await c.admin.post('/api/orgs', { name, level, parentId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.org.id as string;
}

async function person(orgId: string, login: string, role: string): Promise<TestClient> {
  const password = `${login}-password`;
  const res = await c.admin.post(`/api/orgs/${orgId}/members`, { login, password, displayName: login, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const client = new TestClient(c.server.url);
  await client.post('/api/auth/login', { login, password });
  return client;
}

beforeEach(async () => {
  c = await startCommittee();
  const county1 = await org('临江县政协', 'county', c.orgId);
  const county2 = await org('平湖县政协', 'county', c.orgId);
  const station = await org('城关委员联络站', 'liaison_station', county1);
  orgs = { county1, county2, station };
  as = {
    k1chair: await person(county1, 'k1chair', 'chair'),
    k1member: await person(county1, 'k1member', 'member'),
    k2chair: await person(county2, 'k2chair', 'chair'),
    stationMember: await person(station, 'stationer', 'member'),
  };
});
afterEach(async () => {
  await c.server.dispose();
});

function topicOf(res: HttpResult<any>, status = 200): TopicDetail {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body.topic as TopicDetail;
}

function refused(res: HttpResult<any>, status: number, code: string, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  if (field) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
}

const matter = {
  title: '跨县河道治理需要市级统筹',
  summary: '临江县与平湖县交界河段污染，需市级协调。',
  tags: ['河道治理'],
};

async function countyTopic(): Promise<string> {
  return topicOf(await as.k1chair.post('/api/topics', { orgId: orgs.county1, ...matter }), 201).id;
}

describe('forwarding a topic', () => {
  it('goes up with its note, the city reads where it came from, and the county sees what became of it', async () => {
    const source = await countyTopic();
    // The chair is offered the parent and the children; a member nothing.
    expect(topicOf(await as.k1chair.get(`/api/topics/${source}`)).forwardTargets).toEqual([
      { id: c.orgId, name: '江城市政协', direction: 'up' },
      { id: orgs.station, name: '城关委员联络站', direction: 'down' },
    ]);
    expect(topicOf(await as.k1member.get(`/api/topics/${source}`)).forwardTargets).toEqual([]);
    const note = '涉及两县，需市政协牵头协商。';
    const dossier = topicOf(await as.k1chair.post(`/api/topics/${source}/forward`, { toOrgId: c.orgId, note }), 201);
    expect(dossier).toMatchObject({ orgId: c.orgId, title: matter.title, summary: matter.summary, stage: 'proposed' });
    expect(dossier.tags).toEqual(matter.tags);
    expect(dossier.provenance).toEqual([
      {
        fromTopicId: source,
        fromOrg: { id: orgs.county1, name: '临江县政协' },
        toOrg: { id: c.orgId, name: '江城市政协' },
        direction: 'up',
        by: { id: expect.any(String), displayName: 'k1chair' },
        at: expect.any(String),
        note,
      },
    ]);

    // The city's chair and secretariat are asked to take it up; the sender is not told of their own act.
    for (const who of [c.as.chair, c.as.secretary]) {
      const told = (await who.get<{ notifications: Notification[] }>('/api/notifications')).body.notifications;
      expect(told.map((n) => [n.kind, n.subject.id, n.data])).toEqual([
        ['topic_forwarded', dossier.id, { org: '临江县政协', direction: 'up' }],
      ]);
    }
    expect((await as.k1chair.get<{ total: number }>('/api/notifications')).body.total).toBe(0);

    // The city chair reads it as the city's own topic, and moves it on.
    const read = topicOf(await c.as.chair.get(`/api/topics/${dossier.id}`));
    expect(read.provenance.map((h) => h.note)).toEqual([note]);
    expect(read.permissions.forward).toBe(true);
    topicOf(await c.as.chair.post(`/api/topics/${dossier.id}/advance`, { to: 'vetting' }));

    // The county sees where it went and its stage there; it reads the dossier but has no say in it.
    const back = topicOf(await as.k1chair.get(`/api/topics/${source}`));
    expect(back.forwarded.map((f) => [f.topicId, f.org.name, f.direction, f.stage, f.note])).toEqual([
      [dossier.id, '江城市政协', 'up', 'vetting', note],
    ]);
    const seen = topicOf(await as.k1chair.get(`/api/topics/${dossier.id}`));
    expect(seen.permissions).toMatchObject({ vet: false, forward: false });
    refused(await as.k1chair.post(`/api/topics/${dossier.id}/advance`, { to: 'preparation' }), 403, 'FORBIDDEN');

    // The county's log says it left, the city's that it came.
    const log = await c.admin.get<AuditPage>(`/api/orgs/${orgs.county1}/audit`);
    expect(log.body.entries.map((e) => [e.action, e.details.toOrgName ?? null])).toContainEqual([
      'topic.forwarded',
      '江城市政协',
    ]);
  });

  it('goes down again, each hop in its provenance; a sibling and a station below the sender see nothing', async () => {
    const source = await countyTopic();
    const up = topicOf(await as.k1chair.post(`/api/topics/${source}/forward`, { toOrgId: c.orgId, note: '上报' }), 201);
    const down = topicOf(
      await c.as.secretary.post(`/api/topics/${up.id}/forward`, { toOrgId: orgs.county2, note: '交平湖县配合' }),
      201,
    );
    expect(down.provenance.map((h) => [h.fromOrg.name, h.toOrg.name, h.direction, h.note])).toEqual([
      ['临江县政协', '江城市政协', 'up', '上报'],
      ['江城市政协', '平湖县政协', 'down', '交平湖县配合'],
    ]);
    const told = (await as.k2chair.get<{ notifications: Notification[] }>('/api/notifications')).body.notifications;
    expect(told.map((n) => [n.kind, n.subject.id, n.data])).toEqual([
      ['topic_forwarded', down.id, { org: '江城市政协', direction: 'down' }],
    ]);
    // County 2 holds it now and reads it; county 1 sent it on its way and reads it too.
    expect(topicOf(await as.k2chair.get(`/api/topics/${down.id}`)).provenance).toHaveLength(2);
    expect(topicOf(await as.k1chair.get(`/api/topics/${down.id}`)).id).toBe(down.id);
    // County 2 does not read what county 1 sent up, nor county 1's topic; the station reads none.
    refused(await as.k2chair.get(`/api/topics/${up.id}`), 403, 'FORBIDDEN');
    refused(await as.k2chair.get(`/api/topics/${source}`), 403, 'FORBIDDEN');
    for (const id of [up.id, down.id]) refused(await as.stationMember.get(`/api/topics/${id}`), 403, 'FORBIDDEN');
  });

  it('is refused sideways, two levels away, to itself or nowhere, by a member, and with bad input; nothing changes', async () => {
    const source = await countyTopic();
    const forward = (body: object, who = as.k1chair) => who.post(`/api/topics/${source}/forward`, body);
    refused(await forward({ toOrgId: orgs.county2, note: '' }), 400, 'VALIDATION', 'toOrgId');
    refused(await forward({ toOrgId: orgs.county1 }), 400, 'VALIDATION', 'toOrgId');
    refused(await forward({ toOrgId: 'no-such-org' }), 400, 'VALIDATION', 'toOrgId');
    refused(await forward({ toOrgId: c.orgId, note: '长'.repeat(2001) }), 400, 'VALIDATION', 'note');
    refused(await forward({ toOrgId: c.orgId, urgent: true }), 400, 'VALIDATION');
    refused(await forward({}), 400, 'VALIDATION', 'toOrgId');
    refused(await forward({ toOrgId: c.orgId }, as.k1member), 403, 'FORBIDDEN');
    refused(await forward({ toOrgId: c.orgId }, as.k2chair), 403, 'FORBIDDEN');
    // The station's topic goes to its county, not two levels up to the city.
    const stationTopic = topicOf(await as.stationMember.post('/api/topics', { orgId: orgs.station, ...matter }), 201);
    const stationChair = await person(orgs.station, 'stationchair', 'chair');
    refused(
      await stationChair.post(`/api/topics/${stationTopic.id}/forward`, { toOrgId: c.orgId }),
      400,
      'VALIDATION',
      'toOrgId',
    );
    topicOf(await stationChair.post(`/api/topics/${stationTopic.id}/forward`, { toOrgId: orgs.county1 }), 201);

    // None of the refusals left a trace: the county's topic went nowhere, the city has no topic.
    expect(topicOf(await as.k1chair.get(`/api/topics/${source}`)).forwarded).toEqual([]);
    const cityTopics = await c.as.chair.get<{ total: number }>(`/api/topics?orgId=${c.orgId}`);
    expect(cityTopics.body.total).toBe(0);
  });

  it('is not offered on a withdrawn topic', async () => {
    const source = await countyTopic();
    topicOf(await as.k1chair.post(`/api/topics/${source}/advance`, { to: 'withdrawn', reason: '已由县里解决' }));
    const withdrawn = topicOf(await as.k1chair.get(`/api/topics/${source}`));
    expect(withdrawn.permissions.forward).toBe(false);
    refused(await as.k1chair.post(`/api/topics/${source}/forward`, { toOrgId: c.orgId }), 403, 'FORBIDDEN');
  });
});
