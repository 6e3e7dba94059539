import {
  assessProposal,
  cosign,
  createProposal,
  declineCosign,
  editProposal,
  flagKeyProposal,
  inviteCosigner,
  isLate,
  isOverdue,
  nextActions,
  overdueNotices,
  proposalNotices,
  proposalRefusal,
  proposalNumber,
  replyToProposal,
  reviewProposal,
  submitProposal,
  withdrawInvitation,
  type DutyActor,
  type DutyOutcome,
  type DutyRole,
  type Proposal,
  type ProposalNotice,
} from '@yishi/duty';
import type {
  AssessmentBody,
  AuditAction,
  ConsultationBody,
  ProposalBody,
  ProposalDetail,
  ProposalEditBody,
  ProposalsPage,
  ProposalsQuery,
  ReplyBody,
  ReviewBody,
} from '@yishi/protocol';
import { canSeeOrg, type Actor } from '../auth/policy.js';
import { newId, type Clock } from '../deps.js';
import { DomainError, invalidField, notFound } from '../errors.js';
import type { AuditRecord } from '../store/audit.repo.js';
import { proposalFilter, type ProposalRow } from '../store/proposals.repo.js';
import type { Repositories, Store } from '../store/store.js';
import { dutyActorIn, refused, valueOf } from './duty-outcome.js';
import { insertTopic } from './topics.service.js';
import type { OrgsService } from './orgs.service.js';
import type { Notifier, Sent } from './notifier.js';
import { readPage } from './pages.js';

/** How many times a change computed from a record that another node saved meanwhile is tried again. */
const RETRIES = 3;

function proposalEntry(actor: Actor, p: Proposal, action: AuditAction, at: string, details = {}): AuditRecord {
  return {
    log: p.orgId,
    at,
    actorId: actor.user.id,
    action,
    subject: { type: 'proposal', id: p.id },
    details: { title: p.title, ...details },
  };
}

/**
 * Proposals (提案, docs/design.md §6). Every command loads the record, asks the rules of
 * `@yishi/duty` with who is acting, and saves what they return if nobody saved in between; the
 * audit entry goes in the same transaction.
 */
