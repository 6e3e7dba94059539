import type { Actor } from '../auth/policy.js';
import type { Store } from '../store/store.js';

/**
 * The organisations whose topics and cases a list shows the actor: every one for a site
 * administrator, else those they belong to and every one below them.
 */
export async function visibleOrgIds(store: Store, actor: Actor): Promise<string[] | 'all'> {
  if (actor.user.isAdmin) return 'all';
  return (await store.tree.subtree(actor.memberships.map((m) => m.orgId))).map((o) => o.id);
}
