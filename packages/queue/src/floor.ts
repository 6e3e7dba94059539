/**
 * Running the floor: giving it, ending a turn, and the clock. Roles are checked by `apply`, except
 * where a speaker acts on their own turn.
 */
import { accept, finishTurn, isRunner, refuse, startTurn } from './turns.js';
import type { Step } from './turns.js';
import type { QueueCommand, QueueContext, QueueResult, QueueState } from './types.js';

type Command<T extends QueueCommand['type']> = Extract<QueueCommand, { type: T }>;

/** The most time one `addTime` grants; a chair who wants more adds again. */
export const MAX_ADD_SECONDS = 600;

const nobodySpeaking = (): QueueResult => refuse('CONFLICT', 'Nobody has the floor');

/**
 * `grant {entryId}`: gives the floor to a waiting entry. Whoever is speaking finishes first, as a
 * chair who calls the next speaker ends the present one; their `speech_finished` comes first.
 */
export function grant(state: QueueState, command: Command<'grant'>, ctx: QueueContext): QueueResult {
  if (state.current?.entryId === command.entryId) return refuse('CONFLICT', 'That speaker already has the floor');
  if (!state.waiting.some((e) => e.id === command.entryId)) return refuse('NOT_FOUND', 'No such request is waiting');
  const finished = finishTurn(state, ctx, 'grant');
  // Finishing a question adds an answer slot but never removes an entry, so the one granted still waits.
  const entry = finished.state.waiting.find((e) => e.id === command.entryId);
  if (!entry) return refuse('NOT_FOUND', 'No such request is waiting');
  const started = startTurn(finished.state, entry, ctx);
  return accept({ state: started.state, events: [...finished.events, ...started.events] });
}

/**
 * `next {}`: ends the turn on the floor, if any, and gives the floor to the first waiting entry, if
 * any; after a question that is usually the answer. CONFLICT when there is neither, since the
 * command would do nothing.
 */
export function next(state: QueueState, _command: Command<'next'>, ctx: QueueContext): QueueResult {
  if (!state.current && state.waiting.length === 0) return refuse('CONFLICT', 'Nobody has the floor or is waiting');
  const finished = finishTurn(state, ctx, 'next');
  const first = finished.state.waiting[0];
  if (!first) return accept(finished);
  const started = startTurn(finished.state, first, ctx);
  return accept({ state: started.state, events: [...finished.events, ...started.events] });
}

/** `finish {}`: the chair or secretariat ends the turn, or the speaker yields the floor. */
export function finish(state: QueueState, _command: Command<'finish'>, ctx: QueueContext): QueueResult {
  const ownTurn = state.current !== null && state.current.userId === ctx.actor.userId;
  if (!isRunner(ctx) && !ownTurn)
    return refuse('FORBIDDEN', 'Only the chair, the secretariat or the speaker may end a turn');
  if (!state.current) return nobodySpeaking();
  return accept(finishTurn(state, ctx, 'finish'));
}

/** `pause {}`: stops the speaker's clock; CONFLICT when nobody speaks or it is already paused. */
export function pause(state: QueueState, _command: Command<'pause'>, ctx: QueueContext): QueueResult {
  const current = state.current;
  if (!current) return nobodySpeaking();
  if (current.pausedAt !== null) return refuse('CONFLICT', 'The clock is already paused');
  const at = Math.max(ctx.now, current.startedAt);
  return accept({
    state: { ...state, current: { ...current, pausedAt: at } },
    events: [{ type: 'speech_paused', entryId: current.entryId, at, by: ctx.actor.userId }],
  });
}

/** `resume {}`: restarts the clock; the pause is added to the turn's paused time. */
export function resume(state: QueueState, _command: Command<'resume'>, ctx: QueueContext): QueueResult {
  const current = state.current;
  if (!current) return nobodySpeaking();
  if (current.pausedAt === null) return refuse('CONFLICT', 'The clock is not paused');
  const pausedMs = current.pausedMs + Math.max(0, ctx.now - current.pausedAt);
  return accept({
    state: { ...state, current: { ...current, pausedAt: null, pausedMs } },
    events: [{ type: 'speech_resumed', entryId: current.entryId, at: ctx.now, pausedMs, by: ctx.actor.userId }],
  });
}

/** `addTime {seconds}`: extends the limit of the turn on the floor by 1..600 whole seconds. */
export function addTime(state: QueueState, command: Command<'addTime'>, ctx: QueueContext): QueueResult {
  const { seconds } = command;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_ADD_SECONDS) {
    return refuse('VALIDATION', `Add between 1 and ${MAX_ADD_SECONDS} whole seconds`);
  }
  const current = state.current;
  if (!current) return nobodySpeaking();
  const limitSeconds = current.limitSeconds + seconds;
  return accept({
    state: { ...state, current: { ...current, limitSeconds } },
    events: [{ type: 'time_added', entryId: current.entryId, seconds, limitSeconds, by: ctx.actor.userId }],
  });
}

/**
 * `close {}`: the meeting is over. The speaker finishes (no answer slot follows a question: there is
 * no meeting left to answer in); the waiting list stays as it was, for the record, and from now on
 * every command is refused.
 */
export function close(state: QueueState, _command: Command<'close'>, ctx: QueueContext): QueueResult {
  const finished: Step = finishTurn(state, ctx, 'close');
  return accept({
    state: { ...finished.state, closed: true },
    events: [...finished.events, { type: 'queue_closed', at: ctx.now, by: ctx.actor.userId }],
  });
}
