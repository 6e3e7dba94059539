import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { QueueView } from '@yishi/protocol';
import { RoomClient, startRoom, type Room } from '../test/room.js';
import { prng } from '../test/random.js';

let room: Room | undefined;
const clients: RoomClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await room?.server.dispose();
  room = undefined;
});

function open(r: Room, who: ConstructorParameters<typeof RoomClient>[1]): RoomClient {
  const client = new RoomClient(r.server.url, who);
  clients.push(client);
  return client;
}

/** The state every client must agree on (serverNow is each broadcast's own clock). */
const comparable = (view: QueueView) => {
  const { serverNow: _now, ...rest } = view;
  return rest;
};

describe('the meeting room with a chair and 50 members', () => {
  it('converges on one queue after 500 random commands, and a client cut off catches up', async () => {
    room = await startRoom(50);
    const r = room;
    const chair = open(r, r.chair);
    const members = r.members.map((m) => open(r, m.client));
    const all = [chair, ...members];
    for (const client of all) expect((await client.join(r.meetingId)).ok).toBe(true);

    const random = prng(20261126);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const cutOff = members[7]!;

    // 500 commands in batches of five sent at once, so that the server also serialises concurrent ones.
    const commandAt = (i: number, state: QueueView): (() => Promise<void>) | undefined => {
      const roll = random();
      if (roll < 0.45) {
        const who = pick(members.filter((m) => m !== cutOff || i < 150));
        const kind = pick(['speech', 'speech', 'reply', 'point_of_order', 'question'] as const);
        const payload = kind === 'question' ? { kind, questionTo: r.official.id } : { kind };
        return async () => {
          const ack = await who.emit('queue:raise', { ...payload, commandId: randomUUID() });
          count(`raise:${ack.ok ? 'ok' : ack.error.code}`);
        };
      }
      if (roll < 0.55 && state.waiting.length > 0) {
        const entry = pick(state.waiting);
        const owner = members[r.members.findIndex((m) => m.id === entry.userId)];
        if (!owner || (owner === cutOff && i >= 150)) return undefined;
        return async () => {
          const ack = await owner.emit('queue:withdraw', { entryId: entry.id });
          count(`withdraw:${ack.ok ? 'ok' : ack.error.code}`);
        };
      }
      const choice = pick(['next', 'next', 'grant', 'move', 'remove', 'finish', 'pause', 'resume', 'extend'] as const);
      const entry = state.waiting.length > 0 ? pick(state.waiting) : undefined;
      const payload =
        choice === 'grant' || choice === 'remove'
          ? { entryId: entry?.id ?? 'none' }
          : choice === 'move'
            ? { entryId: entry?.id ?? 'none', index: Math.floor(random() * (state.waiting.length + 1)) }
            : choice === 'extend'
              ? { seconds: 30 }
              : {};
      return async () => {
        const ack = await chair.emit(`queue:${choice}` as 'queue:next', payload);
        count(`${choice}:${ack.ok ? 'ok' : ack.error.code}`);
      };
    };
    for (let i = 0; i < 500; i += 5) {
      if (i === 150) cutOff.socket.disconnect();
      const state = chair.last!;
      const accepted = () => [...outcomes].filter(([key]) => key.endsWith(':ok')).reduce((n, [, c]) => n + c, 0);
      const before = accepted();
      const batch = [0, 1, 2, 3, 4].map((k) => commandAt(i + k, state)).filter((f) => f !== undefined);
      await Promise.all(batch.map((run) => run()));
      // Every accepted command is one new version, broadcast to the room (the chair included).
      await chair.reached(state.version + (accepted() - before));
    }

    // The client cut off at command 150 comes back and is brought up to date by joining again.
    cutOff.socket.connect();
    await cutOff.join(r.meetingId);

    const snapshot = await chair.emit('queue:snapshot', {});
    expect(snapshot.ok).toBe(true);
    const final = snapshot.queue as QueueView;
    for (const client of all) await client.reached(final.version);
    for (const client of all) expect(comparable(client.last!)).toEqual(comparable(final));

    // Versions only grow, by one per change, for every client that stayed connected.
    for (const client of all.filter((c) => c !== cutOff)) {
      const versions = client.versions;
      expect(versions.slice(1).every((v, i) => v === versions[i]! + 1)).toBe(true);
    }
    expect(cutOff.versions.at(-1)).toBe(final.version);

    // The run exercised the queue: granted speeches, replies, questions, moves, refusals.
    for (const key of ['raise:ok', 'next:ok', 'grant:ok', 'move:ok', 'withdraw:ok', 'pause:ok', 'raise:CONFLICT']) {
      expect(outcomes.get(key), key).toBeGreaterThan(0);
    }
    const speeches = (await r.chair.get(`/api/meetings/${r.meetingId}`)).body.speeches as { kind: string }[];
    expect(speeches.length).toBeGreaterThan(10);
    // Commands of one batch race, so which kinds finish a turn varies from run to run; most of them do.
    const kinds = new Set(speeches.map((s) => s.kind));
    expect([...kinds].every((k) => ['speech', 'reply', 'point_of_order', 'question', 'answer'].includes(k))).toBe(true);
    expect(kinds.size).toBeGreaterThanOrEqual(4);
    const totalSeconds = final.totals.people.reduce((sum, p) => sum + p.count, 0);
    expect(totalSeconds).toBeGreaterThanOrEqual(speeches.length);
  }, 120_000);
});

