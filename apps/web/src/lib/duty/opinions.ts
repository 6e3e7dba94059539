/**
 * The public-opinion report (社情民意信息) and bulletin (专报) pages' own logic, apart from the
 * components: the list's filters and the address they make, who sees which controls, and the
 * order of the reports chosen for a bulletin. Mirrored from the server's rules so that the UI only
 * offers what will be accepted; the server decides.
 */
import { DutyCategories, OpinionStatuses, type DutyCategory, type DutyRole, type OpinionStatus } from '@yishi/duty';
import type { Me, Org } from '@yishi/protocol';
import { rolesOver } from '../permissions';

/** The filters of the report list; empty strings mean "any". */
export interface OpinionFilters {
  orgId: string;
  status: OpinionStatus | '';
  category: DutyCategory | '';
  q: string;
}

const isOneOf =
  <T extends string>(list: readonly T[]) =>
  (value: string): value is T =>
    (list as readonly string[]).includes(value);
const isStatus = isOneOf(OpinionStatuses);
const isCategory = isOneOf(DutyCategories);

/** The filters an address's query says (unknown or malformed ones left empty). */
export function opinionFiltersFrom(params: URLSearchParams): OpinionFilters {
  const status = params.get('status') ?? '';
  const category = params.get('category') ?? '';
  return {
    orgId: (params.get('orgId') ?? '').trim(),
    status: isStatus(status) ? status : '',
    category: isCategory(category) ? category : '',
    q: (params.get('q') ?? '').trim(),
  };
}

/** The page's address query for some filters, empty ones left out. */
export function opinionsAddress(filters: OpinionFilters): string {
  return queryOf([
    ['orgId', filters.orgId],
    ['status', filters.status],
    ['category', filters.category],
    ['q', filters.q.trim()],
  ]);
}

/**
 * The query of `GET /api/orgs/:orgId/opinions` for some filters. No `mine`: a member is given their
 * own whatever they ask, and those who run the organisation see every report.
 */
export function opinionsApiQuery(filters: OpinionFilters): string {
  return queryOf([
    ['status', filters.status],
    ['category', filters.category],
    ['q', filters.q.trim()],
  ]);
}

function queryOf(pairs: [string, string][]): string {
  const query = new URLSearchParams(pairs.filter(([, value]) => value !== '')).toString();
  return query ? `?${query}` : '';
}

/**
 * Who the reader is to an organisation's reports, as the server's rules see them: the role of their
 * active membership in it, a site administrator as `admin`, anyone else as `observer`.
 */
export function opinionRoleIn(me: Me | null, orgId: string): DutyRole {
  const membership = me?.memberships.find((m) => m.orgId === orgId && m.active);
  if (membership) return membership.role;
  return me?.user.isAdmin ? 'admin' : 'observer';
}

const READERS: readonly DutyRole[] = ['member', 'secretariat', 'chair', 'admin'];
const BULLETIN_READERS = ['secretariat', 'chair', 'admin'] as const;

/**
 * Whether the reader may read all the organisation's reports and its bulletins: a site
 * administrator, or the secretariat, a chair or an administrator of it or of an organisation above
 * it (`orgs`: those the reader sees, for the line of parents).
 */
export function mayReadBulletins(me: Me | null, orgId: string, orgs: readonly Org[]): boolean {
  if (!me) return false;
  const roles = rolesOver(me, orgId, orgs);
  return me.user.isAdmin || BULLETIN_READERS.some((role) => roles.has(role));
}

/** Whether the reader may list reports in the organisation: a member (their own) or those who read them all. */
export function mayListOpinions(me: Me | null, orgId: string, orgs: readonly Org[]): boolean {
  return opinionRoleIn(me, orgId) === 'member' || mayReadBulletins(me, orgId, orgs);
}

/** Whether the reader may list reports in some organisation: the header's link. */
export function mayListOpinionsSomewhere(me: Me | null): boolean {
  return Boolean(me?.user.isAdmin || me?.memberships.some((m) => m.active && READERS.includes(m.role)));
}

/** Whether the reader may submit a report in the organisation: a member. */
export function mayWriteOpinion(me: Me | null, orgId: string): boolean {
  return opinionRoleIn(me, orgId) === 'member';
}

/** Whether the reader may compile a bulletin in the organisation: the secretariat. */
export function mayCompileBulletin(me: Me | null, orgId: string): boolean {
  return opinionRoleIn(me, orgId) === 'secretariat';
}

/**
 * The reports chosen for a bulletin, in the order they were checked: `id` added at the end when
 * checked (where it is, if it was already), taken out when unchecked, the others keeping their order.
 */
export function toggledChoice(chosen: readonly string[], id: string, checked: boolean): string[] {
  if (!checked) return chosen.filter((other) => other !== id);
  return chosen.includes(id) ? [...chosen] : [...chosen, id];
}
