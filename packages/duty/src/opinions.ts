/**
 * Public-opinion reports (社情民意信息): a member submits, the secretariat edits and adopts or
 * declines, adopted reports are compiled into bulletins (专报), and leaders' instructions (批示) on
 * them are recorded.
 */
import {
  conflict,
  fail,
  firstProblem,
  forbidden,
  invalid,
  isCalendarDate,
  isOneOf,
  ok,
  textProblem,
} from './outcome.js';
import { DutyCategories, OPINION_LIMITS, OpinionDecisions } from './types.js';
import type {
  Bulletin,
  BulletinInput,
  DutyActor,
  DutyClock,
  DutyCredit,
  DutyError,
  DutyOutcome,
  HandleOpinionInput,
  InstructionInput,
  Opinion,
  OpinionInput,
  OpinionStatus,
} from './types.js';

type Now = Pick<DutyClock, 'now'>;

export const OpinionActions = ['edit', 'handle', 'include_in_bulletin', 'record_instruction'] as const;
export type OpinionAction = (typeof OpinionActions)[number];

/** Who may take each action, and in which statuses; a not-adopted report is read only. */
const opinionRules: Readonly<
  Record<OpinionAction, { roles: readonly DutyActor['role'][]; statuses: readonly OpinionStatus[] }>
> = {
  // The secretariat edits a report before adopting it, as an editor does; the author's text is on record until then.
  edit: { roles: ['secretariat'], statuses: ['submitted'] },
  handle: { roles: ['secretariat'], statuses: ['submitted'] },
  include_in_bulletin: { roles: ['secretariat'], statuses: ['adopted'] },
  record_instruction: { roles: ['secretariat', 'chair'], statuses: ['adopted'] },
};

/** Every change of a report's status: the secretariat's decision, once. */
export const opinionEdges: readonly { from: OpinionStatus; to: OpinionStatus; action: OpinionAction }[] = [
  { from: 'submitted', to: 'adopted', action: 'handle' },
  { from: 'submitted', to: 'not_adopted', action: 'handle' },
];

const actionWords: Readonly<Record<OpinionAction, string>> = {
  edit: 'edit the report',
  handle: 'adopt or decline the report',
  include_in_bulletin: 'include the report in a bulletin',
  record_instruction: 'record an instruction on the report',
};

/** Why `actor` may not take `action` on the report now, whatever the input; undefined if they may. */
export function opinionRefusal(action: OpinionAction, opinion: Opinion, actor: DutyActor): DutyError | undefined {
  const { roles, statuses } = opinionRules[action];
  if (!roles.includes(actor.role)) {
    const reason = roles.length > 1 ? 'not_secretariat_or_chair' : 'not_secretariat';
    return forbidden(reason, `Only the ${roles.join(' or the ')} may ${actionWords[action]}`);
  }
  if (!statuses.includes(opinion.status)) {
    return conflict('wrong_status', `Cannot ${actionWords[action]} while it is ${opinion.status}`);
  }
  return undefined;
}

/** The actions `actor` may take on the report now: the UI's buttons. */
export function nextOpinionActions(opinion: Opinion, actor: DutyActor): OpinionAction[] {
  return OpinionActions.filter((action) => opinionRefusal(action, opinion, actor) === undefined);
}

function opinionInputProblem(input: OpinionInput): DutyError | undefined {
  return firstProblem(
    () => textProblem('title', input.title, OPINION_LIMITS.title),
    () => textProblem('body', input.body, OPINION_LIMITS.body),
    () =>
      isOneOf(DutyCategories, input.category)
        ? undefined
        : invalid('unknown_category', `Choose a category among ${DutyCategories.join(', ')}`, 'category'),
  );
}

/** A member's report, submitted as soon as it is made; `fromProposalId` when converted from a proposal. */
export function submitOpinion(
  input: OpinionInput,
  ctx: Now & { id: string; orgId: string; actor: DutyActor; fromProposalId?: string | null },
): DutyOutcome<Opinion> {
  if (ctx.actor.role !== 'member') return fail(forbidden('not_member', 'Only a member submits an opinion report'));
  const problem = opinionInputProblem(input);
  if (problem) return fail(problem);
  return ok({
    id: ctx.id,
    orgId: ctx.orgId,
    authorId: ctx.actor.userId,
    title: input.title.trim(),
    body: input.body.trim(),
    category: input.category,
    status: 'submitted',
    submittedAt: ctx.now,
    handledBy: null,
    handledAt: null,
    note: null,
    editedBy: null,
    editedAt: null,
    bulletinIds: [],
    instructions: [],
    fromProposalId: ctx.fromProposalId ?? null,
  });
}

/** The secretariat's edit of a submitted report. */
export function editOpinion(opinion: Opinion, actor: DutyActor, input: OpinionInput, ctx: Now): DutyOutcome<Opinion> {
  const problem = opinionRefusal('edit', opinion, actor) ?? opinionInputProblem(input);
  if (problem) return fail(problem);
  return ok({
    ...opinion,
    title: input.title.trim(),
    body: input.body.trim(),
    category: input.category,
    editedBy: actor.userId,
    editedAt: ctx.now,
  });
}

