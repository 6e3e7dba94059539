import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxPage, NotificationsPage } from '@yishi/protocol';
import { newId } from '../deps.js';
import { encodeCursor } from '../services/pages.js';
import { startCommittee, type Committee } from '../test/committee.js';
import { TestClient } from '../test/harness.js';
import { allPages, expectRefused } from '../test/pages.js';

let c: Committee;
beforeEach(async () => {
  c = await startCommittee();
});
afterEach(async () => {
  await c.server.dispose();
});

/** A time on `day` (a fraction for part of a day) of November 2026. */
const on = (day: number) => new Date(Date.UTC(2026, 10, 1, 8) + (day - 1) * 86_400_000).toISOString();

/** A topic proposed by the economist, to hang notifications and deliveries on. */
async function newTopic(title: string): Promise<string> {
  const res = await c.as.econ.post('/api/topics', { orgId: c.orgId, title, summary: '摘要' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.topic.id as string;
}

/**
 * A notification for `userId` created on `day`, stored as the service stores one (the pages only
 * read; the procedure's own tests make notifications by changing stages). Its id is returned.
 */
async function notify(userId: string, topicId: string, day: number): Promise<string> {
  const id = newId();
  const data = { from: 'proposed', to: 'vetting' } as const;
  const subject = { type: 'topic', id: topicId } as const;
  const row = { id, userId, kind: 'stage_changed', subject, data, dedupeKey: null, createdAt: on(day) } as const;
  expect(await c.server.store.notifications.insert(row)).toBe(true);
  return id;
}

/**
 * A topic delivered to the departments `recipients` on `day`, stored as the procedure leaves it (taking one through
 * the whole procedure takes a dozen requests; the inbox only reads the outcome, stage and delivery).
 */
async function deliver(title: string, day: number, recipients: string[], dueDate = '2099-12-31'): Promise<string> {
  const topicId = await newTopic(title);
  const at = on(day);
  await c.server.store.transaction(async (tx) => {
    await tx.topics.setOutcome(
      topicId,
      { form: 'recommendation', departmentIds: recipients, dueDate, partyContactId: null },
      at,
    );
    expect(await tx.topics.moveStage(topicId, 'proposed', 'delivered', at, false)).toBe(true);
    const transition = { id: newId(), topicId, from: 'drafting', to: 'delivered', actorId: c.ids.chair } as const;
    await tx.topics.insertTransition({ ...transition, reason: null, at, waived: [] });
  });
  return topicId;
}

const notificationIds = (pages: NotificationsPage[]) => pages.flatMap((p) => p.notifications.map((n) => n.id));
const inboxTitles = (pages: InboxPage[]) => pages.flatMap((p) => p.items.map((item) => item.title));

describe('pages of my notifications', () => {
  it('come newest first, limited, with the total and the unread count on every page', async () => {
    const topicId = await newTopic('议题');
    const ids = [];
    for (let day = 1; day <= 5; day++) ids.push(await notify(c.ids.econ, topicId, day));
    // Two created at the same moment, on either side of a page's end: in the order of their ids, the greater first.
    const twins = [await notify(c.ids.econ, topicId, 3.5), await notify(c.ids.econ, topicId, 3.5)].sort().reverse();
    await c.as.econ.post(`/api/notifications/${ids[0]}/read`);
    const pages = await allPages<NotificationsPage>(c.as.econ, '/api/notifications', 'limit=3');
    expect(pages.map((p) => p.notifications.length)).toEqual([3, 3, 1]);
    expect(notificationIds(pages)).toEqual([ids[4], ids[3], twins[0], twins[1], ids[2], ids[1], ids[0]]);
    expect(pages.map((p) => [p.total, p.unread])).toEqual([
      [7, 6],
      [7, 6],
      [7, 6],
    ]);
    expect(pages.at(-1)!.next).toBeNull();
    expect(pages[0]!.notifications[0]).toMatchObject({ kind: 'stage_changed', topicId, topicTitle: '议题' });
  });

  it('neither repeat nor skip a notification when some are created between pages', async () => {
    const topicId = await newTopic('议题');
    const names = new Map<string, string>();
    const add = async (name: string, day: number) => names.set(await notify(c.ids.econ, topicId, day), name);
    for (let day = 1; day <= 6; day++) await add(`n${day}`, day);
    const first = (await c.as.econ.get<NotificationsPage>('/api/notifications?limit=2')).body;
    expect(first.notifications.map((n) => names.get(n.id))).toEqual(['n6', 'n5']);
    const rest: string[] = [];
    let next = first.next;
    let round = 0;
    while (next && round < 20) {
      // Between every two pages: a new one (before the first page) and an older one than any (after
      // the page just read); after the first page, also one between those still to come.
      round++;
      await add(`new${round}`, 20 + round);
      await add(`old${round}`, 0.9 - round / 100);
      if (round === 1) await add('mid', 3.5);
      const res = await c.as.econ.get<NotificationsPage>(
        `/api/notifications?limit=2&cursor=${encodeURIComponent(next)}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(7 + 2 * round);
      rest.push(...res.body.notifications.map((n) => names.get(n.id)!));
      next = res.body.next;
    }
    const older = Array.from({ length: round }, (_, i) => `old${i + 1}`);
    expect(rest).toEqual(['n4', 'mid', 'n3', 'n2', 'n1', ...older]);
  });

  it('show a person only their own, on every page and in the totals, whoever’s cursor they pass', async () => {
    const topicId = await newTopic('议题');
    const mine: string[] = [];
    const theirs: string[] = [];
    for (let day = 1; day <= 5; day++) {
      mine.push(await notify(c.ids.econ, topicId, day));
      theirs.push(await notify(c.ids.farmer, topicId, day + 0.5));
    }
    const econ = await allPages<NotificationsPage>(c.as.econ, '/api/notifications', 'limit=2');
    expect(notificationIds(econ)).toEqual(mine.toReversed());
    expect(econ.map((p) => [p.total, p.unread])).toEqual([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    const farmer = await allPages<NotificationsPage>(c.as.farmer, '/api/notifications', 'limit=2');
    expect(notificationIds(farmer)).toEqual(theirs.toReversed());
    // A cursor only says where a page starts: the economist's, passed by the farmer, lists the farmer's.
    const cursor = encodeURIComponent(econ[0]!.next!);
    const borrowed = (await c.as.farmer.get<NotificationsPage>(`/api/notifications?limit=10&cursor=${cursor}`)).body;
    expect(borrowed.notifications.map((n) => n.id)).toEqual(theirs.slice(0, 3).toReversed());
    expect(borrowed.total).toBe(5);
    expect((await c.as.chair.get<NotificationsPage>('/api/notifications')).body).toEqual({
      notifications: [],
      unread: 0,
      next: null,
      total: 0,
    });
  });
});

describe('pages of an official’s inbox', () => {
  it('come latest delivered first, with the total, the overdue flag as before, and only delivered topics', async () => {
    for (let day = 1; day <= 4; day++) await deliver(`成果${day}`, day, [c.departmentId]);
    await deliver('逾期成果', 2.5, [c.departmentId], '2020-01-31');
    // Two delivered at the same moment, on either side of a page's end: in the order of their ids, the greater first.
    const twins = [await deliver('同时甲', 3.5, [c.departmentId]), await deliver('同时乙', 3.5, [c.departmentId])];
    const [greater, lesser] = twins[0]! > twins[1]! ? ['同时甲', '同时乙'] : ['同时乙', '同时甲'];
    // Addressed to the official but not delivered yet: not in the inbox.
    const drafting = await newTopic('起草中');
    await c.server.store.transaction((tx) =>
      tx.topics.setOutcome(
        drafting,
        { form: 'proposal', departmentIds: [c.departmentId], dueDate: '2099-12-31', partyContactId: null },
        on(5),
      ),
    );
    const pages = await allPages<InboxPage>(c.as.official, '/api/inbox', 'limit=2');
    expect(inboxTitles(pages)).toEqual(['成果4', greater, lesser, '成果3', '逾期成果', '成果2', '成果1']);
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7, 7]);
    expect(pages.flatMap((p) => p.items).find((item) => item.title === '逾期成果')).toMatchObject({
      stage: 'delivered',
      dueDate: '2020-01-31',
      answered: false,
      overdue: true,
      deliveredAt: on(2.5),
    });
    expect(pages[0]!.items[0]).toMatchObject({ orgName: '江城市政协', form: 'recommendation', overdue: false });
  });

  it('neither repeat nor skip an outcome when some are delivered between pages', async () => {
    for (let day = 1; day <= 6; day++) await deliver(`成果${day}`, day, [c.departmentId]);
    const first = (await c.as.official.get<InboxPage>('/api/inbox?limit=2')).body;
    expect(first.items.map((item) => item.title)).toEqual(['成果6', '成果5']);
    const rest: string[] = [];
    let next = first.next;
    let round = 0;
    while (next && round < 20) {
      // Between every two pages: one delivered now (before the first page) and one recorded as
      // delivered before any other (after the page just read); after the first page, also one between.
      round++;
      await deliver(`新成果${round}`, 20 + round, [c.departmentId]);
      await deliver(`补录成果${round}`, 0.9 - round / 100, [c.departmentId]);
      if (round === 1) await deliver('居中成果', 3.5, [c.departmentId]);
      const res = await c.as.official.get<InboxPage>(`/api/inbox?limit=2&cursor=${encodeURIComponent(next)}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(7 + 2 * round);
      rest.push(...res.body.items.map((item) => item.title));
      next = res.body.next;
    }
    const older = Array.from({ length: round }, (_, i) => `补录成果${i + 1}`);
    expect(rest).toEqual(['成果4', '居中成果', '成果3', '成果2', '成果1', ...older]);
  });

  it('show an official only what was delivered to their department, on every page and in the total', async () => {
    const finance = (await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '市财政局' })).body.department
      .id as string;
    const created = await c.admin.post(`/api/orgs/${c.orgId}/members`, {
      login: 'official2',
      password: 'official2-password',
      displayName: 'official2',
      role: 'official',
      departmentId: finance,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const other = new TestClient(c.server.url);
    await other.post('/api/auth/login', { login: 'official2', password: 'official2-password' });
    for (let day = 1; day <= 3; day++) {
      await deliver(`给我的${day}`, day, [c.departmentId]);
      await deliver(`给别人的${day}`, day + 0.5, [finance]);
    }
    await deliver('给两人的', 4, [c.departmentId, finance]);
    const mine = await allPages<InboxPage>(c.as.official, '/api/inbox', 'limit=2');
    expect(inboxTitles(mine)).toEqual(['给两人的', '给我的3', '给我的2', '给我的1']);
    expect(mine.map((p) => p.total)).toEqual([4, 4]);
    // Any official of a department answers for it: a colleague of the official sees the same inbox.
    const colleague = await c.admin.post(`/api/orgs/${c.orgId}/members`, {
      login: 'colleague',
      password: 'colleague-password',
      displayName: 'colleague',
      role: 'official',
      departmentId: c.departmentId,
    });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(201);
    const colleagueClient = new TestClient(c.server.url);
    await colleagueClient.post('/api/auth/login', { login: 'colleague', password: 'colleague-password' });
    expect(inboxTitles(await allPages<InboxPage>(colleagueClient, '/api/inbox', 'limit=2'))).toEqual(inboxTitles(mine));
    const theirs = await allPages<InboxPage>(other, '/api/inbox', 'limit=2');
    expect(inboxTitles(theirs)).toEqual(['给两人的', '给别人的3', '给别人的2', '给别人的1']);
    // My cursor, passed by the other official, still lists only theirs.
    const cursor = encodeURIComponent(mine[0]!.next!);
    const borrowed = (await other.get<InboxPage>(`/api/inbox?cursor=${cursor}`)).body;
    expect(borrowed.items.map((item) => item.title)).toEqual(['给别人的2', '给别人的1']);
    expect((await c.as.econ.get<InboxPage>('/api/inbox')).body).toEqual({ items: [], next: null, total: 0 });
  });
});

describe('the pages of notifications and inbox', () => {
  it('refuse a page size past the maximum, a cursor of another list and a broken one', async () => {
    const topicId = await newTopic('议题');
    await notify(c.ids.econ, topicId, 1);
    const notificationsCursor = encodeCursor('notifications', [on(1), 'x']);
    const inboxCursor = encodeCursor('inbox', [on(1), 'x']);
    const casesCursor = encodeCursor('cases', [0, on(1), 'x']);
    await expectRefused(c.as.econ, '/api/notifications', [
      'limit=201',
      'limit=0',
      `cursor=${casesCursor}`,
      `cursor=${inboxCursor}`,
      'cursor=not-a-cursor',
      `cursor=${encodeCursor('notifications', [1, 'x'])}`,
    ]);
    await expectRefused(c.as.econ, '/api/inbox', [
      'limit=201',
      `cursor=${casesCursor}`,
      `cursor=${notificationsCursor}`,
      `cursor=${'x'.repeat(501)}`,
    ]);
    for (const path of ['/api/notifications', '/api/inbox']) {
      expect((await c.as.econ.get(`${path}?limit=200`)).status).toBe(200);
      expect((await c.as.econ.get(`${path}?unknownField=1`)).status).toBe(400);
    }
    expect((await c.as.econ.get(`/api/notifications?cursor=${notificationsCursor}`)).status).toBe(200);
  });
});
