/**
 * The role pages' own logic, apart from the components: the department's inbox (the outcomes and
 * the proposals it must answer, the overdue first) and the secretariat's review desk.
 */
import type { InboxItem, Me, ProposalSummary } from '@yishi/protocol';

/** A department an official answers for, in the organisation of their membership. */
export interface OfficialDepartment {
  orgId: string;
  orgName: string;
  departmentId: string;
}

/** The departments the reader answers for: one per active official membership that names one. */
export function officialDepartments(me: Me | null): OfficialDepartment[] {
  return (me?.memberships ?? []).flatMap((m) =>
    m.active && m.role === 'official' && m.departmentId !== null
      ? [{ orgId: m.orgId, orgName: m.org.name, departmentId: m.departmentId }]
      : [],
  );
}

/** Whether the reader is an official somewhere whose membership names no department (nothing to list there). */
export function lacksDepartment(me: Me | null): boolean {
  return (me?.memberships ?? []).some((m) => m.active && m.role === 'official' && m.departmentId === null);
}

/** Whether the reader is the secretariat of the organisation (their own membership, not one above it). */
export function isSecretariatOf(me: Me | null, orgId: string): boolean {
  return (me?.memberships ?? []).some((m) => m.active && m.orgId === orgId && m.role === 'secretariat');
}

/** A department's part in a proposal: it leads the reply, or helps (协办). */
export type DepartmentPart = 'lead' | 'co';

export function partIn(proposal: Pick<ProposalSummary, 'leadDepartment'>, departmentId: string): DepartmentPart {
  return proposal.leadDepartment?.id === departmentId ? 'lead' : 'co';
}

/** A proposal in the department's inbox, with the department that must reply to it. */
export interface ProposalToReply {
  proposal: ProposalSummary;
  department: OfficialDepartment;
  part: DepartmentPart;
}

/**
 * The order of the inbox's proposals: the overdue first, then the earliest due (those without a
 * due date last), then by number.
 */
export function byUrgency(a: ProposalSummary, b: ProposalSummary): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  return (a.number ?? '').localeCompare(b.number ?? '') || a.title.localeCompare(b.title);
}

/** How many are still to answer, and how many of those are overdue. */
export interface DueCounts {
  due: number;
  overdue: number;
}

/** Of some outcomes delivered, those not answered yet and those of them past their due date. */
export function outcomesDue(items: readonly Pick<InboxItem, 'answered' | 'overdue'>[]): DueCounts {
  const open = items.filter((item) => !item.answered);
  return { due: open.length, overdue: open.filter((item) => item.overdue).length };
}

/** Of some proposals being handled, all are to answer; those past their due date are overdue. */
export function proposalsDue(proposals: readonly Pick<ProposalSummary, 'overdue'>[]): DueCounts {
  return { due: proposals.length, overdue: proposals.filter((p) => p.overdue).length };
}
