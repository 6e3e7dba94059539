/**
 * Who sees which follow-up pages and controls, mirrored from the server's rules so that the UI only
 * offers what will be accepted. The server decides; nothing here is a security boundary.
 */
import type { Me, Org, Role } from '@yishi/protocol';
import { rolesOver } from '../permissions';

const DASHBOARD_ROLES: readonly Role[] = ['chair', 'secretariat', 'admin'];
const RUNNING_ROLES: readonly Role[] = ['chair', 'secretariat'];

/** Holds an active official membership somewhere: outcomes may be delivered to them (the inbox). */
export function isOfficial(me: Me): boolean {
  return me.memberships.some((m) => m.active && m.role === 'official');
}

/** May open the dashboard of some organisation: chair, secretariat or administrator. */
export function mayUseDashboard(me: Me): boolean {
  return me.user.isAdmin || me.memberships.some((m) => m.active && DASHBOARD_ROLES.includes(m.role));
}

/** The organisations whose dashboard the user may open (their own and those below them). */
export function dashboardOrgs(me: Me, orgs: readonly Org[]): Org[] {
  if (me.user.isAdmin) return [...orgs];
  return orgs.filter((org) => {
    const roles = rolesOver(me, org.id, orgs);
    return DASHBOARD_ROLES.some((role) => roles.has(role));
  });
}

/** Chair or secretariat over `orgId`: edits minutes and publishes cases of its topics. */
export function runsOrg(me: Me, orgId: string, orgs: readonly Org[]): boolean {
  const roles = rolesOver(me, orgId, orgs);
  return RUNNING_ROLES.some((role) => roles.has(role));
}

/** Chair over `orgId`: approves the minutes of its meetings. */
export function chairsOrg(me: Me, orgId: string, orgs: readonly Org[]): boolean {
  return rolesOver(me, orgId, orgs).has('chair');
}
