/**
 * What the signed-in user may administer, mirrored from the server's rules so that the UI only
 * offers what will be accepted. The server decides; nothing here is a security boundary.
 *
 * - a site administrator (`user.isAdmin`) manages everything;
 * - an active `admin` membership manages its organisation and every organisation below it;
 * - an active `secretariat` membership adds and edits members of its organisation and below,
 *   except members whose role is `admin`, `secretariat` or `chair`.
 */
import { Roles, type Me, type Member, type Org, type Role } from '@yishi/protocol';

/** Roles that only an administrator may hand out or edit. */
const STAFF_ROLES: readonly Role[] = ['admin', 'secretariat', 'chair'];

/** The roles the user holds over `orgId`: in that organisation or in any of its ancestors. */
export function rolesOver(me: Me, orgId: string, orgs: readonly Org[]): Set<Role> {
  const byId = new Map(orgs.map((org) => [org.id, org]));
  for (const membership of me.memberships) byId.set(membership.org.id, membership.org);
  const lineage = new Set<string>();
  for (let id: string | null = orgId; id !== null && !lineage.has(id);) {
    lineage.add(id);
    id = byId.get(id)?.parentId ?? null;
  }
  return new Set(me.memberships.filter((m) => m.active && lineage.has(m.orgId)).map((m) => m.role));
}

/** May create organisations under `orgId` and manage all of its members. */
export function canManageOrg(me: Me, orgId: string, orgs: readonly Org[]): boolean {
  return me.user.isAdmin || rolesOver(me, orgId, orgs).has('admin');
}

/** May add members to `orgId` (with some role). */
export function canManageMembers(me: Me, orgId: string, orgs: readonly Org[]): boolean {
  return assignableRoles(me, orgId, orgs).length > 0;
}

/** The roles the user may give to a new or edited member of `orgId`. */
export function assignableRoles(me: Me, orgId: string, orgs: readonly Org[]): Role[] {
  if (canManageOrg(me, orgId, orgs)) return [...Roles];
  if (rolesOver(me, orgId, orgs).has('secretariat')) {
    return Roles.filter((role) => !STAFF_ROLES.includes(role));
  }
  return [];
}

/** May reset the password of, deactivate or reactivate `member` of `orgId`. */
export function canEditMember(me: Me, orgId: string, orgs: readonly Org[], member: Member): boolean {
  if (canManageOrg(me, orgId, orgs)) return true;
  return rolesOver(me, orgId, orgs).has('secretariat') && !STAFF_ROLES.includes(member.role);
}

/**
 * May lift the waits that failed logins put on `member`'s account: administrators of `orgId` or
 * above; a site administrator's account, site administrators only.
 */
export function canUnlockMember(me: Me, orgId: string, orgs: readonly Org[], member: Member): boolean {
  return canManageOrg(me, orgId, orgs) && (me.user.isAdmin || !member.user.isAdmin);
}

/** May create an organisation under `parentId` (`null`: a top-level one, site administrators only). */
export function canCreateOrgUnder(me: Me, parentId: string | null, orgs: readonly Org[]): boolean {
  return parentId === null ? me.user.isAdmin : canManageOrg(me, parentId, orgs);
}

/** Has anything to do on the administration page. */
export function mayAdminister(me: Me): boolean {
  return me.user.isAdmin || me.memberships.some((m) => m.active && (m.role === 'admin' || m.role === 'secretariat'));
}

/** Roles that may propose a topic in an organisation (held there or above it). */
const PROPOSER_ROLES: readonly Role[] = ['member', 'chair', 'secretariat'];

/** May propose a topic in `orgId` (the server decides; an administrator as such may not). */
export function canProposeIn(me: Me, orgId: string, orgs: readonly Org[]): boolean {
  const roles = rolesOver(me, orgId, orgs);
  return PROPOSER_ROLES.some((role) => roles.has(role));
}