export class ProposalsService {
  constructor(
    private readonly store: Store,
    private readonly orgs: OrgsService,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Chases every lead reply past its due date: the lead department's officials and the
   * secretariat, once per proposal, round and due date. Returns how many notifications went out.
   */
  async chaseOverdue(): Promise<number> {
    let sent = 0;
    for (const p of await this.store.proposals.overdue(this.today())) {
      const chase = overdueNotices(p, this.today());
      if (!chase) continue;
      const stored = await this.store.transaction((tx) => this.notify(tx, p, chase.notices, null, chase.key));
      await this.notifier.publish(stored);
      sent += stored.length;
    }
    return sent;
  }

  async create(actor: Actor, orgId: string, body: ProposalBody): Promise<ProposalDetail> {
    await this.orgs.visibleChain(actor, orgId);
    const now = this.now();
    const proposal = valueOf(createProposal(body, { id: newId(), orgId, actor: dutyActorIn(actor, orgId), now }));
    await this.store.transaction(async (tx) => {
      await tx.proposals.insert(proposal, now);
      await tx.audit.append(proposalEntry(actor, proposal, 'proposal.created', now));
    });
    return this.get(actor, proposal.id);
  }

  async list(actor: Actor, orgId: string, query: ProposalsQuery): Promise<ProposalsPage> {
    await this.orgs.visibleChain(actor, orgId);
    const filter = proposalFilter(orgId, query, actor.user.id);
    const { proposals } = this.store;
    const { items, next, total } = await readPage(
      { name: 'proposals', shape: ['string', 'string'] },
      query,
      (start) => Promise.all([proposals.page(filter, start, query.limit), proposals.count(filter)]),
      (row) => row.sortKey,
    );
    const today = this.today();
    return { proposals: items.map((row) => summary(row, today)), next, total };
  }

  async get(actor: Actor, proposalId: string): Promise<ProposalDetail> {
    const { proposal, updatedAt } = await this.readable(actor, proposalId);
    const departmentIds = [
      ...(proposal.leadDepartmentId ? [proposal.leadDepartmentId] : []),
      ...proposal.coDepartmentIds,
      ...proposal.replies.map((r) => r.departmentId),
    ];
    const [people, departments, topics] = await Promise.all([
      this.store.users.displayNames([
        proposal.authorId,
        ...proposal.cosigners.map((c) => c.userId),
        ...proposal.replies.map((r) => r.by),
        ...(proposal.reviewedBy ? [proposal.reviewedBy] : []),
      ]),
      this.store.departments.inOrg(proposal.orgId, departmentIds),
      this.store.proposals.topicsOf(proposal.id),
    ]);
    return {
      ...proposal,
      names: {
        people: Object.fromEntries(people),
        departments: Object.fromEntries([...departments].map(([id, d]) => [id, d.name])),
      },
      overdue: isOverdue(proposal, this.today()),
      actions: nextActions(proposal, dutyActorIn(actor, proposal.orgId)),
      topics,
      updatedAt,
    };
  }

  /**
   * The chair opens a consultation topic on an accepted proposal (提案办理协商): a new topic of the
   * proposal's organisation, proposed by the chair, linked both ways, in one transaction with both
   * audit entries. Returns the topic's id.
   */
  async openConsultation(actor: Actor, proposalId: string, body: ConsultationBody): Promise<string> {
    await this.readable(actor, proposalId);
    const now = this.now();
    return this.store.transaction(async (tx) => {
      const found = await tx.proposals.find(proposalId);
      if (!found) throw notFound('Proposal');
      const { proposal } = found;
      const refusal = proposalRefusal('open_consultation', proposal, dutyActorIn(actor, proposal.orgId));
      if (refusal) throw refused(refusal);
      const topicId = await insertTopic(tx, actor, { orgId: proposal.orgId, ...body }, now);
      await tx.proposals.linkTopic(proposal.id, topicId, now);
      await tx.audit.append(proposalEntry(actor, proposal, 'proposal.consultation_opened', now, { topicId }));
      return topicId;
    });
  }

  edit(actor: Actor, proposalId: string, body: ProposalEditBody): Promise<ProposalDetail> {
    return this.changed(actor, proposalId, 'proposal.edited', (p, who) =>
      editProposal(p, who, {
        title: body.title ?? p.title,
        reasons: body.reasons ?? p.reasons,
        suggestions: body.suggestions ?? p.suggestions,
        category: body.category ?? p.category,
      }),
    );
  }

  /** The author invites a member of the proposal's organisation to co-sign. */
  async invite(actor: Actor, proposalId: string, userId: string): Promise<ProposalDetail> {
    return this.changed(
      actor,
      proposalId,
      'proposal.cosigner_invited',
      async (p, who, tx) => {
        const membership = await tx.memberships.find(p.orgId, userId);
        const role: DutyRole = membership?.active ? membership.role : 'observer';
        return inviteCosigner(p, who, { userId, role }, { now: this.now() });
      },
      { userId },
    );
  }

  /**
   * The author withdraws an invitation, or the invited member declines it; null when the one who
   * declined may no longer read the draft.
   */
  async removeCosigner(actor: Actor, proposalId: string, userId: string): Promise<ProposalDetail | null> {
    const saved = await this.apply(
      actor,
      proposalId,
      'proposal.cosigner_removed',
      (p, who) => (userId === actor.user.id ? declineCosign(p, who) : withdrawInvitation(p, who, userId)),
      { userId },
    );
    return (await mayReadProposal(this.store, actor, saved)) ? this.get(actor, proposalId) : null;
  }

  cosign(actor: Actor, proposalId: string): Promise<ProposalDetail> {
    return this.changed(actor, proposalId, 'proposal.cosigned', (p, who) => cosign(p, who, { now: this.now() }));
  }

  submit(actor: Actor, proposalId: string): Promise<ProposalDetail> {
    return this.changed(actor, proposalId, 'proposal.submitted', (p, who) =>
      submitProposal(p, who, { now: this.now() }),
    );
  }

  /**
   * The secretariat's review. An acceptance takes the organisation's next number of the year in the
   * same transaction, so that a refused review gives its number back; a merge names a proposal of
   * the same organisation that is still under consideration.
   */
  async review(actor: Actor, proposalId: string, body: ReviewBody): Promise<ProposalDetail> {
    const details = { decision: body.decision };
    return this.changed(
      actor,
      proposalId,
      'proposal.reviewed',
      async (p, who, tx) => {
        const departmentIds = [...(await tx.departments.ofOrg(p.orgId))].map((d) => d.id);
        if (body.decision === 'merged' && body.mergedInto && body.mergedInto !== p.id) {
          const target = await tx.proposals.find(body.mergedInto);
          const open = ['submitted', 'handling', 'replied'];
          if (!target || target.proposal.orgId !== p.orgId || !open.includes(target.proposal.status)) {
            throw invalidField('mergedInto', 'not a submitted or accepted proposal of this organisation');
          }
        }
        const today = this.today();
        const year = Number(today.slice(0, 4));
        const number =
          body.decision === 'accepted' && who.role === 'secretariat' && p.status === 'submitted'
            ? proposalNumber(year, await tx.proposals.nextNumber(p.orgId, year))
            : undefined;
        return reviewProposal(p, who, body, { now: this.now(), today, departmentIds, ...(number ? { number } : {}) });
      },
      details,
    );
  }

  reply(actor: Actor, proposalId: string, body: ReplyBody): Promise<ProposalDetail> {
    return this.changed(
      actor,
      proposalId,
      'proposal.replied',
      (p, who) => replyToProposal(p, who, body, { now: this.now() }),
      { departmentId: body.departmentId, classification: body.classification },
    );
  }

  assess(actor: Actor, proposalId: string, body: AssessmentBody): Promise<ProposalDetail> {
    return this.changed(
      actor,
      proposalId,
      'proposal.assessed',
      (p, who) => assessProposal(p, who, body, { now: this.now() }),
      { satisfaction: body.satisfaction },
    );
  }

  flag(actor: Actor, proposalId: string, key: boolean): Promise<ProposalDetail> {
    return this.changed(actor, proposalId, 'proposal.flagged', (p, who) => flagKeyProposal(p, who, key), { key });
  }

  /** One command, then the proposal as the actor now sees it. */
  private async changed(...command: Parameters<ProposalsService['apply']>): Promise<ProposalDetail> {
    const saved = await this.apply(...command);
    return this.get(command[0], saved.id);
  }

  /**
   * One command: load, check who may read it, ask the rules, save if the record is still the one
   * read (another node's change in between makes it try again from the new record), audit.
   */
  private async apply(
    actor: Actor,
    proposalId: string,
    action: AuditAction,
    rule: (p: Proposal, who: DutyActor, tx: Repositories) => DutyOutcome<Proposal> | Promise<DutyOutcome<Proposal>>,
    details: Record<string, unknown> = {},
  ): Promise<Proposal> {
    for (let attempt = 1; ; attempt++) {
      const saved = await this.store.transaction(async (tx) => {
        const found = await tx.proposals.find(proposalId);
        if (!found || !(await mayReadProposal(tx, actor, found.proposal))) throw notFound('Proposal');
        const changed = valueOf(await rule(found.proposal, dutyActorIn(actor, found.proposal.orgId), tx));
        const now = this.now();
        if (!(await tx.proposals.save(changed, found.version, now))) return null;
        await tx.audit.append(proposalEntry(actor, changed, action, now, details));
        const notices = proposalNotices(found.proposal, changed);
        return { changed, sent: await this.notify(tx, changed, notices, actor.user.id) };
      });
      if (saved) {
        await this.notifier.publish(saved.sent);
        return saved.changed;
      }
      if (attempt >= RETRIES) throw new DomainError('CONFLICT', 'The proposal changed meanwhile; try again');
    }
  }

  /** Stores the notices of a change in its transaction, to everyone they name but the one who acted. */
  private async notify(
    tx: Repositories,
    p: Proposal,
    notices: readonly ProposalNotice[],
    actorId: string | null,
    dedupe?: string,
  ): Promise<Sent[]> {
    const sent: Sent[] = [];
    for (const notice of notices) {
      const people = (await this.notifier.audience(tx, p.orgId, notice.to)).filter((id) => id !== actorId);
      sent.push(
        ...(await this.notifier.store(tx, {
          kind: notice.kind,
          subject: { type: 'proposal', id: p.id, title: p.title },
          data: notice.data,
          userIds: people,
          ...(dedupe ? { dedupe: `${dedupe}:${notice.kind}` } : {}),
        })),
      );
    }
    return sent;
  }

  private async readable(actor: Actor, proposalId: string) {
    const found = await this.store.proposals.find(proposalId);
    if (!found || !(await mayReadProposal(this.store, actor, found.proposal))) throw notFound('Proposal');
    return found;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** The committee's calendar day, as the rest of the server counts due dates. */
  private today(): string {
    return this.now().slice(0, 10);
  }
}

/**
 * A draft is its author's and invitees' alone; a submitted proposal is read by everyone who sees
 * its organisation. Someone who may not read it is told it does not exist.
 */
export async function mayReadProposal(repos: Pick<Repositories, 'tree'>, actor: Actor, p: Proposal): Promise<boolean> {
  if (p.status === 'draft') return p.authorId === actor.user.id || p.cosigners.some((c) => c.userId === actor.user.id);
  return canSeeOrg(actor, await repos.tree.chain(p.orgId));
}

function summary(row: ProposalRow, today: string) {
  const { sortKey: _key, authorId, authorName, leadReplied, ...rest } = row;
  return {
    ...rest,
    author: { id: authorId, displayName: authorName },
    overdue: isLate({ ...row, leadReplied }, today),
  };
}
