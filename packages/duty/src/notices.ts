import type { Proposal, ReviewDecision } from './types.js';
import { isOverdue } from './queries.js';

/** Who is to be told: named people, the organisation's secretariat, or the officials of departments. */
export type NoticeAudience = { people: readonly string[] } | { secretariat: true } | { departments: readonly string[] };

export type ProposalNoticeKind =
  | 'proposal_cosign_invited'
  | 'proposal_submitted'
  | 'proposal_reviewed'
  | 'proposal_assigned'
  | 'proposal_replied'
  | 'proposal_returned'
  | 'proposal_overdue';

export interface ProposalNotice {
  kind: ProposalNoticeKind;
  to: NoticeAudience;
  data: { decision?: ReviewDecision; dueDate?: string; number?: string };
}

/** The author and the co-signers who confirmed: the people a proposal speaks for. */
const signers = (p: Proposal): string[] => [
  p.authorId,
  ...p.cosigners.filter((c) => c.confirmedAt !== null).map((c) => c.userId),
];

const departmentsOf = (p: Proposal): string[] =>
  p.leadDepartmentId ? [p.leadDepartmentId, ...p.coDepartmentIds] : [...p.coDepartmentIds];

const dueOf = (p: Proposal) => (p.dueDate ? { dueDate: p.dueDate } : {});

/**
 * Whom a change of a proposal asks to act next, and about what (docs/design.md §6): an invitee is
 * asked to co-sign; a submitted proposal goes to the secretariat's review; a review is told to the
 * author and co-signers, and an accepted proposal is assigned to its departments with its due date;
 * the lead department's reply asks the author to assess; an unsatisfied assessment sends it back to
 * the departments. `before` is null for a proposal just filed. The acting person is not left out
 * here: the caller knows who acted.
 */
export function proposalNotices(before: Proposal | null, after: Proposal): ProposalNotice[] {
  const notices: ProposalNotice[] = [];
  const invitedBefore = new Set(before?.cosigners.map((c) => c.userId) ?? []);
  const invited = after.cosigners.filter((c) => !invitedBefore.has(c.userId)).map((c) => c.userId);
  if (invited.length > 0) notices.push({ kind: 'proposal_cosign_invited', to: { people: invited }, data: {} });

  const from = before?.status ?? null;
  if (from === after.status) return notices;
  const number = after.number ? { number: after.number } : {};
  switch (after.status) {
    case 'submitted':
      notices.push({ kind: 'proposal_submitted', to: { secretariat: true }, data: {} });
      break;
    case 'handling':
      if (from === 'submitted') {
        notices.push({
          kind: 'proposal_reviewed',
          to: { people: signers(after) },
          data: { decision: 'accepted', ...number },
        });
        notices.push({
          kind: 'proposal_assigned',
          to: { departments: departmentsOf(after) },
          data: { ...dueOf(after), ...number },
        });
      } else if (from === 'replied') {
        notices.push({
          kind: 'proposal_returned',
          to: { departments: departmentsOf(after) },
          data: { ...dueOf(after), ...number },
        });
      }
      break;
    case 'not_accepted':
    case 'merged':
      notices.push({ kind: 'proposal_reviewed', to: { people: signers(after) }, data: { decision: after.status } });
      break;
    case 'replied':
      notices.push({ kind: 'proposal_replied', to: { people: [after.authorId] }, data: number });
      break;
    default:
      break;
  }
  return notices;
}

/**
 * The chase of a lead reply past its due date: the lead department and the secretariat, once per
 * round and due date (`key` tells the sender which chase a notice belongs to); none when the
 * proposal is not overdue.
 */
export function overdueNotices(p: Proposal, today: string): { key: string; notices: ProposalNotice[] } | null {
  if (!isOverdue(p, today) || !p.leadDepartmentId || !p.dueDate) return null;
  const data = { dueDate: p.dueDate, ...(p.number ? { number: p.number } : {}) };
  return {
    key: `proposal_overdue:${p.id}:${p.round}:${p.dueDate}`,
    notices: [
      { kind: 'proposal_overdue', to: { departments: [p.leadDepartmentId] }, data },
      { kind: 'proposal_overdue', to: { secretariat: true }, data },
    ],
  };
}
