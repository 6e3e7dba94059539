/**
 * Who may do what to a proposal, and in which status, as tables: the commands check their actor and
 * the proposal's state here, and `nextActions` reads the same checks, so the UI's buttons and the
 * server's refusals cannot disagree.
 */
import { conflict, forbidden } from './outcome.js';
import { PROPOSAL_LIMITS } from './types.js';
import type { DutyActor, DutyError, DutyRole, Proposal, ProposalStatus } from './types.js';

/** Everything that can be done to a proposal; `open_consultation` happens in the server (a topic). */
export const ProposalActions = [
  'edit',
  'invite_cosigner',
  'withdraw_invitation',
  'cosign',
  'decline_cosign',
  'submit',
  'review',
  'reply',
  'assess',
  'flag_key',
  'convert_to_opinion',
  'open_consultation',
] as const;
export type ProposalAction = (typeof ProposalActions)[number];

/** The statuses in which each action may be taken; in any other it is refused with `wrong_status`. */
export const proposalActionStatuses: Readonly<Record<ProposalAction, readonly ProposalStatus[]>> = {
  edit: ['draft'],
  invite_cosigner: ['draft'],
  withdraw_invitation: ['draft'],
  cosign: ['draft'],
  decline_cosign: ['draft'],
  submit: ['draft'],
  review: ['submitted'],
  reply: ['handling'],
  assess: ['replied'],
  // A key proposal stays marked on the record after it closes; flagging only makes sense once accepted.
  flag_key: ['handling', 'replied', 'closed'],
  convert_to_opinion: ['not_accepted'],
  open_consultation: ['handling', 'replied'],
};

export interface ProposalEdge {
  from: ProposalStatus;
  to: ProposalStatus;
  action: ProposalAction;
}

/**
 * Every change of a proposal's status. The actions not listed here keep the status; closed,
 * not_accepted and merged have no way out.
 */
export const proposalEdges: readonly ProposalEdge[] = [
  { from: 'draft', to: 'submitted', action: 'submit' },
  { from: 'submitted', to: 'handling', action: 'review' },
  { from: 'submitted', to: 'not_accepted', action: 'review' },
  { from: 'submitted', to: 'merged', action: 'review' },
  // The lead department's reply; a co-department's reply keeps the proposal in handling.
  { from: 'handling', to: 'replied', action: 'reply' },
  { from: 'replied', to: 'closed', action: 'assess' },
  // An unsatisfied assessment of round 1 sends the proposal back once.
  { from: 'replied', to: 'handling', action: 'assess' },
];

/** How each action reads in a refusal's message. */
const actionWords: Readonly<Record<ProposalAction, string>> = {
  edit: 'edit the proposal',
  invite_cosigner: 'invite co-signers',
  withdraw_invitation: 'withdraw an invitation',
  cosign: 'co-sign the proposal',
  decline_cosign: 'decline to co-sign',
  submit: 'submit the proposal',
  review: 'review the proposal',
  reply: 'reply to the proposal',
  assess: 'assess the replies',
  flag_key: 'flag a key proposal',
  convert_to_opinion: 'turn the proposal into an opinion report',
  open_consultation: 'open a consultation on the proposal',
};

type Check = (proposal: Proposal, actor: DutyActor, action: ProposalAction) => DutyError | undefined;

const author: Check = (p, actor, action) =>
  actor.userId === p.authorId ? undefined : forbidden('not_author', `Only the lead author may ${actionWords[action]}`);

const role =
  (wanted: DutyRole): Check =>
  (_p, actor, action) =>
    actor.role === wanted
      ? undefined
      : forbidden(
          wanted === 'chair' ? 'not_chair' : 'not_secretariat',
          `Only the ${wanted} may ${actionWords[action]}`,
        );

const invited: Check = (p, actor, action) =>
  p.cosigners.some((c) => c.userId === actor.userId)
    ? undefined
    : forbidden('not_invited', `Only a member invited to co-sign may ${actionWords[action]}`);

