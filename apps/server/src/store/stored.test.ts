import { afterEach, describe, expect, it } from 'vitest';
import { createQueue } from '@yishi/queue';
import { RoomClient, startRoom, type Room } from '../test/room.js';
import { withTestDb } from '../test/stores.js';
import type { Db } from './db.js';

/**
 * Stored JSON is read back through the protocol's schemas: a queue stored before its shape had a
 * version is upgraded and stored again with one, and a row of the wrong shape is an INTERNAL error
 * that names nothing of the row to the client, rather than a value of the wrong type travelling on.
 */
let room: Room | undefined;
const clients: RoomClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await room?.server.dispose();
  room = undefined;
});

const withDb = <T>(r: Room, work: (db: Db) => Promise<T>): Promise<T> => withTestDb(r.server.dataDir, work);

const storedQueue = (r: Room) =>
  withDb(r, (db) =>
    db.selectFrom('meetingQueues').select('state').where('meetingId', '=', r.meetingId).executeTakeFirstOrThrow(),
  );

const setStoredQueue = (r: Room, state: string) =>
  withDb(r, (db) => db.updateTable('meetingQueues').set({ state }).where('meetingId', '=', r.meetingId).execute());

describe('stored JSON', () => {
  it('stores the queue with the version of its shape, and upgrades a queue stored without one', async () => {
    room = await startRoom(1);
    const r = room;
    expect(JSON.parse((await storedQueue(r)).state)).toMatchObject({ v: 1, state: { version: 0 } });

    // A queue as the previous release stored it: the bare state.
    await setStoredQueue(r, JSON.stringify(createQueue()));
    const member = new RoomClient(r.server.url, r.members[0]!.client);
    clients.push(member);
    expect((await member.join(r.meetingId)).ok).toBe(true);
    expect(await member.emit('queue:raise', { kind: 'speech' })).toMatchObject({ ok: true });
    expect(JSON.parse((await storedQueue(r)).state)).toMatchObject({ v: 1, state: { version: 1 } });
  });

  it('answers INTERNAL, naming nothing of the row, when a stored queue has the wrong shape', async () => {
    room = await startRoom(1);
    const r = room;
    await setStoredQueue(r, JSON.stringify({ v: 1, state: { ...createQueue(), waiting: 'nobody' } }));
    const settings = await r.chair.get(`/api/meetings/${r.meetingId}/settings`);
    expect(settings.status).toBe(500);
    expect(settings.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(settings.body)).not.toContain('nobody');

    const member = new RoomClient(r.server.url, r.members[0]!.client);
    clients.push(member);
    const joined = await member.join(r.meetingId);
    expect(joined).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    // A shape from a future release (a version this server does not know) is refused the same way.
    await setStoredQueue(r, JSON.stringify({ v: 2, state: createQueue() }));
    expect((await r.chair.get(`/api/meetings/${r.meetingId}/settings`)).status).toBe(500);
  });

  it('answers INTERNAL when a topic’s stored tags are not a list of words', async () => {
    room = await startRoom(1);
    const r = room;
    await withDb(r, (db) => db.updateTable('topics').set({ tags: '{"营商":1}' }).where('id', '=', r.topicId).execute());
    const res = await r.chair.get(`/api/topics/${r.topicId}`);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
  });
});
