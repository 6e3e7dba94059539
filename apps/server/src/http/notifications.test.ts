import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Notification, ServerToClientEvents } from '@yishi/protocol';
import { financeDepartment, liftsTopic, startCommittee, walkTopic, type Committee } from '../test/committee.js';
import type { TestClient } from '../test/harness.js';
import { movableClock, type HttpResult } from '../test/harness.js';

/**
 * Notifications reach everyone who must act next (docs/design.md §6): on a proposal's every step and
 * on a topic's answer, stored in the change's own transaction and pushed live; overdue replies and
 * answers are chased by the hourly job, once per round and due date, on every store.
 */
let c: Committee;
let finance: { id: string; official: TestClient };
const clock = movableClock('2026-12-01T08:00:00Z');
const sockets: Socket[] = [];

beforeEach(async () => {
  clock.set('2026-12-01T08:00:00Z');
  c = await startCommittee({ clock });
  finance = await financeDepartment(c);
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await c.server.dispose();
});

function ok(res: HttpResult<any>, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** A minute later: each step's notifications come after the last step's. */
const tick = () => clock.set(new Date(clock.now().getTime() + 60_000).toISOString());

/** Each person's notifications as [kind, subject id, data], the newest first. */
async function told(who: TestClient): Promise<[string, string, Notification['data']][]> {
  const list = ok(await who.get('/api/notifications?limit=100')).notifications as Notification[];
  return list.map((n) => [n.kind, n.subject.id, n.data]);
}

async function socketOf(who: TestClient): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(c.server.url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: who.cookie! },
  });
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.on('connect', resolve));
  return socket;
}

const draft = {
  title: '关于加快老旧小区加装电梯的提案',
  reasons: '老旧小区居民出行难，加装电梯协调难、资金难。',
  suggestions: '建立资金分摊指引，简化审批流程。',
  category: 'society',
};

/** A proposal by econ, co-signed by farmer, submitted; its id. */
async function submittedProposal(): Promise<string> {
  const id = ok(await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, draft), 201).proposal.id as string;
  ok(await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.farmer }));
  ok(await c.as.farmer.post(`/api/proposals/${id}/cosign`));
  ok(await c.as.econ.post(`/api/proposals/${id}/submit`));
  tick();
  return id;
}

const accept = (id: string, dueDate = '2027-03-01') =>
  c.as.secretary.post(`/api/proposals/${id}/review`, {
    decision: 'accepted',
    leadDepartmentId: c.departmentId,
    coDepartmentIds: [finance.id],
    dueDate,
  });

const replyBody = { classification: 'A', body: '已列入年度计划并启动实施。' };

describe('a proposal’s notifications', () => {
  it('ask each next actor in turn, live and in the list, never the one who acted', async () => {
    const farmerSocket = await socketOf(c.as.farmer);
    const invited = new Promise<Notification>((resolve) => farmerSocket.once('notification:new', resolve));
    const id = ok(await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, draft), 201).proposal.id as string;
    ok(await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.farmer }));
    expect(await invited).toMatchObject({
      kind: 'proposal_cosign_invited',
      subject: { type: 'proposal', id, title: draft.title },
      topicId: null,
      topicTitle: null,
    });
    tick();
    ok(await c.as.farmer.post(`/api/proposals/${id}/cosign`));
    tick();
    ok(await c.as.econ.post(`/api/proposals/${id}/submit`));
    expect(await told(c.as.secretary)).toEqual([['proposal_submitted', id, {}]]);

    tick();
    ok(await accept(id));
    const reviewed = ['proposal_reviewed', id, { decision: 'accepted', number: '2026-0001' }];
    expect((await told(c.as.econ))[0]).toEqual(reviewed);
    expect((await told(c.as.farmer))[0]).toEqual(reviewed);
    const assigned = ['proposal_assigned', id, { dueDate: '2027-03-01', number: '2026-0001' }];
    expect(await told(c.as.official)).toEqual([assigned]);
    expect(await told(finance.official)).toEqual([assigned]);

    // The co-department's reply asks nothing of anyone; the lead's asks the author to assess.
    tick();
    ok(await finance.official.post(`/api/proposals/${id}/reply`, { ...replyBody, departmentId: finance.id }));
    expect(await told(c.as.econ)).toHaveLength(1);
    tick();
    ok(await c.as.official.post(`/api/proposals/${id}/reply`, { ...replyBody, departmentId: c.departmentId }));
    expect((await told(c.as.econ))[0]).toEqual(['proposal_replied', id, { number: '2026-0001' }]);
    // The farmer was asked to co-sign and told of the acceptance; the lead's reply is the author's to assess.
    expect(await told(c.as.farmer)).toHaveLength(2);

    // Unsatisfied: back to both departments.
    tick();
    ok(
      await c.as.econ.post(`/api/proposals/${id}/assessment`, {
        satisfaction: 'unsatisfied',
        comment: '资金分摊未作回应。',
      }),
    );
    const returned = ['proposal_returned', id, { dueDate: '2027-03-01', number: '2026-0001' }];
    expect((await told(c.as.official))[0]).toEqual(returned);
    expect((await told(finance.official))[0]).toEqual(returned);

    // Nobody acted for nobody else: the author, the secretariat and the chair were told only the above.
    expect((await told(c.as.econ)).map(([kind]) => kind)).toEqual(['proposal_replied', 'proposal_reviewed']);
    expect((await told(c.as.secretary)).map(([kind]) => kind)).toEqual(['proposal_submitted']);
    expect(await told(c.as.chair)).toEqual([]);
    expect(await told(c.as.teacher)).toEqual([]);
  });

  it('tell the signers a proposal was not accepted, and link to it from the list', async () => {
    const id = await submittedProposal();
    ok(
      await c.as.secretary.post(`/api/proposals/${id}/review`, {
        decision: 'not_accepted',
        reason: '不属于政协提案受理范围。',
      }),
    );
    for (const who of [c.as.econ, c.as.farmer]) {
      expect((await told(who))[0]).toEqual(['proposal_reviewed', id, { decision: 'not_accepted' }]);
    }
    expect(await told(c.as.official)).toEqual([]);
    const [first] = ok(await c.as.econ.get('/api/notifications')).notifications as Notification[];
    expect(first!.subject).toEqual({ type: 'proposal', id, title: draft.title });
  });

  it('are not stored when the change is refused', async () => {
    const id = await submittedProposal();
    // A member cannot review: nothing changes, and nobody is told anything.
    expect(
      (await c.as.teacher.post(`/api/proposals/${id}/review`, { decision: 'not_accepted', reason: '无' })).status,
    ).toBe(403);
    expect(await told(c.as.econ)).toEqual([]);
  });
});

