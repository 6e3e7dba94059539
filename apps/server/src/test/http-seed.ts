import { TestClient } from './harness.js';

/** Throws with the answer when a request did not succeed; returns its body. */
async function ok(res: Promise<{ status: number; body: any }>): Promise<any> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface SeededMeeting {
  orgId: string;
  topicId: string;
  meetingId: string;
  people: Record<'admin' | 'chair' | 'm0' | 'm1', { id: string; client: TestClient }>;
}

/**
 * Sets up a server that runs as a process of its own, over HTTP like any client: the first
 * administrator (with the setup code it printed), a city committee with a chair and two members,
 * and a topic in consultation whose two members take part; with `open`, a meeting opened too.
 */
export async function seedOverHttp(
  server: { url: string; setupCode: string | undefined },
  options: { open?: boolean } = {},
): Promise<SeededMeeting> {
  const admin = new TestClient(server.url);
  const setup = { login: 'admin', password: 'admin-test-password', displayName: 'admin', setupCode: server.setupCode };
  const adminId = (await ok(admin.post('/api/setup', setup))).user.id as string;
  const orgId = (await ok(admin.post('/api/orgs', { name: '市政协', level: 'city' }))).org.id as string;
  const people = { admin: { id: adminId, client: admin } } as SeededMeeting['people'];
  for (const [login, role] of [
    ['chair', 'chair'],
    ['m0', 'member'],
    ['m1', 'member'],
  ] as const) {
    const password = `${login}-test-password`;
    const body = { login, password, displayName: login, role };
    const id = (await ok(admin.post(`/api/orgs/${orgId}/members`, body))).user.id as string;
    const client = new TestClient(server.url);
    await ok(client.post('/api/auth/login', { login, password }));
    people[login] = { id, client };
  }
  const chair = people.chair.client;
  const topicId = (await ok(people.m0.client.post('/api/topics', { orgId, title: '议题', summary: '摘要' }))).topic
    .id as string;
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'vetting' }));
  await ok(
    chair.request('PUT', `/api/topics/${topicId}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    }),
  );
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'preparation' }));
  for (const m of ['m0', 'm1'] as const) {
    await ok(chair.post(`/api/topics/${topicId}/participants`, { userId: people[m].id, assessment: '熟悉' }));
  }
  await ok(chair.post(`/api/topics/${topicId}/research`, { title: '调研', summary: '摘要', body: '正文' }));
  await ok(chair.post(`/api/topics/${topicId}/advance`, { to: 'consultation' }));
  let meetingId = '';
  if (options.open) {
    const meeting = { title: '协商会', startsAt: '2026-12-01T09:00:00Z' };
    meetingId = (await ok(chair.post(`/api/topics/${topicId}/meetings`, meeting))).meeting.id as string;
    await ok(chair.post(`/api/meetings/${meetingId}/open`));
  }
  return { orgId, topicId, meetingId, people };
}
