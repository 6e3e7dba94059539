import { levelRank, type CreateOrgBody, type Org, type UpdateOrgBody } from '@yishi/protocol';
import { canAdministerOrg, canSeeOrg, type Actor } from '../auth/policy.js';
import { newId, type Clock } from '../deps.js';
import { DomainError, forbidden, invalidField, notFound } from '../errors.js';
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

  /**
   * Renames an organisation, or moves it (with everything under it) under another parent: its
   * administrators do, and a move needs the new parent's administration too (the top, a site
   * administrator). The parent's level stays above the organisation's, and an organisation never
   * goes under itself or one of its own. Each change is audited in the organisation's log.
   */
  async update(actor: Actor, orgId: string, body: UpdateOrgBody): Promise<Org> {
    const org = await this.orgs.findById(orgId);
    if (!org) throw notFound('Organisation');
    if (!canAdministerOrg(actor, await this.tree.chain(orgId)))
      throw forbidden('You do not administer this organisation');
    const moving = body.parentId !== undefined && body.parentId !== org.parentId;
    if (moving) await this.checkMove(actor, org, body.parentId ?? null);
    const renaming = body.name !== undefined && body.name !== org.name;
    const now = this.clock.now().toISOString();
    await this.store.transaction(async (tx) => {
      await tx.orgs.update(orgId, {
        ...(renaming ? { name: body.name } : {}),
        ...(moving ? { parentId: body.parentId ?? null } : {}),
      });
      const entry = { log: orgId, at: now, actorId: actor.user.id, subject: { type: 'org' as const, id: orgId } };
      if (renaming)
        await tx.audit.append({ ...entry, action: 'org.renamed', details: { from: org.name, to: body.name } });
      if (moving) {
        const details = { fromParentId: org.parentId, toParentId: body.parentId ?? null };
        await tx.audit.append({ ...entry, action: 'org.moved', details });
      }
    });
    return (await this.orgs.findById(orgId))!;
  }

  private async checkMove(actor: Actor, org: Org, parentId: string | null): Promise<void> {
    if (parentId === null) {
      if (!actor.user.isAdmin) throw forbidden('Only a site administrator makes an organisation top-level');
      return;
    }
    const parent = await this.orgs.findById(parentId);
    if (!parent) throw invalidField('parentId', 'no such organisation');
    const parentChain = await this.tree.chain(parentId);
    if (parentChain.includes(org.id))
      throw invalidField('parentId', 'an organisation cannot go under itself or one of its own');
    if (levelRank(org.level) <= levelRank(parent.level)) {
      throw invalidField('parentId', `must be above the organisation's level (${org.level})`);
    }
    if (!canAdministerOrg(actor, parentChain)) throw forbidden('You do not administer the new parent organisation');
  }

  /** The chain from an organisation up to its root, after checking the actor may see it. */
  async visibleChain(actor: Actor, orgId: string): Promise<string[]> {
    const chain = await this.tree.chain(orgId);
    if (chain.length === 0) throw notFound('Organisation');
    if (!canSeeOrg(actor, chain)) throw forbidden('You are not a member of this organisation');
    return chain;
  }
}
