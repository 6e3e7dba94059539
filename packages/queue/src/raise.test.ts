import { describe, expect, it } from 'vitest';
import { RaisableKinds } from './types.js';
import type { QueueCommand } from './types.js';
import {
  Room,
  T0,
  as,
  chair,
  deputy,
  director,
  li,
  observer,
  ref,
  secretariat,
  wang,
  zhang,
  zhao,
} from './test/fixtures.js';

const raiseCmd = (kind: string, extra: object = {}): QueueCommand =>
  ({ type: 'raise', kind, ...extra }) as QueueCommand;

/** A room where 张三 holds the floor with a speech, so that every kind can be raised. */
function roomWithSpeech(): Room {
  const room = new Room();
  room.grant(room.raise(zhang, 'speech'));
  return room;
}

describe('raise: who may', () => {
  it.each([zhao, director])('$displayName (a $role) may raise every kind', (who) => {
    const room = roomWithSpeech();
    for (const kind of RaisableKinds)
      room.raise(who, kind, kind === 'question' ? (who === director ? deputy : director) : undefined);
    expect(room.state.waiting.filter((e) => e.userId === who.userId)).toHaveLength(4);
  });

  it.each([chair, secretariat, observer])('$role may not: FORBIDDEN', (who) => {
    const room = roomWithSpeech();
    for (const kind of RaisableKinds) {
      expect(room.refused(who, raiseCmd(kind, kind === 'question' ? { questionTo: ref(director) } : {})).code).toBe(
        'FORBIDDEN',
      );
    }
  });
});

describe('raise: the entry', () => {
  it('carries the actor, the time, the kind and its place', () => {
    const room = new Room();
    room.wait(12);
    const events = room.run(zhang, { type: 'raise', kind: 'speech' });
    expect(events).toEqual([
      {
        type: 'entry_added',
        index: 0,
        entry: {
          id: 'e1',
          userId: zhang.userId,
          displayName: '张三',
          sector: '经济界',
          kind: 'speech',
          requestedAt: T0 + 12_000,
          reason: { code: 'first_speech' },
        },
      },
    ]);
    expect(room.state.waiting).toEqual([events[0]?.type === 'entry_added' && events[0].entry]);
  });

  it('of a question names the official it is put to', () => {
    const room = new Room();
    expect(room.raise(zhang, 'question', director).questionTo).toEqual({
      userId: director.userId,
      displayName: '陈局长',
    });
  });
});

describe('raise: one request per person and kind', () => {
  it('refuses a second request of the same kind with CONFLICT', () => {
    const room = new Room();
    room.raise(zhang, 'speech');
    expect(room.refused(zhang, raiseCmd('speech')).code).toBe('CONFLICT');
    room.raise(zhang, 'point_of_order');
    expect(room.refused(zhang, raiseCmd('point_of_order')).code).toBe('CONFLICT');
    room.raise(zhang, 'question', director);
    expect(room.refused(zhang, raiseCmd('question', { questionTo: ref(director) })).code).toBe('CONFLICT');
  });

  it('accepts the same kind again once the first is withdrawn or granted', () => {
    const room = new Room();
    const first = room.raise(zhang, 'speech');
    room.run(zhang, { type: 'withdraw', entryId: first.id });
    room.grant(room.raise(zhang, 'speech'));
    room.run(chair, { type: 'finish' });
    room.raise(zhang, 'speech');
  });

  it('the speaker on the floor may raise only a point of order', () => {
    const room = roomWithSpeech();
    expect(room.refused(zhang, raiseCmd('speech')).code).toBe('CONFLICT');
    expect(room.refused(zhang, raiseCmd('reply')).code).toBe('CONFLICT');
    expect(room.refused(zhang, raiseCmd('question', { questionTo: ref(director) })).code).toBe('CONFLICT');
    room.raise(zhang, 'point_of_order');
  });
});

describe('raise: replies', () => {
  it('refuses a reply when nobody speaks (CONFLICT)', () => {
    expect(new Room().refused(zhang, raiseCmd('reply')).code).toBe('CONFLICT');
  });

  it.each(['point_of_order', 'question'] as const)('refuses a reply to a %s on the floor', (kind) => {
    const room = new Room({ maxRepliesPerSpeech: 5 });
    room.grant(room.raise(zhang, kind, kind === 'question' ? director : undefined));
    expect(room.refused(li, raiseCmd('reply')).code).toBe('CONFLICT');
  });

  it('refuses a reply to a reply or an answer on the floor', () => {
    const room = roomWithSpeech();
    room.grant(room.raise(li, 'reply'));
    expect(room.refused(wang, raiseCmd('reply')).code).toBe('CONFLICT');
    room.speak(wang, 10, 'question', director);
    room.grant(room.entryOf(director, 'answer'));
    expect(room.refused(zhao, raiseCmd('reply')).code).toBe('CONFLICT');
  });

  it(`accepts at most maxRepliesPerSpeech (default 2) per speech, then CONFLICT`, () => {
    const room = roomWithSpeech();
    room.raise(li, 'reply');
    room.raise(wang, 'reply');
    const error = room.refused(zhao, raiseCmd('reply'));
    expect(error).toEqual({ code: 'CONFLICT', message: "张三's speech already has 2 of 2 replies" });
    expect(room.state.repliesTo).toEqual({ [room.state.current!.entryId]: 2 });
  });

  it('counts a reply that got the floor, and gives back the place of one withdrawn or removed', () => {
    const room = new Room({ maxRepliesPerSpeech: 1 });
    room.grant(room.raise(zhang, 'speech'));
    const reply = room.raise(li, 'reply');
    room.run(li, { type: 'withdraw', entryId: reply.id });
    room.run(chair, { type: 'remove', entryId: room.raise(wang, 'reply').id });
    room.raise(zhao, 'reply');
    expect(room.refused(director, raiseCmd('reply')).code).toBe('CONFLICT');
  });

  it('forgets the count when the speech ends', () => {
    const room = roomWithSpeech();
    room.raise(li, 'reply');
    room.run(chair, { type: 'finish' });
    expect(room.state.repliesTo).toEqual({});
  });

  it('honours a limit of 0: no replies at all', () => {
    const room = new Room({ maxRepliesPerSpeech: 0 });
    room.grant(room.raise(zhang, 'speech'));
    expect(room.refused(li, raiseCmd('reply')).code).toBe('CONFLICT');
  });
});

describe('raise: VALIDATION', () => {
  it.each(['answer', 'speak', '', undefined])('refuses the kind %j', (kind) => {
    expect(new Room().refused(zhang, raiseCmd(kind as string)).code).toBe('VALIDATION');
  });

  it.each([
    ['no official', {}],
    ['an official without an id', { questionTo: { userId: '', displayName: '陈局长' } }],
    ['an official without a name', { questionTo: { userId: 'u-director', displayName: '  ' } }],
    ['oneself', { questionTo: ref(zhang) }],
  ])('refuses a question to %s', (_what, extra) => {
    expect(new Room().refused(zhang, raiseCmd('question', extra)).code).toBe('VALIDATION');
  });

  it.each(['speech', 'reply', 'point_of_order'])('refuses an official named in a %s', (kind) => {
    const room = roomWithSpeech();
    expect(room.refused(li, raiseCmd(kind, { questionTo: ref(director) })).code).toBe('VALIDATION');
  });

  it('checks the role before the request', () => {
    expect(new Room().refused(as(zhang, 'observer'), raiseCmd('answer')).code).toBe('FORBIDDEN');
  });
});
