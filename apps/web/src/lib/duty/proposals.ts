/**
 * The proposals pages' own logic, apart from the components: the list's filters and the address
 * they make, and which parts of a proposal's page its reader sees.
 */
import { DutyCategories, ProposalStatuses, type DutyCategory, type ProposalStatus } from '@yishi/duty';
import type { Me, ProposalDetail } from '@yishi/protocol';

/**
 * Whose proposals the list shows: the reader's own and those they co-sign (`mine`), those their
 * department handles (`department`, for an official), or every one of the organisation (`all`).
 */
export const ProposalViews = ['mine', 'all', 'department'] as const;
export type ProposalView = (typeof ProposalViews)[number];

/** The filters of the proposal list; empty strings mean "any". */
export interface ProposalFilters {
  orgId: string;
  view: ProposalView;
  status: ProposalStatus | '';
  category: DutyCategory | '';
  q: string;
}

const isOneOf =
  <T extends string>(list: readonly T[]) =>
  (value: string): value is T =>
    (list as readonly string[]).includes(value);
const isView = isOneOf(ProposalViews);
const isStatus = isOneOf(ProposalStatuses);
const isCategory = isOneOf(DutyCategories);

/** The filters an address's query says (unknown or malformed ones left empty, the view `mine`). */
export function proposalFiltersFrom(params: URLSearchParams): ProposalFilters {
  const view = params.get('view') ?? '';
  const status = params.get('status') ?? '';
  const category = params.get('category') ?? '';
  return {
    orgId: (params.get('orgId') ?? '').trim(),
    view: isView(view) ? view : 'mine',
    status: isStatus(status) ? status : '',
    category: isCategory(category) ? category : '',
    q: (params.get('q') ?? '').trim(),
  };
}

/** The page's address query for some filters (empty ones, and the default view, left out). */
export function proposalsAddress(filters: ProposalFilters): string {
  const pairs: [string, string][] = [
    ['orgId', filters.orgId],
    ['view', filters.view === 'mine' ? '' : filters.view],
    ['status', filters.status],
    ['category', filters.category],
    ['q', filters.q.trim()],
  ];
  const query = new URLSearchParams(pairs.filter(([, value]) => value !== '')).toString();
  return query ? `?${query}` : '';
}

/**
 * The query of `GET /api/orgs/:orgId/proposals` for some filters; the department view needs the
 * reader's department (`null`: they have none, and the view shows nothing to ask for).
 */
export function proposalsApiQuery(filters: ProposalFilters, departmentId: string | null): string | null {
  const pairs: [string, string][] = [
    ['status', filters.status],
    ['category', filters.category],
    ['q', filters.q.trim()],
  ];
  if (filters.view === 'mine') pairs.push(['mine', 'true']);
  if (filters.view === 'department') {
    if (departmentId === null) return null;
    pairs.push(['departmentId', departmentId]);
  }
  const query = new URLSearchParams(pairs.filter(([, value]) => value !== '')).toString();
  return query ? `?${query}` : '';
}

/** The reader's membership in an organisation, if they have one. */
export function membershipIn(me: Me | null, orgId: string): Me['memberships'][number] | undefined {
  return me?.memberships.find((m) => m.orgId === orgId && m.active);
}

/** The views the reader has in an organisation: the department view for an official only. */
export function viewsFor(me: Me | null, orgId: string): ProposalView[] {
  const membership = membershipIn(me, orgId);
  return membership?.role === 'official' ? ['mine', 'department', 'all'] : ['mine', 'all'];
}

/** Whether the reader may file a proposal in the organisation (a member; the server checks again). */
export function mayFileIn(me: Me | null, orgId: string): boolean {
  return membershipIn(me, orgId)?.role === 'member';
}

/** The reader's place on a proposal, for the page's wording. */
export type ProposalRelation = 'author' | 'invited' | 'cosigner' | 'reader';

export function relationTo(proposal: ProposalDetail, userId: string): ProposalRelation {
  if (proposal.authorId === userId) return 'author';
  const cosigner = proposal.cosigners.find((c) => c.userId === userId);
  if (!cosigner) return 'reader';
  return cosigner.confirmedAt === null ? 'invited' : 'cosigner';
}

/** The replies of a round, the lead department's first. */
export function repliesOf(proposal: ProposalDetail, round: 1 | 2): ProposalDetail['replies'] {
  return proposal.replies
    .filter((reply) => reply.round === round)
    .sort(
      (a, b) =>
        Number(b.departmentId === proposal.leadDepartmentId) - Number(a.departmentId === proposal.leadDepartmentId),
    );
}

/**
 * The departments an official may reply for on this proposal: their own, when it is the lead or a
 * co-department and has not replied in this round.
 */
export function replyDepartment(proposal: ProposalDetail, me: Me | null): string | null {
  const department = membershipIn(me, proposal.orgId)?.departmentId ?? null;
  if (department === null) return null;
  const handles = department === proposal.leadDepartmentId || proposal.coDepartmentIds.includes(department);
  const replied = proposal.replies.some((r) => r.round === proposal.round && r.departmentId === department);
  return handles && !replied ? department : null;
}
