/**
 * The one way to change a queue: `apply(state, command, ctx)`. Checks run in this order, so the
 * caller learns the most basic problem first: the meeting is open (CONFLICT), the actor's role may
 * give the command (FORBIDDEN), the command is well formed (VALIDATION), its entry exists
 * (NOT_FOUND), and the state allows it (CONFLICT).
 */
import { addTime, close, finish, grant, next, pause, resume } from './floor.js';
import { move, remove, withdraw } from './manage.js';
import { raise } from './raise.js';
import { refuse } from './turns.js';
import type { QueueCommand, QueueCommandType, QueueContext, QueueResult, QueueRole, QueueState } from './types.js';

/** Who may give a command; `self` names who else may, on their own request or turn. */
export interface CommandRule {
  roles: readonly QueueRole[];
  self?: 'entry_owner' | 'current_speaker';
}

const runners: readonly QueueRole[] = ['chair', 'secretariat'];

/**
 * The role rules, as a table the UI can read to show only the buttons that will work. Members and
 * officials take the floor; the chair and secretariat run the list and never queue themselves (the
 * chair speaks from the chair, outside the speech log's speakers); observers only watch.
 */
export const commandRules: Readonly<Record<QueueCommandType, CommandRule>> = {
  raise: { roles: ['member', 'official'] },
  withdraw: { roles: [], self: 'entry_owner' },
  grant: { roles: runners },
  next: { roles: runners },
  move: { roles: runners },
  remove: { roles: runners },
  finish: { roles: runners, self: 'current_speaker' },
  pause: { roles: runners },
  resume: { roles: runners },
  addTime: { roles: runners },
  close: { roles: runners },
};

const roleWords: Readonly<Record<QueueRole, string>> = {
  chair: 'the chair',
  secretariat: 'the secretariat',
  member: 'members',
  official: 'officials',
  observer: 'observers',
};

const commandWords: Readonly<Record<QueueCommandType, string>> = {
  raise: 'ask for the floor',
  withdraw: 'withdraw a request',
  grant: 'give the floor',
  next: 'call the next speaker',
  move: 'move a request',
  remove: 'remove a request',
  finish: 'end a turn',
  pause: 'pause the clock',
  resume: 'resume the clock',
  addTime: 'add time',
  close: 'close the queue',
};

const listWords = (words: string[]): string =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

type Handler<C extends QueueCommand> = (state: QueueState, command: C, ctx: QueueContext) => QueueResult;

const handlers: { [T in QueueCommandType]: Handler<Extract<QueueCommand, { type: T }>> } = {
  raise,
  withdraw,
  grant,
  next,
  move,
  remove,
  finish,
  pause,
  resume,
  addTime,
  close,
};

const hasEntryId = (command: QueueCommand): boolean =>
  !('entryId' in command) || (typeof command.entryId === 'string' && command.entryId !== '');

/**
 * Applies `command` for `ctx.actor` at `ctx.now`. On success the new state's version is one more
 * than before and `events` say what happened, in order; a refusal answers only the error, so the
 * caller keeps its state and version. The input is never changed.
 */
export function apply(state: QueueState, command: QueueCommand, ctx: QueueContext): QueueResult {
  if (state.closed) return refuse('CONFLICT', 'The meeting is closed; its queue can no longer change');
  const type: string = command.type;
  const rule = Object.hasOwn(commandRules, type) ? commandRules[command.type] : undefined;
  if (!rule) return refuse('VALIDATION', `Unknown command ${JSON.stringify(type)}`);
  if (!rule.roles.includes(ctx.actor.role) && !rule.self) {
    return refuse(
      'FORBIDDEN',
      `Only ${listWords(rule.roles.map((r) => roleWords[r]))} may ${commandWords[command.type]}`,
    );
  }
  if (!hasEntryId(command)) return refuse('VALIDATION', 'Name the request by its id');
  const handler = handlers[command.type] as Handler<QueueCommand>;
  const result = handler(state, command, ctx);
  return result.ok ? { ...result, state: { ...result.state, version: state.version + 1 } } : result;
}
