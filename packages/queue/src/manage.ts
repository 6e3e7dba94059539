/**
 * Changing the waiting list without giving the floor: withdrawing one's own request, and the chair
 * moving or removing any request.
 */
import { accept, refuse } from './turns.js';
import type { Entry, QueueCommand, QueueContext, QueueResult, QueueState } from './types.js';

type Command<T extends QueueCommand['type']> = Extract<QueueCommand, { type: T }>;

/** The waiting entry and its index, or the refusal: the turn on the floor is not waiting. */
function findWaiting(state: QueueState, entryId: string): { entry: Entry; index: number } | QueueResult {
  if (state.current?.entryId === entryId) return refuse('CONFLICT', 'That request has the floor; end the turn instead');
  const index = state.waiting.findIndex((e) => e.id === entryId);
  const entry = state.waiting[index];
  return entry ? { entry, index } : refuse('NOT_FOUND', 'No such request is waiting');
}

/** The state without a waiting entry; a withdrawn reply gives its place among the replies back. */
function without(state: QueueState, entry: Entry): QueueState {
  const waiting = state.waiting.filter((e) => e.id !== entry.id);
  const speechId = entry.replyTo?.entryId;
  const raised = speechId === undefined ? undefined : state.repliesTo[speechId];
  if (speechId === undefined || raised === undefined) return { ...state, waiting };
  return { ...state, waiting, repliesTo: { ...state.repliesTo, [speechId]: Math.max(0, raised - 1) } };
}

/** `withdraw {entryId}`: the owner takes their request back; anyone else is FORBIDDEN. */
export function withdraw(state: QueueState, command: Command<'withdraw'>, ctx: QueueContext): QueueResult {
  const found = findWaiting(state, command.entryId);
  if ('ok' in found) return found;
  if (found.entry.userId !== ctx.actor.userId) return refuse('FORBIDDEN', 'You may withdraw only your own request');
  return accept({
    state: without(state, found.entry),
    events: [{ type: 'entry_removed', entry: found.entry, cause: 'withdrawn', by: ctx.actor.userId }],
  });
}

/** `remove {entryId}`: the chair or secretariat takes a request off the list. */
export function remove(state: QueueState, command: Command<'remove'>, ctx: QueueContext): QueueResult {
  const found = findWaiting(state, command.entryId);
  if ('ok' in found) return found;
  return accept({
    state: without(state, found.entry),
    events: [{ type: 'entry_removed', entry: found.entry, cause: 'removed', by: ctx.actor.userId }],
  });
}

/**
 * `move {entryId, index}`: puts a request at `index` (0 = next) and marks it `moved_by_chair`, which
 * takes it out of the ranking: later requests are placed around it (see ordering.ts).
 */
export function move(state: QueueState, command: Command<'move'>, ctx: QueueContext): QueueResult {
  const last = state.waiting.length - 1;
  const { index } = command;
  if (!Number.isInteger(index) || index < 0 || (last >= 0 && index > last)) {
    return refuse('VALIDATION', last >= 0 ? `Move to a place from 0 to ${last}` : 'Move to a whole place from 0');
  }
  const found = findWaiting(state, command.entryId);
  if ('ok' in found) return found;
  const moved: Entry = { ...found.entry, reason: { code: 'moved_by_chair' } };
  const rest = state.waiting.filter((e) => e.id !== moved.id);
  return accept({
    state: { ...state, waiting: [...rest.slice(0, index), moved, ...rest.slice(index)] },
    events: [{ type: 'entry_moved', entryId: moved.id, from: found.index, to: index, by: ctx.actor.userId }],
  });
}
