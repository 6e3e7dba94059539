import { describe, expect, it } from 'vitest';
import { apply, commandRules } from './apply.js';
import { QueueRoles } from './types.js';
import type { QueueCommand, QueueCommandType } from './types.js';
import { Room, T0, as, chair, zhang } from './test/fixtures.js';

/** A well-formed command of each type, naming the one waiting entry `e2` where it needs an entry. */
const samples: Readonly<Record<QueueCommandType, QueueCommand>> = {
  raise: { type: 'raise', kind: 'point_of_order' },
  withdraw: { type: 'withdraw', entryId: 'e2' },
  grant: { type: 'grant', entryId: 'e2' },
  next: { type: 'next' },
  move: { type: 'move', entryId: 'e2', index: 0 },
  remove: { type: 'remove', entryId: 'e2' },
  finish: { type: 'finish' },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
  addTime: { type: 'addTime', seconds: 30 },
  close: { type: 'close' },
};

/** 张三 speaks (e1) and 李四 waits (e2): every command has something to act on. */
function busyRoom(): Room {
  const room = new Room();
  room.grant(room.raise(zhang, 'speech'));
  room.raise({ ...zhang, userId: 'u-li', displayName: '李四' }, 'speech');
  return room;
}

describe('the role table', () => {
  const cases = Object.entries(commandRules).flatMap(([type, rule]) =>
    QueueRoles.filter((role) => !rule.roles.includes(role) && !rule.self).map((role) => [type, role] as const),
  );

  it.each(cases)('refuses %s to %s with FORBIDDEN, changing nothing', (type, role) => {
    const room = busyRoom();
    const error = room.refused(as({ ...zhang, userId: 'u-other' }, role), samples[type as QueueCommandType]);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/^Only /);
  });

  it.each(Object.entries(commandRules).flatMap(([type, rule]) => rule.roles.map((role) => [type, role] as const)))(
    'lets %s be given by %s',
    (type, role) => {
      const room = busyRoom();
      if (type === 'resume') room.run(chair, { type: 'pause' });
      room.run(as({ ...zhang, userId: 'u-other', displayName: '其他' }, role), samples[type as QueueCommandType]);
    },
  );

  it('names the runners in refusals', () => {
    expect(busyRoom().refused(as(zhang, 'member'), { type: 'next' }).message).toBe(
      'Only the chair or the secretariat may call the next speaker',
    );
  });
});

describe('apply', () => {
  it('moves the version by exactly one per success and not at all per refusal', () => {
    const room = new Room();
    expect(room.state.version).toBe(0);
    room.raise(zhang, 'speech');
    room.run(chair, { type: 'next' });
    expect(room.state.version).toBe(2);
    const result = apply(room.state, { type: 'pause' }, { now: T0, newId: () => 'x', actor: zhang });
    expect(result.ok).toBe(false);
    expect(room.state.version).toBe(2);
  });

  it('refuses an unknown command with VALIDATION', () => {
    const bogus = { type: 'shout' } as unknown as QueueCommand;
    expect(new Room().refused(chair, bogus).code).toBe('VALIDATION');
    const inherited = { type: 'toString' } as unknown as QueueCommand;
    expect(new Room().refused(chair, inherited).code).toBe('VALIDATION');
  });

  it('asks for an id only when it makes an entry', () => {
    let made = 0;
    const ctx = { now: T0, newId: () => `id-${++made}`, actor: chair };
    const state = new Room().state;
    apply(state, { type: 'next' }, ctx);
    apply(state, { type: 'raise', kind: 'speech' }, ctx);
    expect(made).toBe(0);
  });
});
