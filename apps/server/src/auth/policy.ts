import type { Membership, Role, User } from '@yishi/protocol';

/**
 * Who may do what with organisations and members. Pure: the caller passes the actor's active
 * memberships and the chain of organisations from the target up to the root, so that a role held
 * in a province reaches its cities, counties and stations.
 */
export interface Actor {
  user: User;
  /** Active memberships only. */
  memberships: readonly Membership[];
}

/** The roles the actor holds in any organisation of the chain (the target and its ancestors). */
export function rolesOver(actor: Actor, chain: readonly string[]): ReadonlySet<Role> {
  const inChain = new Set(chain);
  return new Set(actor.memberships.filter((m) => inChain.has(m.orgId)).map((m) => m.role));
}

/** Site administrators, and `admin` members of the organisation or above it. */
export function canAdministerOrg(actor: Actor, chain: readonly string[]): boolean {
  return actor.user.isAdmin || rolesOver(actor, chain).has('admin');
}

/** Administrators, and the secretariat of the organisation or above it. */
export function canManageMembers(actor: Actor, chain: readonly string[]): boolean {
  return canAdministerOrg(actor, chain) || rolesOver(actor, chain).has('secretariat');
}

/** The roles only an administrator hands out, and whose accounts only an administrator changes. */
const ADMINISTERED: ReadonlySet<Role> = new Set(['admin', 'secretariat', 'chair']);

/**
 * The secretariat enrols people but cannot hand out the roles that manage others or speak for the
 * body: otherwise it could make a chair of its own, or take over the real chair's account, and then
 * approve minutes and rate as chair.
 */
export function canAssignRole(actor: Actor, chain: readonly string[], role: Role): boolean {
  if (canAdministerOrg(actor, chain)) return true;
  return canManageMembers(actor, chain) && !ADMINISTERED.has(role);
}

/** Anyone with a role in the organisation or above it sees it and its members. */
export function canSeeOrg(actor: Actor, chain: readonly string[]): boolean {
  return actor.user.isAdmin || rolesOver(actor, chain).size > 0;
}

/**
 * Who reads every public-opinion report of an organisation, and its bulletins: administrators, and
 * its secretariat and chairs (or those above it). A report is written to the committee; a member
 * reads their own only.
 */
export function canReadAllOpinions(actor: Actor, chain: readonly string[]): boolean {
  const roles = rolesOver(actor, chain);
  return canAdministerOrg(actor, chain) || roles.has('secretariat') || roles.has('chair');
}
