/** What the server and the UI ask of a proposal without changing it. */
import { hasReplied } from './flow.js';
import type { DutyCredit, OpinionInput, Proposal } from './types.js';

/** The number of an accepted proposal: the year and its place in that year's count, `2026-0007`. */
export function proposalNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a year: ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Not a sequence number: ${sequence}`);
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

/** The departments that still owe a reply in the current round, the lead department first. */
export function pendingDepartments(proposal: Proposal): string[] {
  if (proposal.status !== 'handling' || proposal.leadDepartmentId === null) return [];
  return [proposal.leadDepartmentId, ...proposal.coDepartmentIds].filter((id) => !hasReplied(proposal, id));
}

/**
 * Whether the lead department's reply is late: the proposal is being handled, its due date
 * (`YYYY-MM-DD`) has passed in the committee's calendar, and the lead department has not replied
 * in this round. A second round keeps the first round's due date.
 */
export function isOverdue(proposal: Proposal, today: string): boolean {
  return isLate({ ...proposal, leadReplied: hasReplied(proposal, proposal.leadDepartmentId) }, today);
}

/** The same rule over what a list row keeps of a proposal: its status, due date, and whether the lead replied. */
export function isLate(
  row: { status: Proposal['status']; dueDate: string | null; leadReplied: boolean },
  today: string,
): boolean {
  return row.status === 'handling' && row.dueDate !== null && row.dueDate < today && !row.leadReplied;
}

export type ProposalParty = 'author' | 'cosigners' | 'secretariat' | 'departments';

/**
 * Whom the proposal waits for: a draft waits for its invited co-signers while any has not confirmed,
 * then for the author; closed, not-accepted and merged proposals wait for nobody.
 */
export function whoActsNext(proposal: Proposal): ProposalParty | null {
  switch (proposal.status) {
    case 'draft':
      return proposal.cosigners.some((c) => c.confirmedAt === null) ? 'cosigners' : 'author';
    case 'submitted':
      return 'secretariat';
    case 'handling':
      return 'departments';
    case 'replied':
      return 'author';
    default:
      return null;
  }
}

/**
 * What a proposal earns on its people's duty records. A draft earns nothing; once submitted, the
 * lead author has a lead proposal and each confirmed co-signer a co-signed one, even if it is later
 * declined or merged: filing is the duty. Acceptance (a number) earns the lead author one more; a
 * merged proposal earns it through the proposal it joined.
 */
export function proposalDutyCredits(proposal: Proposal): DutyCredit[] {
  if (proposal.status === 'draft') return [];
  const credits: DutyCredit[] = [{ userId: proposal.authorId, count: 'proposalsLead' }];
  for (const cosigner of proposal.cosigners) {
    if (cosigner.confirmedAt !== null) credits.push({ userId: cosigner.userId, count: 'proposalsCosigned' });
  }
  if (proposal.number !== null) credits.push({ userId: proposal.authorId, count: 'proposalsAccepted' });
  return credits;
}

/** The report a not-accepted proposal becomes when its author converts it: its reasons, then its suggestions. */
export function opinionInputFromProposal(proposal: Proposal): OpinionInput {
  return {
    title: proposal.title,
    body: `${proposal.reasons}\n\n${proposal.suggestions}`,
    category: proposal.category,
  };
}
