/**
 * A proposal (提案) while its lead author drafts it: the text, the co-signers (联名) and the
 * submission. The review, the replies and the assessment are in handling.ts.
 */
import { proposalRefusal } from './flow.js';
import { conflict, fail, firstProblem, forbidden, invalid, isOneOf, ok, textProblem } from './outcome.js';
import { DutyCategories, PROPOSAL_LIMITS } from './types.js';
import type { DutyActor, DutyClock, DutyError, DutyOutcome, Invitee, Proposal, ProposalInput } from './types.js';

type Now = Pick<DutyClock, 'now'>;

/** The problem with a proposal's text and category, if any. */
function proposalInputProblem(input: ProposalInput): DutyError | undefined {
  return firstProblem(
    () => textProblem('title', input.title, PROPOSAL_LIMITS.title),
    () => textProblem('reasons', input.reasons, PROPOSAL_LIMITS.reasons),
    () => textProblem('suggestions', input.suggestions, PROPOSAL_LIMITS.suggestions),
    () =>
      isOneOf(DutyCategories, input.category)
        ? undefined
        : invalid('unknown_category', `Choose a category among ${DutyCategories.join(', ')}`, 'category'),
  );
}

const trimmed = (input: ProposalInput): ProposalInput => ({
  title: input.title.trim(),
  reasons: input.reasons.trim(),
  suggestions: input.suggestions.trim(),
  category: input.category,
});

/** A new proposal in `draft`, filed by a member, with the id the server gave it. */
export function createProposal(
  input: ProposalInput,
  ctx: Now & { id: string; orgId: string; actor: DutyActor },
): DutyOutcome<Proposal> {
  if (ctx.actor.role !== 'member') return fail(forbidden('not_member', 'Only a member files a proposal'));
  const problem = proposalInputProblem(input);
  if (problem) return fail(problem);
  return ok({
    id: ctx.id,
    orgId: ctx.orgId,
    status: 'draft',
    number: null,
    authorId: ctx.actor.userId,
    cosigners: [],
    ...trimmed(input),
    createdAt: ctx.now,
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    decision: null,
    reason: null,
    leadDepartmentId: null,
    coDepartmentIds: [],
    dueDate: null,
    mergedInto: null,
    replies: [],
    assessments: [],
    round: 1,
    key: false,
    closedAt: null,
    convertedToOpinionId: null,
  });
}

/**
 * The author's new text. A co-signer put their name to the text they read, so a change of text or
 * category asks every co-signer to confirm again.
 */
export function editProposal(proposal: Proposal, actor: DutyActor, input: ProposalInput): DutyOutcome<Proposal> {
  const problem = proposalRefusal('edit', proposal, actor) ?? proposalInputProblem(input);
  if (problem) return fail(problem);
  const text = trimmed(input);
  const changed = (Object.keys(text) as (keyof ProposalInput)[]).some((field) => text[field] !== proposal[field]);
  const cosigners = changed ? proposal.cosigners.map((c) => ({ ...c, confirmedAt: null })) : proposal.cosigners;
  return ok({ ...proposal, ...text, cosigners });
}

/** The problem with inviting `invitee`: only another member of the organisation, once. */
function inviteeProblem(proposal: Proposal, invitee: Invitee): DutyError | undefined {
  if (invitee.role !== 'member') {
    return invalid('invitee_not_member', 'Only a member of the organisation co-signs a proposal', 'userId');
  }
  if (invitee.userId === proposal.authorId) {
    return invalid('invitee_is_author', 'The lead author does not co-sign their own proposal', 'userId');
  }
  if (proposal.cosigners.some((c) => c.userId === invitee.userId)) {
    return conflict('already_invited', 'This member has been invited already');
  }
  return undefined;
}

/** The author invites a member to co-sign; the invitation waits for their confirmation. */
export function inviteCosigner(
  proposal: Proposal,
  actor: DutyActor,
  invitee: Invitee,
  ctx: Now,
): DutyOutcome<Proposal> {
  const problem = proposalRefusal('invite_cosigner', proposal, actor) ?? inviteeProblem(proposal, invitee);
  if (problem) return fail(problem);
  const cosigner = { userId: invitee.userId, invitedAt: ctx.now, confirmedAt: null };
  return ok({ ...proposal, cosigners: [...proposal.cosigners, cosigner] });
}

/** The author takes a co-signer off the draft, whether they had confirmed or not. */
export function withdrawInvitation(proposal: Proposal, actor: DutyActor, userId: string): DutyOutcome<Proposal> {
  const problem = proposalRefusal('withdraw_invitation', proposal, actor);
  if (problem) return fail(problem);
  if (!proposal.cosigners.some((c) => c.userId === userId)) {
    return fail(invalid('unknown_cosigner', 'This member was not invited to co-sign', 'userId'));
  }
  return ok({ ...proposal, cosigners: proposal.cosigners.filter((c) => c.userId !== userId) });
}

/** An invited member confirms their name on the proposal. */
export function cosign(proposal: Proposal, actor: DutyActor, ctx: Now): DutyOutcome<Proposal> {
  const problem = proposalRefusal('cosign', proposal, actor);
  if (problem) return fail(problem);
  const cosigners = proposal.cosigners.map((c) => (c.userId === actor.userId ? { ...c, confirmedAt: ctx.now } : c));
  return ok({ ...proposal, cosigners });
}

/** An invited member takes their name off the draft, before or after confirming. */
export function declineCosign(proposal: Proposal, actor: DutyActor): DutyOutcome<Proposal> {
  const problem = proposalRefusal('decline_cosign', proposal, actor);
  if (problem) return fail(problem);
  return ok({ ...proposal, cosigners: proposal.cosigners.filter((c) => c.userId !== actor.userId) });
}

/** The author submits the draft to the proposals committee, once every co-signer has confirmed. */
export function submitProposal(proposal: Proposal, actor: DutyActor, ctx: Now): DutyOutcome<Proposal> {
  const problem = proposalRefusal('submit', proposal, actor);
  if (problem) return fail(problem);
  return ok({ ...proposal, status: 'submitted', submittedAt: ctx.now });
}
