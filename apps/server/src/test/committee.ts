import * as Y from 'yjs';
import { draftDocName } from '../services/draft-doc.js';
import { startWithAdmin, TestClient, type ServerOptions, type TestServer } from './harness.js';

/** A city committee with every role, each signed in: the cast of the procedure tests. */
export interface Committee {
  server: TestServer;
  admin: TestClient;
  orgId: string;
  /** The department the official answers for (市发展改革委). */
  departmentId: string;
  ids: Record<CastKey, string>;
  as: Record<CastKey, TestClient>;
}

const cast = [
  { key: 'chair', role: 'chair', sector: '中国共产党', expertise: ['统筹协调'] },
  { key: 'secretary', role: 'secretariat', sector: null, expertise: [] },
  { key: 'econ', role: 'member', sector: '经济界', expertise: ['营商环境', '财税'] },
  { key: 'farmer', role: 'member', sector: '农业界', expertise: ['乡村振兴'] },
  { key: 'teacher', role: 'member', sector: '教育界', expertise: ['职业教育', '营商'] },
  { key: 'official', role: 'official', sector: null, expertise: ['市发展改革委'] },
  { key: 'contact', role: 'member', sector: '中国共产党', expertise: ['党委联系'] },
  { key: 'observer', role: 'observer', sector: null, expertise: [] },
] as const;

type CastKey = (typeof cast)[number]['key'];

