import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Overview } from '@yishi/protocol';
import { startCommittee, walkTopic, type Committee } from '../test/committee.js';
import { movableClock, TestClient } from '../test/harness.js';
import { RoomClient } from '../test/room.js';

let c: Committee | undefined;
const rooms: RoomClient[] = [];
afterEach(async () => {
  for (const room of rooms.splice(0)) room.close();
  await c?.server.dispose();
  c = undefined;
});

/** Throws with the answer when a request did not succeed; returns its body. */
async function ok(res: Promise<{ status: number; body: any }>): Promise<any> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A clock the test sets; the server reads it for due dates and the day's meetings. */
/** An organisation (below `parentId`, if given) with a person of `role` in it, signed in. */
async function orgWith(cm: Committee, name: string, parentId: string | null, login: string, role: string) {
  const level = parentId ? 'county' : 'city';
  const orgId = (await ok(cm.admin.post('/api/orgs', { name, level, parentId }))).org.id as string;
  const password = `${login}-password`;
  const id = (await ok(cm.admin.post(`/api/orgs/${orgId}/members`, { login, password, displayName: login, role }))).user
    .id as string;
  const client = new TestClient(cm.server.url);
  await ok(client.post('/api/auth/login', { login, password }));
  return { orgId, id, client };
}

/** A topic `by` proposes in `orgId`, which `chair` takes to vetting. */
async function inVetting(by: TestClient, chair: TestClient, orgId: string, title: string): Promise<string> {
  const id = (await ok(by.post('/api/topics', { orgId, title, summary: '摘要' }))).topic.id as string;
  await ok(chair.post(`/api/topics/${id}/advance`, { to: 'vetting' }));
  return id;
}

/** A topic of the committee in consultation, with `participants` assessed. */
async function inConsultation(
  cm: Committee,
  title: string,
  participants: ('econ' | 'teacher' | 'chair')[],
): Promise<string> {
  const id = await inVetting(cm.as.econ, cm.as.chair, cm.orgId, title);
  await ok(
    cm.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    }),
  );
  await ok(cm.as.chair.post(`/api/topics/${id}/advance`, { to: 'preparation' }));
  for (const who of participants) {
    await ok(cm.as.secretary.post(`/api/topics/${id}/participants`, { userId: cm.ids[who], assessment: '熟悉情况' }));
  }
  await ok(cm.as.secretary.post(`/api/topics/${id}/research`, { title: '调研报告', summary: '摘要', body: '正文' }));
  await ok(cm.as.chair.post(`/api/topics/${id}/advance`, { to: 'consultation' }));
  return id;
}

