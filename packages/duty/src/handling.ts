/**
 * A submitted proposal from review to close: the proposals committee's decision, the departments'
 * replies, the author's assessment, and what the chair and the author may do afterwards.
 */
import { proposalRefusal } from './flow.js';
import { fail, firstProblem, forbidden, invalid, isCalendarDate, isOneOf, ok, textProblem } from './outcome.js';
import { PROPOSAL_LIMITS, ReplyClassifications, ReviewDecisions, Satisfactions } from './types.js';
import type {
  AssessmentInput,
  DutyActor,
  DutyClock,
  DutyError,
  DutyOutcome,
  Proposal,
  ReplyInput,
  ReviewInput,
} from './types.js';

type Now = Pick<DutyClock, 'now'>;

/**
 * The review's context beyond the clock: the number the server allocated for an acceptance (it
 * counts per year under a lock, which a pure function cannot), and the organisation's departments.
 */
export interface ReviewContext extends DutyClock {
  number?: string;
  departmentIds: readonly string[];
}

/** Department ids are the server's, never typed, so they are compared as given. */
function departmentsProblem(lead: string, co: readonly string[], known: readonly string[]): DutyError | undefined {
  const unknown = (field: string) => invalid('unknown_department', 'No such department', field);
  if (lead === '') return invalid('required', 'An accepted proposal needs a lead department', 'leadDepartmentId');
  if (!known.includes(lead)) return unknown('leadDepartmentId');
  if (co.some((id) => !known.includes(id))) return unknown('coDepartmentIds');
  if (co.includes(lead)) {
    return invalid('lead_among_co_departments', 'The lead department is not also a co-department', 'coDepartmentIds');
  }
  if (new Set(co).size !== co.length) {
    return invalid('duplicate_department', 'A co-department is named once', 'coDepartmentIds');
  }
  if (co.length > PROPOSAL_LIMITS.coDepartments) {
    const message = `A proposal has at most ${PROPOSAL_LIMITS.coDepartments} co-departments`;
    return invalid('too_many_co_departments', message, 'coDepartmentIds');
  }
  return undefined;
}

/** The departments need at least a day: a due date today or earlier is refused. */
function dueDateProblem(dueDate: string, today: string): DutyError | undefined {
  if (dueDate === '') return invalid('required', 'An accepted proposal needs a due date', 'dueDate');
  if (!isCalendarDate(dueDate)) return invalid('invalid_date', 'Write the due date as YYYY-MM-DD', 'dueDate');
  if (dueDate <= today) return invalid('due_date_not_future', 'The due date must be after today', 'dueDate');
  return undefined;
}

const reviewed = (proposal: Proposal, actor: DutyActor, input: ReviewInput, now: string): Proposal => ({
  ...proposal,
  reviewedBy: actor.userId,
  reviewedAt: now,
  decision: input.decision,
  reason: input.reason?.trim() || null,
});

function accept(proposal: Proposal, actor: DutyActor, input: ReviewInput, ctx: ReviewContext): DutyOutcome<Proposal> {
  const { leadDepartmentId = '', coDepartmentIds = [], dueDate = '' } = input;
  const number = ctx.number?.trim() ?? '';
  const problem = firstProblem(
    () => departmentsProblem(leadDepartmentId, coDepartmentIds, ctx.departmentIds),
    () => dueDateProblem(dueDate, ctx.today),
    () => (number === '' ? invalid('number_missing', 'An accepted proposal needs a number', 'number') : undefined),
  );
  if (problem) return fail(problem);
  return ok({
    ...reviewed(proposal, actor, input, ctx.now),
    status: 'handling',
    number,
    leadDepartmentId,
    coDepartmentIds: [...coDepartmentIds],
    dueDate,
    round: 1,
  });
}

function reject(proposal: Proposal, actor: DutyActor, input: ReviewInput, ctx: ReviewContext): DutyOutcome<Proposal> {
  const problem = textProblem('reason', input.reason ?? '', PROPOSAL_LIMITS.reviewReason);
  if (problem) return fail(problem);
  return ok({ ...reviewed(proposal, actor, input, ctx.now), status: 'not_accepted', closedAt: ctx.now });
}

/** Merged into another proposal (并案); the server checks that one exists and is submitted or accepted. */
function merge(proposal: Proposal, actor: DutyActor, input: ReviewInput, ctx: ReviewContext): DutyOutcome<Proposal> {
  const into = input.mergedInto ?? '';
  const problem = firstProblem(
    () => (into === '' ? invalid('required', 'Say which proposal it is merged into', 'mergedInto') : undefined),
    () =>
      into === proposal.id
        ? invalid('merged_into_self', 'A proposal is not merged into itself', 'mergedInto')
        : undefined,
  );
  if (problem) return fail(problem);
  return ok({ ...reviewed(proposal, actor, input, ctx.now), status: 'merged', mergedInto: into, closedAt: ctx.now });
}

