/**
 * How the room reads the queue the server sends: which copies to keep, the state of the speaking
 * clock, why an entry waits where it does, and where a dragged entry lands. Pure.
 */
import {
  isOverTime,
  isWarning,
  remainingMs,
  type Current,
  type Entry,
  type PlaceReason,
  type Turn,
} from '@yishi/queue';
import type { MessageKey, MessageVars } from '../i18n/i18n.svelte';
import { wholeSeconds } from './clock';

/**
 * What to do with a queue of version `incoming` when the room holds `have` (null: none yet):
 * `stale` — older or the same, ignore it; `next` — the one expected; `gap` — newer, but versions
 * were missed (the copy is whole, so it is kept, and the room asks for a snapshot all the same).
 */
export function versionStep(have: number | null, incoming: number): 'stale' | 'next' | 'gap' {
  if (have === null || incoming === have + 1) return 'next';
  return incoming <= have ? 'stale' : 'gap';
}

/** The speaking clock at `now` (the server's time, as corrected for this browser). */
export interface ClockState {
  /** Whole seconds left, rounded down; negative once over time. */
  remaining: number;
  paused: boolean;
  /** The last 30 seconds. */
  warning: boolean;
  overTime: boolean;
}

export function clockState(current: Current, now: number): ClockState {
  return {
    remaining: wholeSeconds(remainingMs(current, now)),
    paused: current.pausedAt !== null,
    warning: isWarning(current, now),
    overTime: isOverTime(current, now),
  };
}

/** The message that says why an entry waits where it does, e.g. "回应 张三". */
export function reasonMessage(reason: PlaceReason): { key: MessageKey; vars?: MessageVars } {
  switch (reason.code) {
    case 'reply_to':
    case 'answer_to_question':
      return { key: `room.reasons.${reason.code}`, vars: { name: reason.name } };
    case 'repeat_speaker':
      return { key: 'room.reasons.repeat_speaker', vars: { count: reason.count } };
    case 'sector_balance':
      return reason.sector === null
        ? { key: 'room.reasons.sector_balance_none' }
        : { key: 'room.reasons.sector_balance', vars: { sector: reason.sector } };
    default:
      return { key: `room.reasons.${reason.code}` };
  }
}

/** Whom a turn is addressed to, e.g. "回应 张三"; null for a speech or a point of order. */
export function turnNote(turn: Turn): { key: MessageKey; vars: MessageVars } | null {
  if (turn.replyTo) return { key: 'room.current.replyTo', vars: { name: turn.replyTo.displayName } };
  if (turn.questionTo) return { key: 'room.current.questionTo', vars: { name: turn.questionTo.displayName } };
  if (turn.answerTo) return { key: 'room.current.answerTo', vars: { name: turn.answerTo.displayName } };
  return null;
}

/** Whom a waiting entry is addressed to, unless its reason already says it ("回应 张三"). */
export function entryNote(entry: Entry): { key: MessageKey; vars: MessageVars } | null {
  const { code } = entry.reason;
  return code === 'reply_to' || code === 'answer_to_question' ? null : turnNote(entry);
}

/**
 * The place (`queue:move`'s index: 0 is next) for an entry at `from` dropped on the entry at `to`:
 * it takes that entry's place, which moves the others by one. `null` when it stays where it is.
 */
export function dropIndex(from: number, to: number, length: number): number | null {
  if (from < 0 || from >= length || to < 0 || to >= length || from === to) return null;
  return to;
}

/** The clock as the warning and the colours see it; a paused clock keeps the phase it stopped in. */
export type ClockPhase = 'idle' | 'running' | 'warning' | 'over';

export function phaseOf(clock: ClockState | null): ClockPhase {
  if (!clock) return 'idle';
  if (clock.overTime) return 'over';
  return clock.warning ? 'warning' : 'running';
}
