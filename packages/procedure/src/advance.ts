import { unmetGates } from './gates.js';
import { findTransition, transitionsFrom, type Transition, type TransitionAction } from './transitions.js';
import type {
  AdvanceResult,
  GateCode,
  ProcedureActor,
  ProcedureErrorCode,
  ProcedureEvent,
  Stage,
  TopicRole,
  TopicSnapshot,
  UnmetGate,
  WaivableGate,
} from './types.js';
import { WaivableGates } from './types.js';

/** One way out of the current stage, as the UI shows it: the same checks `advance` makes. */
export interface AvailableTransition {
  to: Stage;
  action: TransitionAction;
  /** Whether the actor holds one of the roles the edge needs. */
  allowed: boolean;
  reasonRequired: boolean;
  /** Gates of the edge not met yet; empty when the edge is open. */
  unmet: UnmetGate[];
  /** Those of `unmet` this actor may make an exception to, with a reason (the chair, see `advance`). */
  waivable: WaivableGate[];
}

const roleWords: Readonly<Record<TopicRole, string>> = {
  admin: 'an administrator',
  secretariat: 'the secretariat',
  chair: 'the chair',
  member: 'a member',
  official: 'an official',
  observer: 'an observer',
  proposer: 'the proposer',
  participant: 'a participant',
  recipient: 'a receiving department',
  party_contact: "the party committee's contact",
};

const actionWords: Readonly<Record<TransitionAction, string>> = {
  start_vetting: 'start vetting this topic',
  accept: 'accept this topic for preparation',
  reject: 'reject this topic',
  start_consultation: 'start the consultation',
  start_drafting: 'start drafting the outcome',
  deliver: 'deliver the outcome',
  record_answer: 'record the answer',
  close: 'close this topic',
  reopen: 'reopen the consultation',
  withdraw: 'withdraw this topic',
};

const refuse = (code: ProcedureErrorCode, message: string, unmet?: UnmetGate[]): AdvanceResult => ({
  ok: false,
  error: unmet ? { code, message, unmet } : { code, message },
});

const mayTake = (transition: Transition, actor: ProcedureActor): boolean =>
  transition.roles.some((role) => actor.roles.has(role));

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/** A blank reason is no reason: the record would say nothing. */
function cleanReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  return trimmed.length > 0 ? trimmed : null;
}

const isWaivable = (code: GateCode): code is WaivableGate => (WaivableGates as readonly GateCode[]).includes(code);

/** Only the chair makes an exception to a gate of the procedure: it answers for it. */
const mayWaive = (actor: ProcedureActor): boolean => actor.roles.has('chair');

/** The topic after the edge: the new stage and its exceptions, and a fresh round when the consultation reopens. */
function applyEdge(topic: TopicSnapshot, transition: Transition, waived: readonly WaivableGate[]): TopicSnapshot {
  const moved = { ...topic, stage: transition.to, waived: [...topic.waived, ...waived] };
  return transition.effects.includes('round_started') ? { ...moved, answer: null, ratings: [], waived: [] } : moved;
}

/**
 * Move a topic to stage `to` on behalf of `actor` at time `now` (ISO-8601). Checks in this order,
 * so the caller learns the most basic problem first: the edge exists (CONFLICT), the actor holds a
 * role for it (FORBIDDEN), a reason is given where one is required (VALIDATION), the exceptions in
 * `waive` are to waivable gates of this edge, asked by the chair, with a reason (VALIDATION,
 * FORBIDDEN), and every gate of the edge holds but those excepted (GATE_BLOCKED, with all unmet
 * gates in table order). The input is never changed. On success, events begin with
 * `stage_changed` (naming the gates excepted: those of `waive` that did not hold), followed by the
 * edge's effects.
 */
export function advance(
  topic: TopicSnapshot,
  to: Stage,
  actor: ProcedureActor,
  now: string,
  reason?: string | null,
  waive: readonly GateCode[] = [],
): AdvanceResult {
  const transition = findTransition(topic.stage, to);
  if (!transition) return refuse('CONFLICT', `cannot go from ${topic.stage} to ${to}`);
  const doing = actionWords[transition.action];
  if (!mayTake(transition, actor)) {
    return refuse('FORBIDDEN', `Only ${listWords(transition.roles.map((r) => roleWords[r]))} may ${doing}`);
  }
  const why = cleanReason(reason);
  if (transition.reasonRequired && why === null) return refuse('VALIDATION', `A reason is required to ${doing}`);
  const foreign = waive.find((code) => !isWaivable(code) || !transition.gates.includes(code));
  if (foreign !== undefined) return refuse('VALIDATION', `No exception can be made to ${foreign} when you ${doing}`);
  if (waive.length > 0 && !mayWaive(actor)) {
    return refuse('FORBIDDEN', 'Only the chair may record an exception to a step of the procedure');
  }
  if (waive.length > 0 && why === null) {
    return refuse('VALIDATION', 'An exception to a step of the procedure needs its reason, for the record');
  }
  const blocking = unmetGates(topic, transition.gates);
  const waived = blocking.map((u) => u.code).filter((code) => waive.includes(code)) as WaivableGate[];
  const unmet = blocking.filter((u) => !waived.includes(u.code as WaivableGate));
  if (unmet.length > 0) {
    return refuse('GATE_BLOCKED', `Cannot ${doing} yet: ${unmet.map((u) => u.message).join('; ')}`, unmet);
  }
  const events: ProcedureEvent[] = [
    { type: 'stage_changed', from: topic.stage, to, actorId: actor.userId, at: now, reason: why, waived },
    ...transition.effects.map((type) => ({ type, at: now })),
  ];
  return { ok: true, topic: applyEdge(topic, transition, waived), events };
}

/**
 * Every edge out of the topic's current stage, with whether this actor may take it and what still
 * blocks it, so the UI can show exactly what the server will answer. Empty for terminal stages.
 */
export function availableTransitions(topic: TopicSnapshot, actor: ProcedureActor): AvailableTransition[] {
  return transitionsFrom(topic.stage).map((transition) => {
    const allowed = mayTake(transition, actor);
    const unmet = unmetGates(topic, transition.gates);
    return {
      to: transition.to,
      action: transition.action,
      allowed,
      reasonRequired: transition.reasonRequired,
      unmet,
      waivable: allowed && mayWaive(actor) ? unmet.map((u) => u.code).filter(isWaivable) : [],
    };
  });
}

/**
 * What stops a meeting of this topic from opening: it must be in consultation, and research must
 * come first (不调研不协商). Empty when a meeting may open.
 */
export function canOpenMeeting(topic: TopicSnapshot): UnmetGate[] {
  return unmetGates(topic, ['stage_consultation', 'research_report']);
}
