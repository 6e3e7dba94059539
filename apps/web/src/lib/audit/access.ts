/**
 * Whose audit logs the user reads, mirrored from the server's rule so that the UI only offers what
 * will be accepted: site administrators read every log, the installation's own included; an active
 * `admin` or `secretariat` membership reads the log of its organisation and of those below it.
 * The server decides; nothing here is a security boundary.
 */
import type { Me, Org, Role } from '@yishi/protocol';
import { buildOrgTree, flattenOrgTree } from '../orgTree';
import { rolesOver } from '../permissions';

/** The roles that read an organisation's log (held there or above it). */
const READER_ROLES: readonly Role[] = ['admin', 'secretariat'];

/** `?log=` of the installation's own log (organisations have generated ids, never this word). */
export const SITE_LOG = 'site';

/** One log the user may open: an organisation's (indented by its depth in the tree), or the installation's. */
export interface AuditLogChoice {
  id: string;
  /** The organisation; null for the installation's log. */
  org: Org | null;
  depth: number;
}

/** May read some audit log (the navigation shows the page). */
export function mayReadAudit(me: Me): boolean {
  return me.user.isAdmin || me.memberships.some((m) => m.active && READER_ROLES.includes(m.role));
}

/** May read the log of `orgId`. */
export function mayReadAuditOf(me: Me, orgId: string, orgs: readonly Org[]): boolean {
  if (me.user.isAdmin) return true;
  const roles = rolesOver(me, orgId, orgs);
  return READER_ROLES.some((role) => roles.has(role));
}

/** The logs the user may read, organisations in tree order, then (site administrators) the installation's. */
export function auditLogChoices(me: Me, orgs: readonly Org[], locale?: string): AuditLogChoice[] {
  const readable = flattenOrgTree(buildOrgTree(orgs, locale)).filter(({ org }) => mayReadAuditOf(me, org.id, orgs));
  // Indented from the shallowest readable one: a county's secretariat sees no empty indent for the city.
  const top = Math.min(...readable.map(({ depth }) => depth));
  const choices = readable.map(({ org, depth }) => ({ id: org.id, org, depth: depth - top }));
  return me.user.isAdmin ? [...choices, { id: SITE_LOG, org: null, depth: 0 }] : choices;
}