async function overviewOf(who: TestClient, query = ''): Promise<Overview> {
  const res = await who.get(`/api/me/overview${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.overview as Overview;
}

/**
 * The tasks as `kind title` lines, in the overview's order; those of one kind sorted, as topics changed
 * at the same instant (the test's clock stands still) come in no particular order.
 */
const tasksOf = async (who: TestClient) => {
  const lines = (await overviewOf(who)).tasks.map((t) => [t.kind, `${t.kind} ${t.title}`] as const);
  const kinds = [...new Set(lines.map(([kind]) => kind))];
  return kinds.flatMap((kind) =>
    lines
      .filter(([k]) => k === kind)
      .map(([, line]) => line)
      .sort(),
  );
};

describe('GET /api/me/overview: live now', () => {
  it('lists an open meeting to its participants and to those who run it, nobody else, until it ends', async () => {
    c = await startCommittee();
    const cm = c;
    const county = await orgWith(cm, '江城市河西区政协', cm.orgId, 'countychair', 'chair');
    const other = await orgWith(cm, '海城市政协', null, 'otherchair', 'chair');
    const topicId = await inConsultation(cm, '推进老旧小区加装电梯', ['econ', 'teacher']);
    const soon = new Date(Date.now() + 3600_000).toISOString();
    const later = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const first = (
      await ok(
        cm.as.secretary.post(`/api/topics/${topicId}/meetings`, {
          title: '第一次协商会',
          startsAt: soon,
          form: 'counterpart',
          mode: 'hybrid',
        }),
      )
    ).meeting.id as string;
    const second = (
      await ok(cm.as.secretary.post(`/api/topics/${topicId}/meetings`, { title: '第二次协商会', startsAt: later }))
    ).meeting.id as string;

    // Scheduled, not live: both are coming up, the sooner first.
    const before = await overviewOf(cm.as.econ);
    expect(before.live).toEqual([]);
    expect(before.upcoming.map((m) => m.id)).toEqual([first, second]);

    await ok(cm.as.chair.post(`/api/meetings/${first}/open`));
    const econ = await overviewOf(cm.as.econ);
    expect(econ.live).toEqual([
      {
        id: first,
        title: '第一次协商会',
        topicId,
        topicTitle: '推进老旧小区加装电梯',
        orgName: '江城市政协',
        startsAt: soon,
        openedAt: expect.any(String),
        form: 'counterpart',
        mode: 'hybrid',
        as: 'participant',
      },
    ]);
    expect(econ.upcoming.map((m) => m.id)).toEqual([second]);
    expect((await overviewOf(cm.as.chair)).live.map((m) => [m.id, m.as])).toEqual([[first, 'chair']]);
    expect((await overviewOf(cm.as.secretary)).live.map((m) => [m.id, m.as])).toEqual([[first, 'secretariat']]);

    // Someone else's meeting: members and officials who do not take part, an observer, the chair of
    // the county below (a role reaches down, not up), the chair of another city.
    for (const who of [cm.as.farmer, cm.as.official, cm.as.observer, county.client, other.client]) {
      const overview = await overviewOf(who);
      expect([overview.live, overview.upcoming]).toEqual([[], []]);
    }

    // The teacher moves to the other city: still named a participant, but no longer able to see the topic.
    await cm.server.store.memberships.insert({
      id: randomUUID(),
      orgId: other.orgId,
      userId: cm.ids.teacher,
      role: 'member',
      sector: null,
      expertise: [],
      departmentId: null,
      active: true,
      createdAt: new Date().toISOString(),
    });
    expect((await overviewOf(cm.as.teacher)).live.map((m) => m.id)).toEqual([first]);
    await ok(cm.admin.patch(`/api/orgs/${cm.orgId}/members/${cm.ids.teacher}`, { active: false }));
    const moved = await overviewOf(cm.as.teacher);
    expect([moved.live, moved.upcoming]).toEqual([[], []]);

    // Ended: no longer live.
    await ok(cm.as.chair.post(`/api/meetings/${first}/close`));
    expect((await overviewOf(cm.as.econ)).live).toEqual([]);
    expect((await overviewOf(cm.as.chair)).live).toEqual([]);
  });

  it('refuses unknown or out-of-range query parameters and anyone not signed in', async () => {
    c = await startCommittee();
    for (const query of ['?limit=0', '?limit=51', '?limit=many', '?orgId=x', '?limit=1&limit=2']) {
      const res = await c.as.chair.get(`/api/me/overview${query}`);
      expect([query, res.status, res.body.error.code]).toEqual([query, 400, 'VALIDATION']);
    }
    const nobody = await new TestClient(c.server.url).get('/api/me/overview');
    expect([nobody.status, nobody.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('GET /api/me/overview: my next tasks', () => {
  it('names topics to vet, answers and ratings due to whom they wait on, each until it is done', async () => {
    const clock = movableClock('2026-12-01T08:00:00Z');
    c = await startCommittee({ clock });
    const cm = c;
    const county = await orgWith(cm, '江城市河西区政协', cm.orgId, 'countychair', 'chair');
    const other = await orgWith(cm, '海城市政协', null, 'otherchair', 'chair');
    await inVetting(cm.as.econ, cm.as.chair, cm.orgId, '设立社区养老服务站');
    await inVetting(county.client, county.client, county.orgId, '河西区农贸市场改造');

    // Vetting waits on the chair and the secretariat, of the topic's organisation or above it.
    expect(await tasksOf(cm.as.chair)).toEqual(['vet 河西区农贸市场改造', 'vet 设立社区养老服务站']);
    expect(await tasksOf(cm.as.secretary)).toEqual(['vet 河西区农贸市场改造', 'vet 设立社区养老服务站']);
    expect(await tasksOf(county.client)).toEqual(['vet 河西区农贸市场改造']);
    for (const who of [cm.as.econ, cm.as.official, other.client]) expect(await tasksOf(who)).toEqual([]);

    // Delivered: the answer waits on the recipient, overdue since yesterday.
    const title = '推进老旧小区加装电梯';
    const draft = { title, summary: '摘要', tags: [], draft: '建议。', measures: '已落实。', dueDate: '2026-12-01' };
    const id = await walkTopic(cm, draft, 'delivered');
    clock.set('2026-12-02T08:00:00Z');
    expect((await overviewOf(cm.as.official)).tasks).toEqual([
      { kind: 'answer', topicId: id, title, orgName: '江城市政协', dueDate: '2026-12-01', overdue: true },
    ]);
    clock.set('2026-12-01T08:00:00Z');
    for (const who of [cm.as.econ, cm.as.contact]) expect(await tasksOf(who)).toEqual([]);

    // Answered: the ratings wait on the chair and the party contact, not on the secretariat.
    await ok(
      cm.as.official.post(`/api/topics/${id}/answer`, { decision: 'adopted', measures: '已落实。', reason: '' }),
    );
    expect(await tasksOf(cm.as.official)).toEqual([]);
    expect((await overviewOf(cm.as.contact)).tasks).toEqual([
      { kind: 'rate', topicId: id, title, orgName: '江城市政协', as: 'party_contact' },
    ]);
    expect(await tasksOf(cm.as.chair)).toEqual([`rate ${title}`, 'vet 河西区农贸市场改造', 'vet 设立社区养老服务站']);
    expect(await tasksOf(cm.as.secretary)).toEqual(['vet 河西区农贸市场改造', 'vet 设立社区养老服务站']);
    for (const who of [county.client, other.client]) expect(await tasksOf(who)).not.toContain(`rate ${title}`);

    await ok(cm.as.chair.post(`/api/topics/${id}/ratings`, { score: 5, comment: '主席得意' }));
    expect(await tasksOf(cm.as.chair)).not.toContain(`rate ${title}`);
    expect(await tasksOf(cm.as.contact)).toEqual([`rate ${title}`]);

    // Bounded: a limit keeps the list short and says that more wait.
    const one = await overviewOf(cm.as.chair, '?limit=1');
    expect([one.tasks.length, one.moreTasks]).toEqual([1, true]);
    expect((await overviewOf(cm.as.chair)).moreTasks).toBe(false);
  });

  it('names a poll open in a meeting to the participants who may vote in it, until it closes', async () => {
    c = await startCommittee();
    const cm = c;
    const topicId = await inConsultation(cm, '优化营商环境', ['econ', 'teacher', 'chair']);
    const meetingId = (
      await ok(
        cm.as.secretary.post(`/api/topics/${topicId}/meetings`, {
          title: '协商会',
          startsAt: new Date().toISOString(),
        }),
      )
    ).meeting.id as string;
    await ok(cm.as.chair.post(`/api/meetings/${meetingId}/open`));
    const join = async (who: TestClient) => {
      const room = new RoomClient(cm.server.url, who);
      rooms.push(room);
      const ack = await room.join(meetingId);
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      return room;
    };
    const chair = await join(cm.as.chair);
    const created = await chair.emit('poll:create', {
      question: '是否同意形成建议案？',
      kind: 'yes_no_abstain',
      secret: true,
    });
    const pollId = created.poll.poll.id as string;
    // Asked, not open yet: nothing to vote in.
    expect(await tasksOf(cm.as.econ)).toEqual([]);
    expect((await chair.emit('poll:open', { pollId })).ok).toBe(true);

    const vote = {
      kind: 'vote',
      topicId,
      title: '优化营商环境',
      orgName: '江城市政协',
      meetingId,
      meetingTitle: '协商会',
      pollId,
      question: '是否同意形成建议案？',
    };
    expect((await overviewOf(cm.as.econ)).tasks).toEqual([{ ...vote, voted: false }]);
    const econ = await join(cm.as.econ);
    expect((await econ.emit('poll:vote', { pollId, choices: [0] })).ok).toBe(true);
    // Voted, and still open: the ballot may change until the close.
    expect((await overviewOf(cm.as.econ)).tasks).toEqual([{ ...vote, voted: true }]);
    expect(await tasksOf(cm.as.teacher)).toEqual([`vote 优化营商环境`]);
    // The chair (named a participant too) and the secretariat run the room and do not vote; others only watch.
    for (const who of [cm.as.chair, cm.as.secretary, cm.as.farmer, cm.as.observer, cm.as.official]) {
      expect(await tasksOf(who)).toEqual([]);
    }

    expect((await chair.emit('poll:close', { pollId })).ok).toBe(true);
    expect(await tasksOf(cm.as.econ)).toEqual([]);
  });
});
