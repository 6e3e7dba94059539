import { afterEach, describe, expect, it } from 'vitest';
import type { AttendanceView, PresenceView } from '@yishi/protocol';
import { startServer, type TestServer } from '../test/harness.js';
import { RoomClient, startRoom, type Room } from '../test/room.js';

/**
 * Where each person takes part, across two nodes on one PostgreSQL and one Redis: said on node B,
 * seen on node A; set by the chair on node A, seen by the person on node B; recorded for the
 * minutes by the node whose socket was in the room when the meeting opened. (This file runs only
 * in the several-nodes project.)
 */
let room: Room | undefined;
const nodes: TestServer[] = [];
const sockets: RoomClient[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const node of nodes.splice(0)) await node.stop();
  await room?.server.dispose();
  room = undefined;
});

function socket(node: TestServer, who: Room['chair']): RoomClient {
  const client = new RoomClient(node.url, who);
  sockets.push(client);
  return client;
}

function presence(c: RoomClient, match: (view: PresenceView) => boolean): Promise<PresenceView> {
  return new Promise((resolve) => {
    const listener = (view: PresenceView) => {
      if (!match(view)) return;
      c.socket.off('presence:state', listener);
      resolve(view);
    };
    c.socket.on('presence:state', listener);
  });
}

const whereOf = (view: PresenceView, userId: string) => view.participants.find((p) => p.userId === userId)?.where;

describe('where each person takes part, across two nodes', () => {
  it('is seen on the other node both ways, and counted by the node whose socket was in the room at the opening', async () => {
    room = await startRoom(3);
    const r = room;
    const b = await startServer(r.server.dataDir);
    nodes.push(b);
    const made = await r.secretary.post(`/api/topics/${r.topicId}/meetings`, {
      title: '远程协商会',
      startsAt: '2026-12-02T09:00:00+08:00',
      mode: 'hybrid',
    });
    const meetingId = made.body.meeting.id as string;
    const [m0, m1, m2] = r.members;

    // m2 waits in the room on node B before the meeting opens, remote.
    const early = socket(b, m2!.client);
    await early.connected();
    expect((await early.emit('meeting:join', { meetingId, where: 'remote' })).ok).toBe(true);
    expect((await r.chair.post(`/api/meetings/${meetingId}/open`)).status).toBe(200);

    const chair = socket(r.server, r.chair);
    await chair.connected();
    expect((await chair.emit('meeting:join', { meetingId })).ok).toBe(true);

    // m0 joins on node B, remote: the chair on node A sees it.
    const seenOnA = presence(chair, (v) => whereOf(v, m0!.id) === 'remote' && whereOf(v, m2!.id) === 'remote');
    const member = socket(b, m0!.client);
    await member.connected();
    expect((await member.emit('meeting:join', { meetingId, where: 'remote' })).ok).toBe(true);
    await seenOnA;

    // m1 on node B said nothing; the chair on node A puts m1 in the hall, and m1 sees it on node B.
    const other = socket(b, m1!.client);
    await other.connected();
    const joined = await other.emit('meeting:join', { meetingId });
    expect(whereOf(joined.presence, m1!.id)).toBeNull();
    const seenOnB = presence(other, (v) => whereOf(v, m1!.id) === 'hall');
    expect((await chair.emit('presence:where', { where: 'hall', userId: m1!.id })).ok).toBe(true);
    await seenOnB;

    const attendance = (await r.secretary.get<{ attendance: AttendanceView }>(`/api/meetings/${meetingId}/attendance`))
      .body.attendance;
    expect(Object.fromEntries(attendance.people.map((p) => [p.userId, p.status]))).toMatchObject({
      [m0!.id]: 'remote',
      [m1!.id]: 'hall',
      [m2!.id]: 'remote',
      [r.official.id]: 'absent',
    });
  });
});
