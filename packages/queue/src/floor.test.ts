import { describe, expect, it } from 'vitest';
import type { QueueActor, QueueCommand } from './types.js';
import { Room, T0, as, chair, director, li, observer, secretariat, wang, zhang, zhao } from './test/fixtures.js';

const s = 1000;
const notRunners: QueueActor[] = [zhang, director, observer];

describe('grant', () => {
  it.each([chair, secretariat])('lets $role give the floor to any waiting entry', (who) => {
    const room = new Room();
    room.raise(zhang, 'speech');
    const li1 = room.raise(li, 'speech');
    const events = room.wait(3).run(who, { type: 'grant', entryId: li1.id });
    expect(events).toEqual([{ type: 'speech_started', current: room.state.current, by: who.userId }]);
    expect(room.state.current).toEqual({
      entryId: li1.id,
      userId: li.userId,
      displayName: '李四',
      sector: '教育界',
      kind: 'speech',
      startedAt: T0 + 3 * s,
      limitSeconds: 180,
      pausedAt: null,
      pausedMs: 0,
    });
    expect(room.order()).toEqual(['张三:speech']);
  });

  it('uses the limit of the kind, as the meeting set it', () => {
    const room = new Room({ limits: { point_of_order: 45 } });
    room.grant(room.raise(zhang, 'point_of_order'));
    expect(room.state.current?.limitSeconds).toBe(45);
    room.grant(room.raise(li, 'question', director));
    expect(room.state.current?.limitSeconds).toBe(120);
  });

  it('finishes whoever is speaking first, as a chair calling the next speaker does', () => {
    const room = new Room();
    const first = room.raise(zhang, 'speech');
    const second = room.raise(li, 'speech');
    room.grant(first);
    const events = room.wait(50).grant(second);
    expect(events.map((e) => e.type)).toEqual(['speech_finished', 'speech_started']);
    expect(events[0]).toMatchObject({ entryId: first.id, cause: 'grant', durationMs: 50 * s });
    expect(room.state.current?.entryId).toBe(second.id);
  });

  it.each(notRunners)('is FORBIDDEN to $role', (who) => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.refused(who, { type: 'grant', entryId: entry.id }).code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for an entry that is not waiting, CONFLICT for the one on the floor', () => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.refused(chair, { type: 'grant', entryId: 'e-none' }).code).toBe('NOT_FOUND');
    expect(room.refused(chair, { type: 'grant', entryId: '' }).code).toBe('VALIDATION');
    room.grant(entry);
    expect(room.refused(chair, { type: 'grant', entryId: entry.id }).code).toBe('CONFLICT');
  });
});

describe('next', () => {
  it('gives the floor to the first waiting entry', () => {
    const room = new Room();
    room.raise(zhang, 'speech');
    room.raise(li, 'point_of_order');
    const events = room.run(secretariat, { type: 'next' });
    expect(events.map((e) => e.type)).toEqual(['speech_started']);
    expect(room.state.current?.kind).toBe('point_of_order');
  });

  it('finishes the speaker and leaves the floor empty when nobody waits', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    const events = room.wait(10).run(chair, { type: 'next' });
    expect(events).toMatchObject([{ type: 'speech_finished', cause: 'next' }]);
    expect(room.state.current).toBeNull();
  });

  it('after a question gives the floor to the official’s answer', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'question', director));
    room.raise(li, 'speech');
    const events = room.wait(40).run(chair, { type: 'next' });
    expect(events.map((e) => e.type)).toEqual(['speech_finished', 'entry_added', 'speech_started']);
    expect(room.state.current).toMatchObject({
      kind: 'answer',
      userId: director.userId,
      limitSeconds: 120,
      answerTo: { userId: zhang.userId, displayName: '张三' },
    });
  });

  it('is CONFLICT when nobody speaks and nobody waits, FORBIDDEN to others', () => {
    expect(new Room().refused(chair, { type: 'next' }).code).toBe('CONFLICT');
    const room = new Room();
    room.raise(zhang, 'speech');
    for (const who of notRunners) expect(room.refused(who, { type: 'next' }).code).toBe('FORBIDDEN');
  });
});

