/**
 * The moves every command is made of: refusing, giving the floor to an entry, ending the turn on the
 * floor (with its bookkeeping and, after a question, the official's answer slot).
 */
import { place } from './ordering.js';
import { elapsedMs, pausedTotalMs } from './timer.js';
import type {
  Current,
  Entry,
  FinishCause,
  FinishedSpeech,
  QueueContext,
  QueueErrorCode,
  QueueEvent,
  QueueResult,
  QueueState,
} from './types.js';

/** A state and what happened on the way to it; commands chain steps before answering. */
export interface Step {
  state: QueueState;
  events: QueueEvent[];
}

export const refuse = (code: QueueErrorCode, message: string): QueueResult => ({ ok: false, error: { code, message } });

export const accept = ({ state, events }: Step): QueueResult => ({ ok: true, state, events });

/** Runners of the queue: they give the floor and manage the list. */
export const isRunner = (ctx: QueueContext): boolean => ctx.actor.role === 'chair' || ctx.actor.role === 'secretariat';

/** Gives the floor to `entry`, which must be waiting in `state`; its clock starts at `now`. */
export function startTurn(state: QueueState, entry: Entry, ctx: QueueContext): Step {
  const { id, requestedAt: _requestedAt, reason: _reason, ...turn } = entry;
  const current: Current = {
    ...turn,
    entryId: id,
    startedAt: ctx.now,
    limitSeconds: state.settings.limits[entry.kind],
    pausedAt: null,
    pausedMs: 0,
  };
  return {
    state: { ...state, current, waiting: state.waiting.filter((e) => e.id !== id) },
    events: [{ type: 'speech_started', current, by: ctx.actor.userId }],
  };
}

/** The speech-log record of the turn on the floor, ended at `endedAt`. */
function finishedSpeech(current: Current, endedAt: number, cause: FinishCause, by: string): FinishedSpeech {
  const { entryId, startedAt, limitSeconds, pausedAt: _pausedAt, pausedMs: _pausedMs, ...turn } = current;
  const durationMs = elapsedMs(current, endedAt);
  return {
    ...turn,
    entryId,
    startedAt,
    endedAt,
    durationMs,
    pausedMs: pausedTotalMs(current, endedAt),
    limitSeconds,
    overTime: durationMs > limitSeconds * 1000,
    cause,
    finishedBy: by,
  };
}

/** The totals after a turn: every turn counts for time; speeches and questions also for first-time status. */
function booked(state: QueueState, speech: FinishedSpeech): Pick<QueueState, 'spoken' | 'sectorTotals'> {
  const before = state.spoken[speech.userId];
  const isSpeech = speech.kind === 'speech' || speech.kind === 'question';
  const record = {
    displayName: speech.displayName,
    sector: speech.sector,
    count: (before?.count ?? 0) + 1,
    totalMs: (before?.totalMs ?? 0) + speech.durationMs,
    speeches: (before?.speeches ?? 0) + (isSpeech ? 1 : 0),
  };
  const sector = speech.sector;
  return {
    spoken: { ...state.spoken, [speech.userId]: record },
    sectorTotals:
      sector === null
        ? state.sectorTotals
        : { ...state.sectorTotals, [sector]: (state.sectorTotals[sector] ?? 0) + speech.durationMs },
  };
}

/**
 * The official's slot to answer a finished question. The queue does not know the official's sector,
 * so the answer is booked under none.
 */
function answerSlot(state: QueueState, question: Current, ctx: QueueContext): Step {
  if (!question.questionTo) return { state, events: [] };
  const placed = place(state, {
    id: ctx.newId(),
    userId: question.questionTo.userId,
    displayName: question.questionTo.displayName,
    sector: null,
    kind: 'answer',
    requestedAt: ctx.now,
    answerTo: { entryId: question.entryId, userId: question.userId, displayName: question.displayName },
  });
  return {
    state: { ...state, waiting: placed.waiting },
    events: [{ type: 'entry_added', entry: placed.entry, index: placed.index }],
  };
}

/**
 * Ends the turn on the floor, if any: books its time, forgets its reply count (no reply can be raised
 * to a speech that is over) and, unless the meeting is closing, queues the answer to a question.
 * A clock that runs behind the start ends the turn at its start, so no duration is negative.
 */
export function finishTurn(state: QueueState, ctx: QueueContext, cause: FinishCause): Step {
  const current = state.current;
  if (!current) return { state, events: [] };
  const speech = finishedSpeech(current, Math.max(ctx.now, current.startedAt), cause, ctx.actor.userId);
  const { [current.entryId]: _over, ...repliesTo } = state.repliesTo;
  const after: QueueState = { ...state, ...booked(state, speech), current: null, repliesTo };
  const finished: QueueEvent = { type: 'speech_finished', ...speech };
  if (current.kind !== 'question' || cause === 'close') return { state: after, events: [finished] };
  const answer = answerSlot(after, current, ctx);
  return { state: answer.state, events: [finished, ...answer.events] };
}
