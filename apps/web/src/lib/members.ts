/** Reading an organisation's members, which the server gives a page at a time. */
import { PageLimits, type Member, type MembersPage, type Role } from '@yishi/protocol';
import { api } from './api';
import { withCursor } from './state/pager.svelte';

/**
 * Every member of an organisation, or every one of `role`, read page by page at the largest page
 * size, by display name. For the choosers that need all of them (participants, recipients,
 * attendance); a list shown to the reader pages instead.
 */
export async function allMembers(orgId: string, role?: Role): Promise<Member[]> {
  const base = `/api/orgs/${encodeURIComponent(orgId)}/members?limit=${PageLimits.max}${role ? `&role=${role}` : ''}`;
  const members: Member[] = [];
  let next: string | null = null;
  do {
    const page: MembersPage = await api.get<MembersPage>(withCursor(base, next));
    members.push(...page.members);
    next = page.next;
  } while (next !== null);
  return members;
}
