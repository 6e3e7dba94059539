import type { Current } from '@yishi/queue';
import { describe, expect, it } from 'vitest';
import { clockState, dropIndex, entryNote, phaseOf, reasonMessage, turnNote, versionStep } from './queue';

describe('versionStep', () => {
  it('takes the first copy and the next version', () => {
    expect(versionStep(null, 7)).toBe('next');
    expect(versionStep(3, 4)).toBe('next');
  });

  it('ignores copies older than or as old as the one held', () => {
    expect(versionStep(5, 5)).toBe('stale');
    expect(versionStep(5, 2)).toBe('stale');
  });

  it('notices versions that were missed', () => {
    expect(versionStep(5, 7)).toBe('gap');
  });
});

describe('clockState', () => {
  const T0 = 1_000_000;
  const current: Current = {
    entryId: 'e1',
    userId: 'u1',
    displayName: '张三',
    sector: null,
    kind: 'speech',
    startedAt: T0,
    limitSeconds: 60,
    pausedAt: null,
    pausedMs: 0,
  };

  it('counts down in whole seconds, rounded down', () => {
    expect(clockState(current, T0)).toEqual({ remaining: 60, paused: false, warning: false, overTime: false });
    expect(clockState(current, T0 + 1).remaining).toBe(59);
    expect(clockState(current, T0 + 29_999)).toMatchObject({ remaining: 30, warning: false });
  });

  it('warns in the last 30 seconds, the limit itself included', () => {
    expect(clockState(current, T0 + 30_000)).toMatchObject({ remaining: 30, warning: true });
    expect(clockState(current, T0 + 60_000)).toMatchObject({ remaining: 0, warning: true, overTime: false });
  });

  it('is over time, with negative seconds, past the limit', () => {
    expect(clockState(current, T0 + 60_001)).toMatchObject({ remaining: -1, warning: false, overTime: true });
    expect(clockState(current, T0 + 125_000).remaining).toBe(-65);
  });

  it('stands still while paused', () => {
    const paused = { ...current, pausedAt: T0 + 10_000 };
    expect(clockState(paused, T0 + 50_000)).toMatchObject({ remaining: 50, paused: true });
    const resumed = { ...current, pausedMs: 40_000 };
    expect(clockState(resumed, T0 + 50_000).remaining).toBe(50);
  });
});

describe('reasonMessage', () => {
  it('names the person a reply or an answer is to', () => {
    expect(reasonMessage({ code: 'reply_to', name: '张三' })).toEqual({
      key: 'room.reasons.reply_to',
      vars: { name: '张三' },
    });
    expect(reasonMessage({ code: 'answer_to_question', name: '李四' }).vars).toEqual({ name: '李四' });
  });

  it('carries the count and the sector', () => {
    expect(reasonMessage({ code: 'repeat_speaker', count: 2 })).toEqual({
      key: 'room.reasons.repeat_speaker',
      vars: { count: 2 },
    });
    expect(reasonMessage({ code: 'sector_balance', sector: '教育界' }).vars).toEqual({ sector: '教育界' });
    expect(reasonMessage({ code: 'sector_balance', sector: null })).toEqual({
      key: 'room.reasons.sector_balance_none',
    });
  });

  it.each(['point_of_order', 'first_speech', 'moved_by_chair', 'request_time'] as const)(
    'words %s by its code alone',
    (code) => {
      expect(reasonMessage({ code })).toEqual({ key: `room.reasons.${code}` });
    },
  );
});

describe('dropIndex', () => {
  it('puts the dragged entry in the place of the one it is dropped on', () => {
    expect(dropIndex(0, 2, 4)).toBe(2);
    expect(dropIndex(3, 1, 4)).toBe(1);
  });

  it('does nothing for a drop on itself or outside the list', () => {
    expect(dropIndex(1, 1, 4)).toBeNull();
    expect(dropIndex(0, 4, 4)).toBeNull();
    expect(dropIndex(-1, 0, 4)).toBeNull();
  });
});

describe('phaseOf', () => {
  const clock = { remaining: 100, paused: false, warning: false, overTime: false };

  it('names the phase the colours and the warning sound follow', () => {
    expect(phaseOf(null)).toBe('idle');
    expect(phaseOf(clock)).toBe('running');
    expect(phaseOf({ ...clock, remaining: 20, warning: true })).toBe('warning');
    expect(phaseOf({ ...clock, remaining: -3, overTime: true })).toBe('over');
  });

  it('keeps the phase a pause stopped in', () => {
    expect(phaseOf({ ...clock, paused: true, remaining: 10, warning: true })).toBe('warning');
  });
});

describe('turnNote', () => {
  const turn = { userId: 'u1', displayName: '张三', sector: null, kind: 'speech' } as const;

  it('says nothing for a speech', () => {
    expect(turnNote(turn)).toBeNull();
  });

  it('names the speech a reply answers, the official a question is put to, and the asker an answer is for', () => {
    const ref = { entryId: 'e1', userId: 'u2', displayName: '李四' };
    expect(turnNote({ ...turn, kind: 'reply', replyTo: ref })).toEqual({
      key: 'room.current.replyTo',
      vars: { name: '李四' },
    });
    expect(turnNote({ ...turn, kind: 'question', questionTo: { userId: 'o1', displayName: '陈卫东' } })).toEqual({
      key: 'room.current.questionTo',
      vars: { name: '陈卫东' },
    });
    expect(turnNote({ ...turn, kind: 'answer', answerTo: ref })?.key).toBe('room.current.answerTo');
  });
});

describe('entryNote', () => {
  const reply = {
    id: 'e2',
    userId: 'u2',
    displayName: '李四',
    sector: null,
    kind: 'reply',
    replyTo: { entryId: 'e1', userId: 'u1', displayName: '张三' },
    requestedAt: 0,
  } as const;

  it('leaves out whom a reply is to while its reason says it', () => {
    expect(entryNote({ ...reply, reason: { code: 'reply_to', name: '张三' } })).toBeNull();
  });

  it('says it once the chair has moved the entry', () => {
    expect(entryNote({ ...reply, reason: { code: 'moved_by_chair' } })?.vars).toEqual({ name: '张三' });
  });
});