export async function startCommittee(options: ServerOptions = {}): Promise<Committee> {
  const { server, admin } = await startWithAdmin(undefined, options);
  const orgId = (await admin.post('/api/orgs', { name: '江城市政协', level: 'city' })).body.org.id as string;
  const ids = {} as Record<CastKey, string>;
  const as = {} as Committee['as'];
  const department = await admin.post(`/api/orgs/${orgId}/departments`, { name: '市发展改革委' });
  if (department.status !== 201) throw new Error(JSON.stringify(department.body));
  const departmentId = department.body.department.id as string;
  for (const person of cast) {
    const created = await admin.post(`/api/orgs/${orgId}/members`, {
      login: person.key,
      password: `${person.key}-password`,
      displayName: person.key,
      role: person.role,
      sector: person.sector,
      expertise: [...person.expertise],
      ...(person.role === 'official' ? { departmentId } : {}),
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    ids[person.key] = created.body.user.id;
    const client = new TestClient(server.url);
    await client.post('/api/auth/login', { login: person.key, password: `${person.key}-password` });
    as[person.key] = client;
  }
  return { server, admin, orgId, departmentId, ids, as };
}

/** Writes text into a topic's outcome draft through the document store, as an editor would. */
export async function writeDraft(server: TestServer, topicId: string, text: string): Promise<void> {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('body').insert(0, [paragraph]);
  const now = new Date().toISOString();
  await server.store.transaction((tx) => tx.docs.append(draftDocName(topicId), Y.encodeStateAsUpdate(doc), now));
}

/** Takes a new topic through the whole procedure to `closed`, by the happy path; returns its id. */
export function closedTopic(c: Committee, topic: Parameters<typeof walkTopic>[1]): Promise<string> {
  return walkTopic(c, topic, 'closed');
}

/** What a walk made on its way: the topic, its meeting, the meeting's speeches and its research report. */
export interface WalkMade {
  topicId: string;
  meetingId: string;
  speechIds: string[];
  researchId: string;
}

/**
 * Takes a new topic by the happy path as far as `delivered` or `closed`; returns its id.
 * `beforeDelivery` runs once the draft is written and before it is frozen (to write more of it).
 */
export async function walkTopic(
  c: Committee,
  topic: {
    title: string;
    summary: string;
    tags: string[];
    draft: string;
    measures: string;
    dueDate?: string;
    beforeDelivery?: (made: WalkMade) => Promise<void>;
  },
  until: 'delivered' | 'closed',
): Promise<string> {
  const ok = async (res: Promise<{ status: number; body: any }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const { title, summary, tags } = topic;
  const id = (await ok(c.as.econ.post('/api/topics', { orgId: c.orgId, title, summary, tags }))).topic.id as string;
  const to = (stage: string) => ok(c.as.chair.post(`/api/topics/${id}/advance`, { to: stage }));
  await to('vetting');
  await ok(
    c.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    }),
  );
  await to('preparation');
  for (const who of ['econ', 'teacher'] as const) {
    await ok(c.as.secretary.post(`/api/topics/${id}/participants`, { userId: c.ids[who], assessment: '熟悉情况' }));
  }
  const researched = await ok(
    c.as.econ.post(`/api/topics/${id}/research`, { title: '调研报告', summary: '摘要', body: '正文' }),
  );
  const researchId = researched.topic.research[0].id as string;
  await to('consultation');
  const meetingId = (
    await ok(c.as.secretary.post(`/api/topics/${id}/meetings`, { title: '协商会', startsAt: '2026-12-01T09:00:00Z' }))
  ).meeting.id;
  await ok(c.as.chair.post(`/api/meetings/${meetingId}/open`));
  const speechIds: string[] = [];
  for (const [who, minute] of [
    ['econ', 10],
    ['teacher', 20],
  ] as const) {
    const recorded = await ok(
      c.as.secretary.post(`/api/meetings/${meetingId}/speeches`, {
        speakerId: c.ids[who],
        kind: 'speech',
        startedAt: `2026-12-01T09:${minute}:00Z`,
        endedAt: `2026-12-01T09:${minute + 4}:00Z`,
      }),
    );
    speechIds.push(recorded.speech.id);
  }
  await ok(c.as.chair.post(`/api/meetings/${meetingId}/close`));
  await to('drafting');
  await ok(
    c.as.chair.request('PUT', `/api/topics/${id}/outcome`, {
      form: 'recommendation',
      recipientDepartmentIds: [c.departmentId],
      dueDate: topic.dueDate ?? '2099-03-31',
      partyContactId: c.ids.contact,
    }),
  );
  await writeDraft(c.server, id, topic.draft);
  await topic.beforeDelivery?.({ topicId: id, meetingId, speechIds, researchId });
  await to('delivered');
  if (until === 'delivered') return id;
  await ok(
    c.as.official.post(`/api/topics/${id}/answer`, { decision: 'adopted', measures: topic.measures, reason: '' }),
  );
  await ok(c.as.chair.post(`/api/topics/${id}/ratings`, { score: 5, comment: '主席得意' }));
  await ok(c.as.contact.post(`/api/topics/${id}/ratings`, { score: 4, comment: '书记满意' }));
  await to('closed');
  return id;
}

/** A topic for `walkTopic`: the lifts of old estates, its draft and the answer's measures. */
export const liftsTopic = {
  title: '推进老旧小区加装电梯',
  summary: '破解协调难、资金难。',
  tags: ['社区治理'],
  draft: '建议出台加装电梯资金分摊指引。',
  measures: '已出台指引。',
  dueDate: '2099-12-20',
};

/**
 * A second department of the committee, 市财政局, with one official (`finance`) signed in: a
 * co-department for proposals, whose official is not the committee's.
 */
export async function financeDepartment(c: Committee): Promise<{ id: string; official: TestClient }> {
  const created = await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '市财政局' });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const id = created.body.department.id as string;
  await c.admin.post(`/api/orgs/${c.orgId}/members`, {
    login: 'finance',
    password: 'finance-password',
    displayName: 'finance',
    role: 'official',
    departmentId: id,
  });
  const official = new TestClient(c.server.url);
  await official.post('/api/auth/login', { login: 'finance', password: 'finance-password' });
  return { id, official };
}

/**
 * Another city committee beside the committee's, with one member (`elsewhere`) signed in: someone
 * whose topics, cases and members the committee's lists must never show, nor they the committee's.
 */
export async function otherCity(c: Committee): Promise<{ orgId: string; member: TestClient; memberId: string }> {
  const orgId = (await c.admin.post('/api/orgs', { name: '别的市政协', level: 'city' })).body.org.id as string;
  const created = await c.admin.post(`/api/orgs/${orgId}/members`, {
    login: 'elsewhere',
    password: 'elsewhere-password',
    displayName: 'elsewhere',
    role: 'member',
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const member = new TestClient(c.server.url);
  await member.post('/api/auth/login', { login: 'elsewhere', password: 'elsewhere-password' });
  return { orgId, member, memberId: created.body.user.id as string };
}
