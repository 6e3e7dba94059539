import { defaultSettings, type Current, type Entry } from '@yishi/queue';
import type { QueueView } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { HOLD_MS, basisOf, heldLabel, staleness, type HeldCommand, type QueueAction } from './held';

const entry = (id: string, displayName = id): Entry => ({
  id,
  userId: `u-${id}`,
  displayName,
  sector: null,
  kind: 'speech',
  requestedAt: 0,
  reason: { code: 'request_time' },
});

const turn = (entryId: string, pausedAt: number | null = null): Current => ({
  entryId,
  userId: `u-${entryId}`,
  displayName: entryId,
  sector: null,
  kind: 'speech',
  startedAt: 0,
  limitSeconds: 180,
  pausedAt,
  pausedMs: 0,
});

const queue = (waiting: string[], current: Current | null = null, closed = false): QueueView => ({
  meetingId: 'm',
  version: 1,
  current,
  waiting: waiting.map((id) => entry(id)),
  totals: { people: [], sectors: [] },
  settings: defaultSettings,
  closed,
  serverNow: 0,
});

const held = (
  action: QueueAction,
  view: QueueView,
  entryId?: string,
  detail: number | string | null = null,
): HeldCommand => ({ action, madeAt: 1000, basis: basisOf(view, entryId), name: entryId ?? null, detail });

describe('basisOf', () => {
  it('takes the turn, the pause, the first waiting and the entry acted on with its place', () => {
    expect(basisOf(queue(['a', 'b'], turn('x', 5)), 'b')).toEqual({
      current: 'x',
      paused: true,
      first: 'a',
      entry: { id: 'b', index: 1 },
    });
    expect(basisOf(queue([]))).toEqual({ current: null, paused: false, first: null, entry: null });
  });
});

describe('staleness', () => {
  const now = 2000;

  it('sends a command whose part of the queue is as it was', () => {
    const before = queue(['a', 'b'], turn('x'));
    const after = queue(['a', 'b', 'c'], turn('x'));
    for (const action of ['grant', 'remove', 'withdraw', 'move'] as const) {
      expect(staleness(held(action, before, 'b', 0), after, now)).toBeNull();
    }
    for (const action of ['next', 'finish', 'pause', 'extend', 'raise'] as const) {
      expect(staleness(held(action, before), after, now)).toBeNull();
    }
  });

  it('drops a command on an entry that no longer waits', () => {
    const before = queue(['a', 'b'], turn('x'));
    const after = queue(['a'], turn('b'));
    for (const action of ['grant', 'remove', 'withdraw', 'move'] as const) {
      expect(staleness(held(action, before, 'b', 0), after, now)).toBe('changed');
    }
  });

  it('drops a move when the entry has been moved meanwhile', () => {
    const command = held('move', queue(['a', 'b', 'c']), 'c', 1);
    expect(staleness(command, queue(['c', 'a', 'b']), now)).toBe('changed');
  });

  it('drops "next", "finish" and "extend" when the turn on the floor changed', () => {
    const before = queue(['a', 'b'], turn('x'));
    const after = queue(['b'], turn('a'));
    for (const action of ['next', 'finish', 'extend', 'pause'] as const) {
      expect(staleness(held(action, before), after, now)).toBe('changed');
    }
  });

  it('drops "next" when someone else is first in line now', () => {
    const command = held('next', queue(['a', 'b']));
    expect(staleness(command, queue(['b', 'a']), now)).toBe('changed');
  });

  it('drops "pause" when the clock was paused meanwhile, and "resume" when it was resumed', () => {
    expect(staleness(held('pause', queue([], turn('x'))), queue([], turn('x', 5)), now)).toBe('changed');
    expect(staleness(held('resume', queue([], turn('x', 5))), queue([], turn('x')), now)).toBe('changed');
  });

  it('drops everything once the meeting has ended, and what waited too long', () => {
    const view = queue(['a']);
    expect(staleness(held('raise', view), queue(['a'], null, true), now)).toBe('closed');
    expect(staleness(held('raise', view), view, 1000 + HOLD_MS)).toBeNull();
    expect(staleness(held('raise', view), view, 1001 + HOLD_MS)).toBe('expired');
  });
});

describe('heldLabel', () => {
  const t = (key: string, vars?: Record<string, string | number>) => (vars ? `${key} ${JSON.stringify(vars)}` : key);

  it('names the command and whom it is about', () => {
    const view = queue(['a', 'b']);
    expect(heldLabel(held('grant', view, 'b'), t)).toBe('room.queue.grantFor {"name":"b"}');
    expect(heldLabel(held('move', view, 'b', 0), t)).toBe('room.queue.upFor {"name":"b"}');
    expect(heldLabel(held('move', view, 'a', 1), t)).toBe('room.queue.downFor {"name":"a"}');
    expect(heldLabel(held('next', view), t)).toBe('room.controls.next');
    expect(heldLabel(held('extend', view, undefined, 60), t)).toBe('room.controls.add60');
    expect(heldLabel(held('raise', view, undefined, 'question'), t)).toBe(
      'room.offline.raise {"kind":"speechKinds.question"}',
    );
  });
});
