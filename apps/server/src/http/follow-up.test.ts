import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Notification, ServerToClientEvents } from '@yishi/protocol';
import { liftsTopic, startCommittee, walkTopic, type Committee } from '../test/committee.js';
import { movableClock } from '../test/harness.js';

let c: Committee | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await c?.server.dispose();
  c = undefined;
});

const topic = liftsTopic;

describe('after delivery', () => {
  it('notifies the proposer of stage changes, live and in the list, but not the one who made them', async () => {
    c = await startCommittee();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(c.server.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: c.as.econ.cookie! },
    });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    const live = new Promise<Notification>((resolve) => socket.once('notification:new', resolve));
    const id = (await c.as.econ.post('/api/topics', { orgId: c.orgId, title: '议题', summary: '摘要' })).body.topic.id;
    await c.as.chair.post(`/api/topics/${id}/advance`, { to: 'vetting' });
    expect(await live).toMatchObject({
      kind: 'stage_changed',
      topicId: id,
      topicTitle: '议题',
      data: { from: 'proposed', to: 'vetting' },
    });
    const list = (await c.as.econ.get('/api/notifications')).body;
    expect(list.unread).toBe(1);
    expect(list.notifications.map((n: Notification) => n.kind)).toEqual(['stage_changed']);
    expect((await c.as.chair.get('/api/notifications')).body.unread).toBe(0);

    expect((await c.as.econ.post(`/api/notifications/${list.notifications[0].id}/read`)).status).toBe(204);
    expect((await c.as.econ.get('/api/notifications')).body.unread).toBe(0);
    expect((await c.as.chair.post(`/api/notifications/${list.notifications[0].id}/read`)).status).toBe(404);
  });

  it('puts a delivered outcome in the official’s inbox, reminds three days before it is due, and flags it overdue', async () => {
    const clock = movableClock('2026-12-01T08:00:00Z');
    c = await startCommittee({ clock });
    const id = await walkTopic(c, { ...topic, dueDate: '2026-12-20' }, 'delivered');

    const delivered = (await c.as.official.get('/api/notifications')).body.notifications;
    expect(delivered.map((n: Notification) => [n.kind, n.data.dueDate])).toEqual([['outcome_delivered', '2026-12-20']]);
    const inbox = async () => (await c!.as.official.get('/api/inbox')).body.items;
    expect(await inbox()).toMatchObject([
      { topicId: id, stage: 'delivered', dueDate: '2026-12-20', answered: false, overdue: false },
    ]);
    expect((await c.as.econ.get('/api/inbox')).body.items).toEqual([]);

    expect(await c.server.app.followUp.remindDue()).toBe(0);
    // Seventeen idle days end every session: the official signs in again.
    clock.set('2026-12-18T08:00:00Z');
    expect((await c.as.official.get('/api/inbox')).status).toBe(401);
    await c.as.official.post('/api/auth/login', { login: 'official', password: 'official-password' });
    expect(await c.server.app.followUp.remindDue()).toBe(1);
    expect(await c.server.app.followUp.remindDue()).toBe(0);
    expect((await c.as.official.get('/api/notifications')).body.notifications[0]).toMatchObject({
      kind: 'answer_due',
      data: { dueDate: '2026-12-20' },
    });

    clock.set('2026-12-21T08:00:00Z');
    expect((await inbox())[0]).toMatchObject({ overdue: true, answered: false });
    await c.as.official.post(`/api/topics/${id}/answer`, { decision: 'adopted', measures: '已出台指引。', reason: '' });
    expect((await inbox())[0]).toMatchObject({ stage: 'feedback', overdue: false, answered: true });
  });
});

describe('the secretariat dashboard', () => {
  it('counts topics by stage, lists the week’s meetings and answers due, and totals speaking by sector', async () => {
    const clock = movableClock('2026-12-01T08:00:00Z');
    c = await startCommittee({ clock });
    // Due the next day, and the day after that comes: overdue.
    const id = await walkTopic(c, { ...topic, dueDate: '2026-12-02' }, 'delivered');
    clock.set('2026-12-03T08:00:00Z');
    await c.as.econ.post('/api/topics', { orgId: c.orgId, title: '另一个议题', summary: '摘要' });

    expect((await c.as.econ.get(`/api/dashboard?orgId=${c.orgId}`)).status).toBe(403);
    const dashboard = (await c.as.secretary.get(`/api/dashboard?orgId=${c.orgId}`)).body.dashboard;
    expect(dashboard.topicsByStage).toEqual({ delivered: 1, proposed: 1 });
    expect(dashboard.meetingsThisWeek.map((m: any) => [m.title, m.status])).toEqual([['协商会', 'ended']]);
    expect(dashboard.answersDue).toEqual([
      {
        topicId: id,
        title: topic.title,
        dueDate: '2026-12-02',
        overdue: true,
        recipients: [{ id: c.departmentId, name: '市发展改革委' }],
      },
    ]);
    expect(dashboard.answersDueCount).toEqual({ total: 1, overdue: 1 });
    expect(dashboard.speakingBySector).toEqual([
      { sector: '经济界', seconds: 240, speeches: 1, speakers: 1 },
      { sector: '教育界', seconds: 240, speeches: 1, speakers: 1 },
    ]);
    const narrow = (await c.as.chair.get(`/api/dashboard?orgId=${c.orgId}&from=2027-01-01&to=2027-01-31`)).body
      .dashboard;
    expect(narrow.speakingBySector).toEqual([]);
    expect((await c.as.chair.get(`/api/dashboard?orgId=${c.orgId}&from=yesterday`)).status).toBe(400);
  });
});
