/**
 * Asking for the floor. Role is checked by `apply`; this checks the request itself and the state.
 */
import { place } from './ordering.js';
import { accept, refuse } from './turns.js';
import { RaisableKinds } from './types.js';
import type { EntryRef, PersonRef, QueueCommand, QueueContext, QueueResult, QueueState } from './types.js';

type Raise = Extract<QueueCommand, { type: 'raise' }>;

const kindWords = {
  speech: 'a speech',
  reply: 'a reply',
  point_of_order: 'a point of order',
  question: 'a question',
} as const;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** A question names its official; nothing else names anyone. Answers the problem, or null. */
function requestProblem(command: Raise, ctx: QueueContext): string | null {
  if (!(RaisableKinds as readonly unknown[]).includes(command.kind)) {
    return `Cannot ask for the floor for ${JSON.stringify(command.kind)}: ask for a speech, a reply, a point of order or a question`;
  }
  const target = command.questionTo;
  if (command.kind !== 'question') return target === undefined ? null : 'Only a question names an official';
  if (!target || !isText(target.userId) || !isText(target.displayName)) {
    return 'A question must name the official it is put to';
  }
  return target.userId === ctx.actor.userId ? 'You cannot put a question to yourself' : null;
}

/** The speech a reply answers, or why a reply cannot be raised now. */
function replyTarget(state: QueueState): EntryRef | string {
  const current = state.current;
  if (!current || current.kind !== 'speech') return 'A reply answers the speech on the floor, and none is being made';
  const raised = state.repliesTo[current.entryId] ?? 0;
  if (raised >= state.settings.maxRepliesPerSpeech) {
    return `${current.displayName}'s speech already has ${raised} of ${state.settings.maxRepliesPerSpeech} replies`;
  }
  return { entryId: current.entryId, userId: current.userId, displayName: current.displayName };
}

/** Why the actor cannot wait for this kind now, or null. */
function waitProblem(state: QueueState, command: Raise, ctx: QueueContext): string | null {
  const { userId } = ctx.actor;
  // Someone on the floor may only interrupt procedure; anything else they say belongs to their turn.
  if (state.current?.userId === userId && command.kind !== 'point_of_order') {
    return 'You have the floor; you may only raise a point of order';
  }
  if (state.waiting.some((e) => e.userId === userId && e.kind === command.kind)) {
    return `You are already waiting for ${kindWords[command.kind]}`;
  }
  return null;
}

/**
 * `raise {kind, questionTo?}`: adds the actor's request in its place (see ordering.ts).
 * VALIDATION for an unknown kind or a badly named official; CONFLICT when the actor holds the floor
 * (only a point of order is allowed then), already waits for that kind, or replies to nothing or
 * past the reply limit.
 */
export function raise(state: QueueState, command: Raise, ctx: QueueContext): QueueResult {
  const invalid = requestProblem(command, ctx);
  if (invalid !== null) return refuse('VALIDATION', invalid);
  const conflict = waitProblem(state, command, ctx);
  if (conflict !== null) return refuse('CONFLICT', conflict);
  let replyTo: EntryRef | undefined;
  if (command.kind === 'reply') {
    const target = replyTarget(state);
    if (typeof target === 'string') return refuse('CONFLICT', target);
    replyTo = target;
  }
  const { userId, displayName, sector } = ctx.actor;
  const questionTo: PersonRef | undefined = command.questionTo && {
    userId: command.questionTo.userId,
    displayName: command.questionTo.displayName.trim(),
  };
  const placed = place(state, {
    id: ctx.newId(),
    userId,
    displayName,
    sector,
    kind: command.kind,
    requestedAt: ctx.now,
    ...(replyTo && { replyTo }),
    ...(questionTo && { questionTo }),
  });
  const repliesTo = replyTo
    ? { ...state.repliesTo, [replyTo.entryId]: (state.repliesTo[replyTo.entryId] ?? 0) + 1 }
    : state.repliesTo;
  return accept({
    state: { ...state, waiting: placed.waiting, repliesTo },
    events: [{ type: 'entry_added', entry: placed.entry, index: placed.index }],
  });
}
