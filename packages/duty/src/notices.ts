import type { Bulletin, Opinion, OpinionDecision, Proposal, ReviewDecision } from './types.js';
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

export type OpinionNoticeKind = 'opinion_submitted' | 'opinion_handled' | 'opinion_in_bulletin' | 'opinion_instructed';

export interface OpinionNotice {
  kind: OpinionNoticeKind;
  to: NoticeAudience;
  data: { decision?: OpinionDecision; number?: string; by?: string };
}

/**
 * Whom a change of a public-opinion report tells (docs/design.md §6: "the author is notified of
 * every step"): a report just submitted goes to the secretariat; the author is told of the decision,
 * of each bulletin it is put in (with the bulletin's number), and of each leader's instruction (with
 * who wrote it). An edit by the secretariat tells nobody: it is their work before the decision.
 * `before` is null for a report just submitted; `bulletins` are those the report is newly in.
 */
export function opinionNotices(
  before: Opinion | null,
  after: Opinion,
  bulletins: readonly Pick<Bulletin, 'id' | 'number'>[] = [],
): OpinionNotice[] {
  const author = { people: [after.authorId] };
  if (!before) return [{ kind: 'opinion_submitted', to: { secretariat: true }, data: {} }];
  const notices: OpinionNotice[] = [];
  if (before.status !== after.status && after.status !== 'submitted') {
    notices.push({ kind: 'opinion_handled', to: author, data: { decision: after.status } });
  }
  for (const id of after.bulletinIds.filter((b) => !before.bulletinIds.includes(b))) {
    const number = bulletins.find((b) => b.id === id)?.number;
    notices.push({ kind: 'opinion_in_bulletin', to: author, data: number ? { number } : {} });
  }
  for (const instruction of after.instructions.slice(before.instructions.length)) {
    notices.push({ kind: 'opinion_instructed', to: author, data: { by: instruction.by } });
  }
  return notices;
}
