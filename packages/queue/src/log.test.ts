import { describe, expect, it } from 'vitest';
import { logRecords } from './log.js';
import type { QueueCommand, QueueState } from './types.js';
import { Room, chair, director, li, secretariat, wang, zhang } from './test/fixtures.js';
import type { QueueActor } from './types.js';

/** Runs a command in the room and answers what the moderation log keeps of it. */
function logged(room: Room, actor: QueueActor, command: QueueCommand) {
  const before: QueueState = room.state;
  return logRecords(before, room.run(actor, command));
}

describe('the moderation log', () => {
  it('keeps why each entry was placed where it was, and who asked', () => {
    const room = new Room();
    room.speak(zhang, 30);
    expect(logged(room, li, { type: 'raise', kind: 'speech' })).toEqual([
      {
        type: 'placed',
        turn: { entryId: 'e2', userId: li.userId, displayName: '李四', kind: 'speech' },
        index: 0,
        reason: { code: 'first_speech' },
        by: li.userId,
      },
    ]);
    const [repeat] = logged(room, zhang, { type: 'raise', kind: 'speech' });
    expect(repeat).toMatchObject({ type: 'placed', index: 1, reason: { code: 'repeat_speaker', count: 2 } });
  });

  it('keeps the reason of each turn given, and whether the chair gave it out of turn', () => {
    const room = new Room();
    const first = room.raise(zhang, 'speech');
    const second = room.raise(li, 'speech');
    expect(logged(room, chair, { type: 'grant', entryId: second.id })).toEqual([
      {
        type: 'granted',
        turn: { entryId: second.id, userId: li.userId, displayName: '李四', kind: 'speech' },
        reason: { code: 'first_speech' },
        outOfTurn: true,
        by: chair.userId,
      },
    ]);
    // Ending one turn and giving the next in one command logs the grant only: the speech log has the end.
    expect(logged(room, chair, { type: 'next' })).toEqual([
      expect.objectContaining({
        type: 'granted',
        turn: expect.objectContaining({ entryId: first.id }),
        outOfTurn: false,
      }),
    ]);
  });

  it('keeps every move, removal, pause, resumption and extension, with who made it', () => {
    const room = new Room();
    const a = room.raise(zhang, 'speech');
    const b = room.raise(li, 'speech');
    room.raise(wang, 'speech');
    expect(logged(room, chair, { type: 'move', entryId: b.id, index: 0 })).toEqual([
      {
        type: 'moved',
        turn: { entryId: b.id, userId: li.userId, displayName: '李四', kind: 'speech' },
        from: 1,
        to: 0,
        by: chair.userId,
      },
    ]);
    expect(logged(room, secretariat, { type: 'remove', entryId: a.id })).toEqual([
      expect.objectContaining({
        type: 'removed',
        turn: expect.objectContaining({ entryId: a.id }),
        by: secretariat.userId,
      }),
    ]);
    room.run(chair, { type: 'next' });
    expect(logged(room, chair, { type: 'pause' })).toEqual([
      expect.objectContaining({ type: 'paused', turn: expect.objectContaining({ userId: li.userId }) }),
    ]);
    expect(logged(room, chair, { type: 'resume' })).toEqual([
      expect.objectContaining({ type: 'resumed', turn: expect.objectContaining({ userId: li.userId }) }),
    ]);
    expect(logged(room, chair, { type: 'addTime', seconds: 60 })).toEqual([
      expect.objectContaining({ type: 'time_added', seconds: 60, limitSeconds: 240, by: chair.userId }),
    ]);
    const withdrawn = logged(room, wang, { type: 'withdraw', entryId: room.entryOf(wang, 'speech').id });
    expect(withdrawn).toEqual([expect.objectContaining({ type: 'withdrawn', by: wang.userId })]);
  });

  it('keeps the answer the queue placed for a finished question, and its turn', () => {
    const room = new Room();
    const question = room.raise(zhang, 'question', director);
    room.grant(question);
    const [placed] = logged(room, chair, { type: 'finish' });
    expect(placed).toMatchObject({
      type: 'placed',
      turn: { userId: director.userId, kind: 'answer' },
      index: 0,
      reason: { code: 'answer_to_question', name: '张三' },
    });
    expect(logged(room, chair, { type: 'next' })).toEqual([
      expect.objectContaining({ type: 'granted', reason: { code: 'answer_to_question', name: '张三' } }),
    ]);
  });

  it('keeps the close of the queue', () => {
    const room = new Room();
    expect(logged(room, chair, { type: 'close' })).toEqual([{ type: 'closed', by: chair.userId }]);
  });
});