/** The proposals committee (the secretariat) accepts a submitted proposal, declines it or merges it. */
export function reviewProposal(
  proposal: Proposal,
  actor: DutyActor,
  input: ReviewInput,
  ctx: ReviewContext,
): DutyOutcome<Proposal> {
  const problem = firstProblem(
    () => proposalRefusal('review', proposal, actor),
    () =>
      isOneOf(ReviewDecisions, input.decision)
        ? undefined
        : invalid('unknown_decision', `Decide ${ReviewDecisions.join(', ')}`, 'decision'),
    () => textProblem('reason', input.reason ?? '', PROPOSAL_LIMITS.reviewReason, false),
  );
  if (problem) return fail(problem);
  if (input.decision === 'accepted') return accept(proposal, actor, input, ctx);
  if (input.decision === 'not_accepted') return reject(proposal, actor, input, ctx);
  return merge(proposal, actor, input, ctx);
}

/**
 * A department's reply, once per round. The lead department's reply completes the round; a
 * co-department's keeps the proposal in handling, so co-departments answer before the lead does.
 */
export function replyToProposal(
  proposal: Proposal,
  actor: DutyActor,
  input: ReplyInput,
  ctx: Now,
): DutyOutcome<Proposal> {
  const problem = firstProblem(
    () => proposalRefusal('reply', proposal, actor),
    () =>
      input.departmentId === actor.departmentId
        ? undefined
        : forbidden('not_your_department', 'An official replies for their own department only'),
    () =>
      isOneOf(ReplyClassifications, input.classification)
        ? undefined
        : invalid('unknown_classification', 'Classify the reply A, B or C', 'classification'),
    () => textProblem('body', input.body, PROPOSAL_LIMITS.replyBody),
  );
  if (problem) return fail(problem);
  const reply = {
    departmentId: input.departmentId,
    classification: input.classification,
    body: input.body.trim(),
    by: actor.userId,
    at: ctx.now,
    round: proposal.round,
  };
  const status = input.departmentId === proposal.leadDepartmentId ? 'replied' : 'handling';
  return ok({ ...proposal, status, replies: [...proposal.replies, reply] });
}

/**
 * The author's assessment of the round's replies. An unsatisfied first round sends the proposal back
 * to the departments once; the second round closes whatever the author thinks, and the assessment
 * stays on record. An unsatisfied author says why, so that the departments know what to answer.
 */
export function assessProposal(
  proposal: Proposal,
  actor: DutyActor,
  input: AssessmentInput,
  ctx: Now,
): DutyOutcome<Proposal> {
  const unsatisfied = input.satisfaction === 'unsatisfied';
  const problem = firstProblem(
    () => proposalRefusal('assess', proposal, actor),
    () =>
      isOneOf(Satisfactions, input.satisfaction)
        ? undefined
        : invalid('unknown_satisfaction', `Assess as ${Satisfactions.join(', ')}`, 'satisfaction'),
    () => textProblem('comment', input.comment, PROPOSAL_LIMITS.assessmentComment, unsatisfied),
  );
  if (problem) return fail(problem);
  const assessment = {
    satisfaction: input.satisfaction,
    comment: input.comment.trim(),
    by: actor.userId,
    at: ctx.now,
    round: proposal.round,
  };
  const assessed = { ...proposal, assessments: [...proposal.assessments, assessment] };
  if (unsatisfied && proposal.round === 1) return ok({ ...assessed, status: 'handling', round: 2 });
  return ok({ ...assessed, status: 'closed', closedAt: ctx.now });
}

/** The chair marks an accepted proposal as a key proposal (重点提案), or unmarks it. */
export function flagKeyProposal(proposal: Proposal, actor: DutyActor, key: boolean): DutyOutcome<Proposal> {
  const problem = proposalRefusal('flag_key', proposal, actor);
  if (problem) return fail(problem);
  return ok({ ...proposal, key });
}

/**
 * The author consents to turn a proposal that was not accepted into an opinion report, once. The
 * server makes the report (submitOpinion with `fromProposalId`) under the id it passes here.
 */
export function convertToOpinion(
  proposal: Proposal,
  actor: DutyActor,
  ctx: { opinionId: string },
): DutyOutcome<Proposal> {
  const problem = proposalRefusal('convert_to_opinion', proposal, actor);
  if (problem) return fail(problem);
  return ok({ ...proposal, convertedToOpinionId: ctx.opinionId });
}