describe('chasing overdue replies', () => {
  it('tells the lead department and the secretariat once per round and due date, and stops when it replies', async () => {
    const id = await submittedProposal();
    ok(await accept(id, '2026-12-10'));
    expect(await c.server.app.remind()).toBe(0);

    clock.set('2026-12-11T08:00:00Z');
    const overdue = ['proposal_overdue', id, { dueDate: '2026-12-10', number: '2026-0001' }];
    // The lead department's official and the secretary; the co-department is not chased.
    expect(await c.server.app.remind()).toBe(2);
    expect(await c.server.app.remind()).toBe(0);
    await c.as.official.post('/api/auth/login', { login: 'official', password: 'official-password' });
    await c.as.secretary.post('/api/auth/login', { login: 'secretary', password: 'secretary-password' });
    await finance.official.post('/api/auth/login', { login: 'finance', password: 'finance-password' });
    expect((await told(c.as.official))[0]).toEqual(overdue);
    expect((await told(c.as.secretary))[0]).toEqual(overdue);
    expect((await told(finance.official)).map(([kind]) => kind)).toEqual(['proposal_assigned']);

    ok(await c.as.official.post(`/api/proposals/${id}/reply`, { ...replyBody, departmentId: c.departmentId }));
    clock.set('2026-12-12T08:00:00Z');
    expect(await c.server.app.remind()).toBe(0);
  });

  it('chases an unanswered topic outcome past its due date: the officials and the secretariat', async () => {
    const topicId = await walkTopic(c, { ...liftsTopic, dueDate: '2026-12-05' }, 'delivered');
    clock.set('2026-12-06T08:00:00Z');
    // The official's answer_due and answer_overdue, and the secretary's answer_overdue.
    expect(await c.server.app.remind()).toBe(3);
    expect(await c.server.app.remind()).toBe(0);
    await c.as.official.post('/api/auth/login', { login: 'official', password: 'official-password' });
    await c.as.secretary.post('/api/auth/login', { login: 'secretary', password: 'secretary-password' });
    const official = await told(c.as.official);
    expect(official.filter(([kind]) => kind !== 'outcome_delivered')).toHaveLength(2);
    expect(official).toEqual(
      expect.arrayContaining([
        ['answer_overdue', topicId, { dueDate: '2026-12-05' }],
        ['answer_due', topicId, { dueDate: '2026-12-05' }],
      ]),
    );
    expect((await told(c.as.secretary)).filter(([kind]) => kind === 'answer_overdue')).toEqual([
      ['answer_overdue', topicId, { dueDate: '2026-12-05' }],
    ]);
  });
});

describe('a topic’s answer', () => {
  it('tells the chair, the secretariat and the party contact that a rating is due, live', async () => {
    const topicId = await walkTopic(c, liftsTopic, 'delivered');
    const chairSocket = await socketOf(c.as.chair);
    const live = new Promise<Notification>((resolve) => {
      chairSocket.on('notification:new', (n) => {
        if (n.kind === 'answer_received') resolve(n);
      });
    });
    ok(
      await c.as.official.post(`/api/topics/${topicId}/answer`, {
        decision: 'adopted',
        measures: '已出台指引。',
        reason: '',
      }),
    );
    expect(await live).toMatchObject({ subject: { type: 'topic', id: topicId }, topicId });
    for (const who of [c.as.secretary, c.as.contact]) {
      expect((await told(who)).filter(([kind]) => kind === 'answer_received')).toEqual([
        ['answer_received', topicId, {}],
      ]);
    }
    expect((await told(c.as.official)).filter(([kind]) => kind === 'answer_received')).toEqual([]);
  });
});
