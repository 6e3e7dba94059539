/**
 * Actors, proposals and reports for the duty rules' tests. Kept out of the build (tsconfig excludes
 * src/test): the server builds real records from its store, never from these.
 */
import { expect } from 'vitest';
import { assessProposal, replyToProposal, reviewProposal } from '../handling.js';
import type { ReviewContext } from '../handling.js';
import { handleOpinion, submitOpinion } from '../opinions.js';
import { cosign, createProposal, inviteCosigner, submitProposal } from '../proposals.js';
import type {
  DutyActor,
  DutyClock,
  DutyErrorCode,
  DutyOutcome,
  DutyRefusalReason,
  DutyRole,
  Opinion,
  OpinionInput,
  Proposal,
  ProposalInput,
  ReviewInput,
} from '../types.js';

export const clock: DutyClock = { now: '2026-03-10T02:00:00.000Z', today: '2026-03-10' };
export const now = clock.now;

export const departmentIds = ['d-lead', 'd-co1', 'd-co2', 'd-other'] as const;

const person = (userId: string, role: DutyRole, departmentId: string | null = null): DutyActor => ({
  userId,
  role,
  departmentId,
});

export const author = person('u-author', 'member');
export const member = (n: number): DutyActor => person(`u-m${n}`, 'member');
export const secretariat = person('u-sec', 'secretariat');
export const chair = person('u-chair', 'chair');
export const admin = person('u-admin', 'admin');
export const observer = person('u-observer', 'observer');
export const leadOfficial = person('u-o-lead', 'official', 'd-lead');
export const coOfficial = person('u-o-co1', 'official', 'd-co1');
export const co2Official = person('u-o-co2', 'official', 'd-co2');
export const otherOfficial = person('u-o-other', 'official', 'd-other');
export const officialWithoutDepartment = person('u-o-none', 'official');

/** One actor of every role, none of them the author, an invitee or an assigned department's official. */
export const outsiders: readonly DutyActor[] = [admin, secretariat, chair, member(9), otherOfficial, observer];

/** Everyone the tests know. */
export const everyone: readonly DutyActor[] = [
  author,
  member(1),
  member(2),
  member(3),
  member(9),
  secretariat,
  chair,
  admin,
  observer,
  leadOfficial,
  coOfficial,
  co2Official,
  otherOfficial,
  officialWithoutDepartment,
];

export function value<T>(outcome: DutyOutcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code} ${outcome.error.reason}: ${outcome.error.message}`);
  return outcome.value;
}

/**
 * Runs a command that must be refused, and checks the refusal's code and reason, and that the
 * record it was given is unchanged.
 */
export function expectRefused<S, T>(
  subject: S,
  run: (subject: S) => DutyOutcome<T>,
  code: DutyErrorCode,
  reason: DutyRefusalReason,
): void {
  const before = structuredClone(subject);
  const outcome = run(subject);
  expect(subject, 'a refusal leaves the record as it was').toEqual(before);
  expect(outcome.ok ? 'accepted' : [outcome.error.code, outcome.error.reason]).toEqual([code, reason]);
}

export const proposalInput: ProposalInput = {
  title: '关于完善社区养老服务的建议',
  reasons: '老龄人口增长较快，社区养老服务供给不足。',
  suggestions: '一、增加社区养老服务站点；二、培养专业护理人员。',
  category: 'society',
};

export const acceptance: ReviewInput = {
  decision: 'accepted',
  leadDepartmentId: 'd-lead',
  coDepartmentIds: ['d-co1', 'd-co2'],
  dueDate: '2026-06-30',
};

export const reviewContext: ReviewContext = { ...clock, number: '2026-0007', departmentIds };

export function draftProposal(): Proposal {
  return value(createProposal(proposalInput, { id: 'p-1', orgId: 'org-1', actor: author, now }));
}

/** A draft with `members` invited; `confirmed` of them have confirmed. */
export function draftWithCosigners(members: readonly DutyActor[], confirmed = members.length): Proposal {
  let proposal = draftProposal();
  for (const m of members) proposal = value(inviteCosigner(proposal, author, m, clock));
  for (const m of members.slice(0, confirmed)) proposal = value(cosign(proposal, m, clock));
  return proposal;
}

export function submittedProposal(): Proposal {
  return value(submitProposal(draftWithCosigners([member(1), member(2)]), author, clock));
}

export function handlingProposal(): Proposal {
  return value(reviewProposal(submittedProposal(), secretariat, acceptance, reviewContext));
}

export const reply = (departmentId: string) => ({
  departmentId,
  classification: 'A' as const,
  body: '已列入年度计划。',
});

/** Replied by both co-departments, then by the lead department. */
export function repliedProposal(from: Proposal = handlingProposal()): Proposal {
  let proposal = value(replyToProposal(from, coOfficial, reply('d-co1'), clock));
  proposal = value(replyToProposal(proposal, co2Official, reply('d-co2'), clock));
  return value(replyToProposal(proposal, leadOfficial, reply('d-lead'), clock));
}

export function closedProposal(): Proposal {
  return value(assessProposal(repliedProposal(), author, { satisfaction: 'satisfied', comment: '' }, clock));
}

export function notAcceptedProposal(): Proposal {
  const input: ReviewInput = { decision: 'not_accepted', reason: '不属于政协提案受理范围' };
  return value(reviewProposal(submittedProposal(), secretariat, input, reviewContext));
}

export function mergedProposal(): Proposal {
  return value(
    reviewProposal(submittedProposal(), secretariat, { decision: 'merged', mergedInto: 'p-2' }, reviewContext),
  );
}

export const opinionInput: OpinionInput = {
  title: '关于老旧小区加装电梯的情况反映',
  body: '部分老旧小区居民反映加装电梯审批流程较长。',
  category: 'society',
};

export function submittedOpinion(id = 'o-1', orgId = 'org-1'): Opinion {
  return value(submitOpinion(opinionInput, { id, orgId, actor: author, now }));
}

export function adoptedOpinion(id = 'o-1', orgId = 'org-1'): Opinion {
  return value(handleOpinion(submittedOpinion(id, orgId), secretariat, { decision: 'adopted', note: '' }, clock));
}
