import { levelRank, type CreateOrgBody, type Org } from '@yishi/protocol';
import { canAdministerOrg, canSeeOrg, type Actor } from '../auth/policy.js';
import { newId, type Clock } from '../deps.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import type { OrgsRepository, OrgTreeRepository } from '../store/orgs.repo.js';
import type { Store } from '../store/store.js';

/** Organisations: a tree of levels, from province down to a consultation room. */
export class OrgsService {
  private readonly orgs: OrgsRepository;
  private readonly tree: OrgTreeRepository;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.orgs = store.orgs;
    this.tree = store.tree;
  }

  /** Administrators see all; everyone else sees the organisations they belong to and all below them. */
  async list(actor: Actor): Promise<Org[]> {
    if (actor.user.isAdmin) return this.orgs.all();
    return this.tree.subtree(actor.memberships.map((m) => m.orgId));
  }

  async create(actor: Actor, body: CreateOrgBody): Promise<Org> {
    const parentId = body.parentId ?? null;
    if (parentId === null) {
      if (!actor.user.isAdmin) throw forbidden('Only a site administrator can create a top-level organisation');
    } else {
      const parent = await this.orgs.findById(parentId);
      if (!parent)
        throw new DomainError('VALIDATION', 'Invalid request body', [
          { path: 'parentId', message: 'no such organisation' },
        ]);
      const chain = await this.tree.chain(parentId);
      if (!canAdministerOrg(actor, chain)) throw forbidden('You do not administer the parent organisation');
      if (levelRank(body.level) <= levelRank(parent.level)) {
        throw new DomainError('VALIDATION', 'Invalid request body', [
          { path: 'level', message: `must be below the parent's level (${parent.level})` },
        ]);
      }
    }
    const org: Org = {
      id: newId(),
      name: body.name,
      level: body.level,
      parentId,
      createdAt: this.clock.now().toISOString(),
    };
    await this.store.transaction(async (tx) => {
      await tx.orgs.insert(org);
      const details = { name: org.name, level: org.level, parentId };
      const subject = { type: 'org' as const, id: org.id };
      await tx.audit.append({
        log: org.id,
        at: org.createdAt,
        actorId: actor.user.id,
        action: 'org.created',
        subject,
        details,
      });
    });
    return org;
  }

  /** The chain from an organisation up to its root, after checking the actor may see it. */
  async visibleChain(actor: Actor, orgId: string): Promise<string[]> {
    const chain = await this.tree.chain(orgId);
    if (chain.length === 0) throw notFound('Organisation');
    if (!canSeeOrg(actor, chain)) throw forbidden('You are not a member of this organisation');
    return chain;
  }
}