const official: Check = (_p, actor, action) =>
  actor.role === 'official' ? undefined : forbidden('not_official', `Only an official may ${actionWords[action]}`);

/** Whether `departmentId` handles the proposal, as its lead or one of its co-departments. */
export const isAssigned = (proposal: Proposal, departmentId: string | null): boolean =>
  departmentId !== null &&
  (proposal.leadDepartmentId === departmentId || proposal.coDepartmentIds.includes(departmentId));

const assignedDepartment: Check = (p, actor) =>
  isAssigned(p, actor.departmentId)
    ? undefined
    : forbidden('department_not_assigned', 'Your department is not handling this proposal');

const inStatus: Check = (p, _actor, action) =>
  proposalActionStatuses[action].includes(p.status)
    ? undefined
    : conflict('wrong_status', `Cannot ${actionWords[action]} while it is ${p.status}`);

const underCosignerLimit: Check = (p) =>
  p.cosigners.length < PROPOSAL_LIMITS.cosigners
    ? undefined
    : conflict('cosigner_limit', `A proposal has at most ${PROPOSAL_LIMITS.cosigners} co-signers`);

const hasInvitations: Check = (p) =>
  p.cosigners.length > 0 ? undefined : conflict('no_invitations', 'Nobody has been invited to co-sign');

const notYetCosigned: Check = (p, actor) =>
  p.cosigners.some((c) => c.userId === actor.userId && c.confirmedAt === null)
    ? undefined
    : conflict('already_cosigned', 'You have co-signed this proposal already');

/** Everyone listed on a submitted proposal has confirmed: nobody's name goes out unasked. */
const noPendingCosigners: Check = (p) =>
  p.cosigners.every((c) => c.confirmedAt !== null)
    ? undefined
    : conflict('pending_cosigners', 'Some invited co-signers have not confirmed; wait, or withdraw the invitations');

/** Whether `departmentId` has replied in the proposal's current round. */
export const hasReplied = (proposal: Proposal, departmentId: string | null): boolean =>
  proposal.replies.some((r) => r.departmentId === departmentId && r.round === proposal.round);

const notYetReplied: Check = (p, actor) =>
  hasReplied(p, actor.departmentId)
    ? conflict('already_replied', 'Your department has replied in this round already')
    : undefined;

const notYetConverted: Check = (p) =>
  p.convertedToOpinionId === null
    ? undefined
    : conflict('already_converted', 'The proposal has been turned into an opinion report already');

/** The checks of each action, in the order a refusal reports them: who, then when, then what state. */
const checks: Readonly<Record<ProposalAction, readonly Check[]>> = {
  edit: [author, inStatus],
  invite_cosigner: [author, inStatus, underCosignerLimit],
  withdraw_invitation: [author, inStatus, hasInvitations],
  cosign: [invited, inStatus, notYetCosigned],
  decline_cosign: [invited, inStatus],
  submit: [author, inStatus, noPendingCosigners],
  review: [role('secretariat'), inStatus],
  reply: [official, assignedDepartment, inStatus, notYetReplied],
  assess: [author, inStatus],
  flag_key: [role('chair'), inStatus],
  convert_to_opinion: [author, inStatus, notYetConverted],
  open_consultation: [role('chair'), inStatus],
};

/** Why `actor` may not take `action` on the proposal now, whatever the input; undefined if they may. */
export function proposalRefusal(action: ProposalAction, proposal: Proposal, actor: DutyActor): DutyError | undefined {
  for (const check of checks[action]) {
    const problem = check(proposal, actor, action);
    if (problem) return problem;
  }
  return undefined;
}

/** The actions `actor` may take on the proposal now, in a fixed order: the UI's buttons. */
export function nextActions(proposal: Proposal, actor: DutyActor): ProposalAction[] {
  return ProposalActions.filter((action) => proposalRefusal(action, proposal, actor) === undefined);
}

/** The chair may open a consultation topic on a proposal being handled (提案办理协商). */
export function mayOpenConsultation(proposal: Proposal, actor: DutyActor): boolean {
  return proposalRefusal('open_consultation', proposal, actor) === undefined;
}
