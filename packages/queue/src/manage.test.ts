import { describe, expect, it } from 'vitest';
import { Room, chair, director, li, observer, secretariat, wang, zhang } from './test/fixtures.js';

describe('withdraw', () => {
  it('takes the owner’s request off the list', () => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    room.raise(li, 'speech');
    expect(room.run(zhang, { type: 'withdraw', entryId: entry.id })).toEqual([
      { type: 'entry_removed', entry, cause: 'withdrawn', by: zhang.userId },
    ]);
    expect(room.order()).toEqual(['李四:speech']);
  });

  it('lets an official withdraw their answer slot', () => {
    const room = new Room();
    room.speak(zhang, 10, 'question', director);
    room.run(director, { type: 'withdraw', entryId: room.entryOf(director, 'answer').id });
    expect(room.state.waiting).toEqual([]);
  });

  it.each([li, chair, secretariat, observer])('is FORBIDDEN to $displayName for someone else’s request', (who) => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.refused(who, { type: 'withdraw', entryId: entry.id }).code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for no such entry, CONFLICT for the turn on the floor', () => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.refused(zhang, { type: 'withdraw', entryId: 'e-none' }).code).toBe('NOT_FOUND');
    room.grant(entry);
    expect(room.refused(zhang, { type: 'withdraw', entryId: entry.id }).code).toBe('CONFLICT');
  });
});

describe('remove', () => {
  it.each([chair, secretariat])('lets $role take any request off the list', (who) => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.run(who, { type: 'remove', entryId: entry.id })).toEqual([
      { type: 'entry_removed', entry, cause: 'removed', by: who.userId },
    ]);
    expect(room.state.waiting).toEqual([]);
  });

  it.each([zhang, li, director, observer])('is FORBIDDEN to $displayName, even for their own', (who) => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.refused(who, { type: 'remove', entryId: entry.id }).code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for no such entry, CONFLICT for the turn on the floor', () => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.refused(chair, { type: 'remove', entryId: 'e-none' }).code).toBe('NOT_FOUND');
    room.grant(entry);
    expect(room.refused(chair, { type: 'remove', entryId: entry.id }).code).toBe('CONFLICT');
  });
});

describe('move', () => {
  it('puts a request at the index and marks it moved by the chair', () => {
    const room = new Room();
    for (const who of [zhang, li, wang]) room.raise(who, 'speech');
    const entry = room.entryOf(wang, 'speech');
    expect(room.run(secretariat, { type: 'move', entryId: entry.id, index: 0 })).toEqual([
      { type: 'entry_moved', entryId: entry.id, from: 2, to: 0, by: secretariat.userId },
    ]);
    expect(room.order()).toEqual(['王五:speech', '张三:speech', '李四:speech']);
    expect(room.state.waiting[0]).toEqual({ ...entry, reason: { code: 'moved_by_chair' } });
    room.run(chair, { type: 'move', entryId: entry.id, index: 2 });
    expect(room.order()).toEqual(['张三:speech', '李四:speech', '王五:speech']);
  });

  it('pins a request even where it already stands', () => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    room.run(chair, { type: 'move', entryId: entry.id, index: 0 });
    expect(room.state.waiting[0]?.reason).toEqual({ code: 'moved_by_chair' });
  });

  it.each([-1, 2, 0.5, Number.NaN])('refuses the index %d (VALIDATION)', (index) => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    room.raise(li, 'speech');
    expect(room.refused(chair, { type: 'move', entryId: entry.id, index }).code).toBe('VALIDATION');
  });

  it.each([zhang, director, observer])('is FORBIDDEN to $displayName', (who) => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    expect(room.refused(who, { type: 'move', entryId: entry.id, index: 0 }).code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for no such entry, CONFLICT for the turn on the floor', () => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    room.raise(li, 'speech');
    expect(room.refused(chair, { type: 'move', entryId: 'e-none', index: 0 }).code).toBe('NOT_FOUND');
    room.grant(entry);
    expect(room.refused(chair, { type: 'move', entryId: entry.id, index: 0 }).code).toBe('CONFLICT');
  });
});