describe('finish', () => {
  it('writes everything the speech log needs', () => {
    const room = new Room();
    const entry = room.raise(li, 'speech');
    room.wait(5).grant(entry);
    const reply = room.raise(wang, 'reply');
    room.grant(reply);
    const events = room.wait(70).run(chair, { type: 'finish' });
    expect(events).toEqual([
      {
        type: 'speech_finished',
        entryId: reply.id,
        userId: wang.userId,
        displayName: '王五',
        sector: '经济界',
        kind: 'reply',
        replyTo: { entryId: entry.id, userId: li.userId, displayName: '李四' },
        startedAt: T0 + 5 * s,
        endedAt: T0 + 75 * s,
        durationMs: 70 * s,
        pausedMs: 0,
        limitSeconds: 60,
        overTime: true,
        cause: 'finish',
        finishedBy: chair.userId,
      },
    ]);
    expect(room.state.current).toBeNull();
  });

  it('lets the speaker yield the floor, but no other member', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    expect(room.refused(li, { type: 'finish' }).code).toBe('FORBIDDEN');
    expect(room.refused(observer, { type: 'finish' }).code).toBe('FORBIDDEN');
    expect(room.run(zhang, { type: 'finish' })).toMatchObject([{ finishedBy: zhang.userId, overTime: false }]);
  });

  it('is CONFLICT for the chair when nobody speaks, FORBIDDEN for a member', () => {
    const room = new Room();
    expect(room.refused(chair, { type: 'finish' }).code).toBe('CONFLICT');
    expect(room.refused(zhang, { type: 'finish' }).code).toBe('FORBIDDEN');
  });

  it('books the time, pauses excluded, per person and per sector', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    room.wait(30).run(chair, { type: 'pause' });
    room.wait(100).run(chair, { type: 'resume' });
    room.wait(30).run(chair, { type: 'finish' });
    room.speak(wang, 20, 'point_of_order').speak(director, 15);
    expect(room.state.spoken).toEqual({
      [zhang.userId]: { displayName: '张三', sector: '经济界', count: 1, totalMs: 60 * s, speeches: 1 },
      [wang.userId]: { displayName: '王五', sector: '经济界', count: 1, totalMs: 20 * s, speeches: 0 },
      [director.userId]: { displayName: '陈局长', sector: null, count: 1, totalMs: 15 * s, speeches: 1 },
    });
    expect(room.state.sectorTotals).toEqual({ 经济界: 80 * s });
  });

  it('after a question queues the answer', () => {
    const room = new Room();
    room.speak(zhao, 30, 'question', director);
    expect(room.order()).toEqual(['陈局长:answer']);
  });
});

describe('pause, resume, addTime', () => {
  const clock: QueueCommand[] = [{ type: 'pause' }, { type: 'resume' }, { type: 'addTime', seconds: 30 }];

  it.each(clock)('$type is CONFLICT when nobody speaks', (command) => {
    expect(new Room().refused(chair, command).code).toBe('CONFLICT');
  });

  it.each(clock)('$type is FORBIDDEN to the speaker and everyone but the runners', (command) => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    for (const who of [...notRunners, li]) expect(room.refused(who, command).code).toBe('FORBIDDEN');
  });

  it('refuses to pause twice or resume a running clock (CONFLICT)', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    expect(room.refused(chair, { type: 'resume' }).code).toBe('CONFLICT');
    room.run(secretariat, { type: 'pause' });
    expect(room.refused(chair, { type: 'pause' }).code).toBe('CONFLICT');
    room.run(secretariat, { type: 'addTime', seconds: 1 });
    room.run(chair, { type: 'resume' });
  });

  it.each([0, -5, 601, 1.5, Number.NaN])('addTime refuses %d seconds (VALIDATION)', (seconds) => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    expect(room.refused(chair, { type: 'addTime', seconds }).code).toBe('VALIDATION');
  });

  it('addTime accepts 1 to 600 seconds', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    room.run(chair, { type: 'addTime', seconds: 600 });
    room.run(chair, { type: 'addTime', seconds: 1 });
    expect(room.state.current?.limitSeconds).toBe(781);
  });
});

describe('close', () => {
  it('finishes the speaker without queuing an answer, keeps the list, and refuses everything after', () => {
    const room = new Room();
    room.raise(li, 'speech');
    room.grant(room.raise(zhang, 'question', director));
    const events = room.wait(20).run(chair, { type: 'close' });
    expect(events).toMatchObject([
      { type: 'speech_finished', cause: 'close', durationMs: 20 * s },
      { type: 'queue_closed', at: room.now, by: chair.userId },
    ]);
    expect(room.state).toMatchObject({ closed: true, current: null });
    expect(room.order()).toEqual(['李四:speech']);
    const entryId = room.state.waiting[0]!.id;
    const everything: [QueueActor, QueueCommand][] = [
      [wang, { type: 'raise', kind: 'speech' }],
      [li, { type: 'withdraw', entryId }],
      [chair, { type: 'grant', entryId }],
      [chair, { type: 'next' }],
      [chair, { type: 'move', entryId, index: 0 }],
      [chair, { type: 'remove', entryId }],
      [chair, { type: 'finish' }],
      [chair, { type: 'pause' }],
      [chair, { type: 'resume' }],
      [chair, { type: 'addTime', seconds: 10 }],
      [chair, { type: 'close' }],
      [observer, { type: 'close' }],
    ];
    for (const [who, command] of everything) expect(room.refused(who, command).code).toBe('CONFLICT');
  });

  it('is FORBIDDEN to members, officials and observers', () => {
    const room = new Room();
    for (const who of [...notRunners, as(li, 'official')]) {
      expect(room.refused(who, { type: 'close' }).code).toBe('FORBIDDEN');
    }
    expect(room.run(secretariat, { type: 'close' })).toEqual([
      { type: 'queue_closed', at: room.now, by: secretariat.userId },
    ]);
  });
});