describe('room commands', () => {
  it('refuses wrong roles with FORBIDDEN and malformed payloads with VALIDATION, changing nothing', async () => {
    room = await startRoom(2);
    const chair = open(room, room.chair);
    const member = open(room, room.members[0]!.client);
    await chair.join(room.meetingId);
    await member.join(room.meetingId);
    const raised = await member.emit('queue:raise', { kind: 'speech' });
    expect(raised).toMatchObject({ ok: true, entry: { kind: 'speech', reason: { code: 'first_speech' } } });
    const before = (await chair.emit('queue:snapshot', {})).queue.version;

    for (const [event, payload] of [
      ['queue:grant', { entryId: raised.entry.id }],
      ['queue:next', {}],
      ['queue:remove', { entryId: raised.entry.id }],
      ['queue:pause', {}],
    ] as const) {
      expect(await member.emit(event, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await chair.emit('queue:raise', { kind: 'speech' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const [event, payload] of [
      ['queue:raise', { kind: 'shout' }],
      ['queue:raise', { kind: 'speech', extra: 1 }],
      ['queue:raise', 'speech'],
      ['queue:move', { entryId: raised.entry.id, index: -1 }],
      ['queue:extend', { seconds: 100000 }],
      ['queue:raise', { kind: 'question' }],
      ['queue:raise', { kind: 'question', questionTo: room.members[1]!.id }],
      ['meeting:join', { meetingId: 42 }],
    ] as const) {
      const ack = await member.emit(event, payload);
      expect(ack, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect((await chair.emit('queue:snapshot', {})).queue.version).toBe(before);
  });

  it('does not queue twice when a command is retried with the same commandId', async () => {
    room = await startRoom(1);
    const member = open(room, room.members[0]!.client);
    await member.join(room.meetingId);
    const commandId = randomUUID();
    const first = await member.emit('queue:raise', { kind: 'speech', commandId });
    const retry = await member.emit('queue:raise', { kind: 'speech', commandId });
    expect(retry).toEqual(first);
    const queue = (await member.emit('queue:snapshot', {})).queue as QueueView;
    expect(queue.waiting).toHaveLength(1);
    expect(queue.version).toBe(1);
  });

  it('keeps command ids per person, and only those of applied commands', async () => {
    room = await startRoom(2);
    const r = room;
    const chair = open(r, r.chair);
    const member = open(r, r.members[0]!.client);
    const other = open(r, r.members[1]!.client);
    for (const c of [chair, member, other]) expect((await c.join(r.meetingId)).ok).toBe(true);
    const commandId = randomUUID();
    const raised = await member.emit('queue:raise', { kind: 'speech', commandId });
    expect(raised.ok).toBe(true);
    // The same id from someone else is their own command, applied, not the member's old answer.
    const otherRaised = await other.emit('queue:raise', { kind: 'speech', commandId });
    expect(otherRaised.ok).toBe(true);
    expect(otherRaised.entry.id).not.toBe(raised.entry.id);
    const granted = await chair.emit('queue:grant', { entryId: raised.entry.id, commandId });
    expect(granted).toEqual({ ok: true });
    const queue = (await chair.emit('queue:snapshot', {})).queue as QueueView;
    expect([queue.version, queue.current?.userId, queue.waiting.length]).toEqual([3, r.members[0]!.id, 1]);

    // A refused command is not kept: refused commands leave the store as it was.
    const kept = await r.server.store.queues.rememberedCount(r.meetingId);
    for (let i = 0; i < 30; i++) {
      const refused = await member.emit('queue:withdraw', { entryId: randomUUID(), commandId: randomUUID() });
      expect(refused.ok).toBe(false);
    }
    expect(await r.server.store.queues.rememberedCount(r.meetingId)).toBe(kept);
  });

  it('refuses a socket that sends more commands than a person could click', async () => {
    room = await startRoom(1);
    const member = open(room, room.members[0]!.client);
    await member.join(room.meetingId);
    const acks = await Promise.all(
      Array.from({ length: 80 }, () => member.emit('queue:withdraw', { entryId: randomUUID() })),
    );
    const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(30);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeLessThan(80);
  });

  it('lets only people who may see the topic in, and an observer only watch', async () => {
    room = await startRoom(1);
    const outsider = open(room, room.outsider);
    expect(await outsider.join(room.meetingId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const observerLogin = await room.admin.post(`/api/orgs/${room.orgId}/members`, {
      login: 'press',
      password: 'press-password',
      displayName: 'press',
      role: 'observer',
    });
    expect(observerLogin.status).toBe(201);
    const { TestClient } = await import('../test/harness.js');
    const press = new TestClient(room.server.url);
    await press.post('/api/auth/login', { login: 'press', password: 'press-password' });
    const watcher = open(room, press);
    expect(await watcher.join(room.meetingId)).toMatchObject({ ok: true, role: 'observer' });
    expect(await watcher.emit('queue:raise', { kind: 'speech' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('closes the queue with the meeting: the speaker on the floor is logged, then it is read-only', async () => {
    room = await startRoom(1);
    const chair = open(room, room.chair);
    const member = open(room, room.members[0]!.client);
    await chair.join(room.meetingId);
    await member.join(room.meetingId);
    await member.emit('queue:raise', { kind: 'speech' });
    expect((await chair.emit('queue:next', {})).ok).toBe(true);
    const closedState = new Promise<QueueView>((resolve) =>
      member.socket.on('queue:state', (view) => view.closed && resolve(view)),
    );
    expect((await room.chair.post(`/api/meetings/${room.meetingId}/close`)).body.meeting).toMatchObject({
      status: 'ended',
      distinctSpeakers: 1,
    });
    expect((await closedState).current).toBeNull();
    expect(await member.emit('queue:raise', { kind: 'speech' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const log = (await room.chair.get(`/api/meetings/${room.meetingId}`)).body.speeches;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'speech', speaker: { id: room.members[0]!.id } });
  });

  it('shows who is here, and someone who dropped as offline only after the grace period', async () => {
    room = await startRoom(1, { presenceGraceMs: 300 });
    const chair = open(room, room.chair);
    const member = open(room, room.members[0]!.client);
    await chair.join(room.meetingId);
    const online = new Promise((resolve) =>
      chair.socket.on('presence:state', (view) => view.participants.length === 2 && resolve(view)),
    );
    const joined = await member.join(room.meetingId);
    expect(joined.ok && joined.presence.participants.map((p) => [p.displayName, p.online])).toEqual([
      ['chair', true],
      ['m0', true],
    ]);
    await online;
    const droppedAt = Date.now();
    const offline = new Promise<number>((resolve) =>
      chair.socket.on('presence:state', (view) => {
        if (view.participants.some((p) => p.displayName === 'm0' && !p.online)) resolve(Date.now());
      }),
    );
    member.socket.disconnect();
    expect((await offline) - droppedAt).toBeGreaterThanOrEqual(250);
  });

  it('sets time limits before the meeting opens, and the countdown carries them', async () => {
    room = await startRoom(1);
    const scheduled = await room.secretary.post(`/api/topics/${room.topicId}/meetings`, {
      title: '第二次协商会',
      startsAt: '2026-12-08T09:00:00+08:00',
    });
    const meetingId = scheduled.body.meeting.id;
    // Someone already in the room before it opens sees the new rules at once.
    const early = open(room, room.members[0]!.client);
    expect((await early.join(meetingId)).ok).toBe(true);
    const before = early.last!.version;
    const set = await room.chair.request('PUT', `/api/meetings/${meetingId}/settings`, { limits: { speech: 240 } });
    expect(set.body.queue.settings.limits).toMatchObject({ speech: 240, reply: 60 });
    await early.reached(before + 1);
    expect(early.last!.settings.limits.speech).toBe(240);
    expect((await room.members[0]!.client.get(`/api/meetings/${meetingId}/settings`)).body.settings).toMatchObject({
      limits: { speech: 240 },
      maxRepliesPerSpeech: 2,
      speechPolicy: 'first_time_first',
    });
    expect(
      (await room.members[0]!.client.request('PUT', `/api/meetings/${meetingId}/settings`, { sectorBalance: true }))
        .status,
    ).toBe(403);
    await room.chair.post(`/api/meetings/${meetingId}/open`);
    const late = await room.chair.request('PUT', `/api/meetings/${meetingId}/settings`, { limits: { speech: 60 } });
    expect(late.status).toBe(409);
    const chair = open(room, room.chair);
    const member = open(room, room.members[0]!.client);
    await chair.join(meetingId);
    await member.join(meetingId);
    await member.emit('queue:raise', { kind: 'speech' });
    await chair.emit('queue:next', {});
    const queue = (await member.emit('queue:snapshot', {})).queue as QueueView;
    expect(queue.current).toMatchObject({ limitSeconds: 240, pausedAt: null });
    const sync = await member.emit('time:sync', {});
    expect(Math.abs(sync.serverNow - Date.now())).toBeLessThan(1000);
  });
});