/** The secretariat adopts a submitted report or declines it; declining says why, for the author. */
export function handleOpinion(
  opinion: Opinion,
  actor: DutyActor,
  input: HandleOpinionInput,
  ctx: Now,
): DutyOutcome<Opinion> {
  const problem = firstProblem(
    () => opinionRefusal('handle', opinion, actor),
    () =>
      isOneOf(OpinionDecisions, input.decision)
        ? undefined
        : invalid('unknown_decision', `Decide ${OpinionDecisions.join(' or ')}`, 'decision'),
    () => textProblem('note', input.note, OPINION_LIMITS.note, input.decision === 'not_adopted'),
  );
  if (problem) return fail(problem);
  return ok({
    ...opinion,
    status: input.decision,
    handledBy: actor.userId,
    handledAt: ctx.now,
    note: input.note.trim() || null,
  });
}

/** The problem with the reports chosen for a bulletin: 1 to 50 distinct adopted reports of the organisation. */
function bulletinOpinionsProblem(
  ids: readonly string[],
  opinions: readonly Opinion[],
  orgId: string,
): DutyError | undefined {
  const field = 'opinionIds';
  if (ids.length === 0) return invalid('no_opinions', 'A bulletin includes at least one report', field);
  if (ids.length > OPINION_LIMITS.bulletinOpinions) {
    return invalid(
      'too_many_opinions',
      `A bulletin includes at most ${OPINION_LIMITS.bulletinOpinions} reports`,
      field,
    );
  }
  if (new Set(ids).size !== ids.length) return invalid('duplicate_opinion', 'A report is included once', field);
  for (const id of ids) {
    const opinion = opinions.find((o) => o.id === id);
    if (!opinion) return invalid('unknown_opinion', `No such report: ${id}`, field);
    if (opinion.orgId !== orgId) return invalid('opinion_other_org', 'A report of another organisation', field);
    if (opinion.status !== 'adopted')
      return invalid('opinion_not_adopted', 'Only adopted reports go in a bulletin', field);
  }
  return undefined;
}

/**
 * The secretariat compiles adopted reports into a bulletin (专报). `opinions` are the reports the
 * server found for `input.opinionIds`; what comes back is the bulletin and those reports, each
 * now naming it, in the bulletin's order.
 */
export function compileBulletin(
  input: BulletinInput,
  opinions: readonly Opinion[],
  ctx: Now & { id: string; orgId: string; actor: DutyActor; number?: string },
): DutyOutcome<{ bulletin: Bulletin; opinions: Opinion[] }> {
  if (ctx.actor.role !== 'secretariat')
    return fail(forbidden('not_secretariat', 'Only the secretariat compiles a bulletin'));
  const problem = firstProblem(
    () => textProblem('title', input.title, OPINION_LIMITS.bulletinTitle),
    () => bulletinOpinionsProblem(input.opinionIds, opinions, ctx.orgId),
  );
  if (problem) return fail(problem);
  const bulletin: Bulletin = {
    id: ctx.id,
    orgId: ctx.orgId,
    number: ctx.number?.trim() || null,
    title: input.title.trim(),
    opinionIds: [...input.opinionIds],
    compiledBy: ctx.actor.userId,
    compiledAt: ctx.now,
  };
  const included: Opinion[] = [];
  for (const id of input.opinionIds) {
    const opinion = opinions.find((o) => o.id === id);
    if (opinion) included.push({ ...opinion, bulletinIds: [...opinion.bulletinIds, ctx.id] });
  }
  return ok({ bulletin, opinions: included });
}

/** The problem with an instruction: who gave it, what it says, and a day that has come. */
function instructionProblem(input: InstructionInput, today: string): DutyError | undefined {
  return firstProblem(
    () => textProblem('by', input.by, OPINION_LIMITS.instructionBy),
    () => textProblem('text', input.text, OPINION_LIMITS.instructionText),
    () => (isCalendarDate(input.date) ? undefined : invalid('invalid_date', 'Write the date as YYYY-MM-DD', 'date')),
    () =>
      input.date <= today ? undefined : invalid('date_in_future', 'An instruction is dated today or earlier', 'date'),
  );
}

/** The secretariat or the chair records a leader's instruction (批示) on an adopted report. */
export function recordInstruction(
  opinion: Opinion,
  actor: DutyActor,
  input: InstructionInput,
  ctx: DutyClock,
): DutyOutcome<Opinion> {
  const problem = opinionRefusal('record_instruction', opinion, actor) ?? instructionProblem(input, ctx.today);
  if (problem) return fail(problem);
  const instruction = {
    by: input.by.trim(),
    text: input.text.trim(),
    date: input.date,
    recordedBy: actor.userId,
    recordedAt: ctx.now,
  };
  return ok({ ...opinion, instructions: [...opinion.instructions, instruction] });
}

/** What a report earns its author: submitted, adopted, and instructed (once, however many instructions). */
export function opinionDutyCredits(opinion: Opinion): DutyCredit[] {
  const credit = (count: DutyCredit['count']): DutyCredit => ({ userId: opinion.authorId, count });
  return [
    credit('opinionsSubmitted'),
    ...(opinion.status === 'adopted' ? [credit('opinionsAdopted')] : []),
    ...(opinion.instructions.length > 0 ? [credit('opinionsInstructed')] : []),
  ];
}
