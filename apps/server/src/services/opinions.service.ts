import {
  compileBulletin,
  convertToOpinion,
  editOpinion,
  handleOpinion,
  nextOpinionActions,
  opinionInputFromProposal,
  opinionNotices,
  recordInstruction,
  submitOpinion,
  type Bulletin,
  type DutyActor,
  type DutyOutcome,
  type Opinion,
  type OpinionNotice,
} from '@yishi/duty';
import type {
  AuditAction,
  BulletinBody,
  BulletinDetail,
  BulletinsPage,
  BulletinsQuery,
  HandleOpinionBody,
  InstructionBody,
  OpinionBody,
  OpinionDetail,
  OpinionEditBody,
  OpinionsPage,
  OpinionsQuery,
} from '@yishi/protocol';
import { canReadAllOpinions, type Actor } from '../auth/policy.js';
import { newId, type Clock } from '../deps.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import type { AuditRecord } from '../store/audit.repo.js';
import { opinionFilter, type BulletinRow, type OpinionRow } from '../store/opinions.repo.js';
import type { Repositories, Store } from '../store/store.js';
import { dayOf, yearOf } from './committee-calendar.js';
import { dutyActorIn, valueOf } from './duty-outcome.js';
import type { Notifier, Sent } from './notifier.js';
import type { OrgsService } from './orgs.service.js';
import { readPage } from './pages.js';
import { mayReadProposal } from './proposals.service.js';

/** How many times a change computed from a record that another node saved meanwhile is tried again. */
const RETRIES = 3;

const entry = (
  actor: Actor,
  orgId: string,
  subject: { type: 'opinion' | 'bulletin' | 'proposal'; id: string },
  action: AuditAction,
  at: string,
  details: Record<string, unknown>,
): AuditRecord => ({ log: orgId, at, actorId: actor.user.id, action, subject, details });

/** A report of a bulletin was saved by someone else since it was read: the transaction rolls back. */
class StaleReport extends Error {}

/** A bulletin's number: the organisation's `n`th of the year, such as `2026-03`. */
export const bulletinNumber = (year: number, n: number) => `${year}-${String(n).padStart(2, '0')}`;

/**
 * Public-opinion reports (社情民意信息) and bulletins (专报), docs/design.md §6. Every command loads
 * the record, asks the rules of `@yishi/duty` with who is acting, and saves what they return if
 * nobody saved in between; the audit entry and the author's notifications go in the same
 * transaction, and the notifications are pushed after it commits.
 */
export class OpinionsService {
  constructor(
    private readonly store: Store,
    private readonly orgs: OrgsService,
    private readonly clock: Clock,
    private readonly notifier: Notifier,
  ) {}

  /** A member submits a report to their organisation. */
  async submit(actor: Actor, orgId: string, body: OpinionBody): Promise<OpinionDetail> {
    await this.orgs.visibleChain(actor, orgId);
    const now = this.now();
    const opinion = valueOf(submitOpinion(body, { id: newId(), orgId, actor: dutyActorIn(actor, orgId), now }));
    const sent = await this.store.transaction(async (tx) => {
      await tx.opinions.insert(opinion, now);
      await tx.audit.append(opinionEntry(actor, opinion, 'opinion.submitted', now));
      return this.notify(tx, opinion, opinionNotices(null, opinion), actor.user.id);
    });
    await this.notifier.publish(sent);
    return this.get(actor, opinion.id);
  }

  /**
   * The author of a proposal that was not accepted turns it into a report, once, with their
   * consent (they ask for it): the report is submitted with the proposal's title, category, reasons
   * and suggestions, and the two are linked, in one transaction.
   */
  async fromProposal(actor: Actor, proposalId: string): Promise<OpinionDetail> {
    const now = this.now();
    const opinionId = newId();
    const sent = await this.store.transaction(async (tx) => {
      const found = await tx.proposals.find(proposalId);
      if (!found || !(await mayReadProposal(tx, actor, found.proposal))) throw notFound('Proposal');
      const who = dutyActorIn(actor, found.proposal.orgId);
      const proposal = valueOf(convertToOpinion(found.proposal, who, { opinionId }));
      const opinion = valueOf(
        submitOpinion(opinionInputFromProposal(proposal), {
          id: opinionId,
          orgId: proposal.orgId,
          actor: who,
          now,
          fromProposalId: proposal.id,
        }),
      );
      if (!(await tx.proposals.save(proposal, found.version, now))) {
        throw new DomainError('CONFLICT', 'The proposal changed meanwhile; try again');
      }
      await tx.opinions.insert(opinion, now);
      const details = { title: proposal.title, opinionId };
      await tx.audit.append(
        entry(actor, proposal.orgId, { type: 'proposal', id: proposal.id }, 'proposal.converted', now, details),
      );
      await tx.audit.append(opinionEntry(actor, opinion, 'opinion.submitted', now, { fromProposalId: proposal.id }));
      return this.notify(tx, opinion, opinionNotices(null, opinion), actor.user.id);
    });
    await this.notifier.publish(sent);
    return this.get(actor, opinionId);
  }

  /** A page of the organisation's reports: all of them for its secretariat and chairs, a member's own for a member. */
  async list(actor: Actor, orgId: string, query: OpinionsQuery): Promise<OpinionsPage> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    const all = canReadAllOpinions(actor, chain);
    if (!all && dutyActorIn(actor, orgId).role !== 'member') {
      throw forbidden('Only members, the secretariat and the chairs read opinion reports');
    }
    const filter = opinionFilter(orgId, query, all && !query.mine ? undefined : actor.user.id);
    const { opinions } = this.store;
    const { items, next, total } = await readPage(
      { name: 'opinions', shape: ['string', 'string'] },
      query,
      (start) => Promise.all([opinions.page(filter, start, query.limit), opinions.count(filter)]),
      (row) => row.sortKey,
    );
    return { opinions: items.map(opinionSummary), next, total };
  }

  async get(actor: Actor, opinionId: string): Promise<OpinionDetail> {
    const { opinion, updatedAt } = await this.readable(this.store, actor, opinionId);
    const [people, bulletins, proposal] = await Promise.all([
      this.store.users.displayNames([
        opinion.authorId,
        ...(opinion.handledBy ? [opinion.handledBy] : []),
        ...(opinion.editedBy ? [opinion.editedBy] : []),
        ...opinion.instructions.map((i) => i.recordedBy),
      ]),
      this.store.opinions.bulletinRefs(opinion.bulletinIds),
      opinion.fromProposalId ? this.store.proposals.find(opinion.fromProposalId) : undefined,
    ]);
    return {
      ...opinion,
      names: { people: Object.fromEntries(people) },
      bulletins,
      fromProposal: proposal ? { id: proposal.proposal.id, title: proposal.proposal.title } : null,
      actions: nextOpinionActions(opinion, dutyActorIn(actor, opinion.orgId)),
      updatedAt,
    };
  }

  edit(actor: Actor, opinionId: string, body: OpinionEditBody): Promise<OpinionDetail> {
    return this.changed(actor, opinionId, 'opinion.edited', (o, who) =>
      editOpinion(
        o,
        who,
        { title: body.title ?? o.title, body: body.body ?? o.body, category: body.category ?? o.category },
        { now: this.now() },
      ),
    );
  }

  handle(actor: Actor, opinionId: string, body: HandleOpinionBody): Promise<OpinionDetail> {
    return this.changed(
      actor,
      opinionId,
      'opinion.handled',
      (o, who) => handleOpinion(o, who, body, { now: this.now() }),
      { decision: body.decision },
    );
  }

  instruct(actor: Actor, opinionId: string, body: InstructionBody): Promise<OpinionDetail> {
    return this.changed(
      actor,
      opinionId,
      'opinion.instruction_recorded',
      (o, who) => recordInstruction(o, who, body, { now: this.now(), today: this.today() }),
      { by: body.by },
    );
  }

  /**
   * The secretariat compiles adopted reports into a bulletin, numbered as the organisation's next
   * of the year; the bulletin, each report now naming it, the audit entry and the authors'
   * notifications are one transaction: a refusal or a report another node changed meanwhile rolls
   * all of it back (the number too), and the latter tries again from the reports as they are now.
   */
  async compile(actor: Actor, orgId: string, body: BulletinBody): Promise<BulletinDetail> {
    await this.orgs.visibleChain(actor, orgId);
    const who = dutyActorIn(actor, orgId);
    for (let attempt = 1; ; attempt++) {
      let saved: { bulletin: Bulletin; sent: Sent[] };
      try {
        saved = await this.store.transaction(async (tx) => {
          const found = await tx.opinions.findMany(body.opinionIds);
          const opinions = found.map((f) => f.opinion);
          const now = this.now();
          const year = yearOf(this.clock.now());
          const number = bulletinNumber(year, await tx.opinions.nextBulletinNumber(orgId, year));
          const { bulletin, opinions: included } = valueOf(
            compileBulletin(body, opinions, { now, id: newId(), orgId, actor: who, number }),
          );
          for (const opinion of included) {
            const version = found.find((f) => f.opinion.id === opinion.id)!.version;
            if (!(await tx.opinions.save(opinion, version, now))) throw new StaleReport();
          }
          await tx.opinions.insertBulletin(bulletin);
          await tx.audit.append(
            entry(actor, orgId, { type: 'bulletin', id: bulletin.id }, 'bulletin.compiled', now, {
              title: bulletin.title,
              number,
              opinions: bulletin.opinionIds.length,
            }),
          );
          const sent: Sent[] = [];
          for (const opinion of included) {
            const before = opinions.find((o) => o.id === opinion.id)!;
            const notices = opinionNotices(before, opinion, [bulletin]);
            sent.push(...(await this.notify(tx, opinion, notices, actor.user.id)));
          }
          return { bulletin, sent };
        });
      } catch (error) {
        if (!(error instanceof StaleReport)) throw error;
        if (attempt >= RETRIES) throw new DomainError('CONFLICT', 'A report changed meanwhile; try again');
        continue;
      }
      await this.notifier.publish(saved.sent);
      return this.bulletin(actor, saved.bulletin.id);
    }
  }

  async bulletins(actor: Actor, orgId: string, query: BulletinsQuery): Promise<BulletinsPage> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (!canReadAllOpinions(actor, chain)) throw forbidden('Only the secretariat and the chairs read bulletins');
    const { opinions } = this.store;
    const { items, next, total } = await readPage(
      { name: 'bulletins', shape: ['string', 'string'] },
      query,
      (start) =>
        Promise.all([
          opinions.bulletinsPage(orgId, query.year, start, query.limit),
          opinions.bulletinCount(orgId, query.year),
        ]),
      (row) => row.sortKey,
    );
    return { bulletins: items.map(bulletinSummary), next, total };
  }

  /** A bulletin with its reports whole, in its order; read by those who read all the organisation's reports. */
  async bulletin(actor: Actor, bulletinId: string): Promise<BulletinDetail> {
    const bulletin = await this.store.opinions.findBulletin(bulletinId);
    if (!bulletin || !(await this.readsAll(this.store, actor, bulletin.orgId))) throw notFound('Bulletin');
    const found = await this.store.opinions.findMany(bulletin.opinionIds);
    const byId = new Map(found.map((f) => [f.opinion.id, f.opinion]));
    const opinions = bulletin.opinionIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const names = await this.store.users.displayNames([bulletin.compiledBy, ...opinions.map((o) => o.authorId)]);
    return {
      ...bulletin,
      opinions: opinions.map((o) => ({ ...o, authorName: names.get(o.authorId) ?? '' })),
      compiledByName: names.get(bulletin.compiledBy) ?? '',
    };
  }

  /** One command, then the report as the actor now sees it. */
  private async changed(...command: Parameters<OpinionsService['apply']>): Promise<OpinionDetail> {
    const saved = await this.apply(...command);
    return this.get(command[0], saved.id);
  }

  /**
   * One command: load, check who may read it, ask the rules, save if the record is still the one
   * read (another node's change in between makes it try again from the new record), audit, notify.
   */
  private async apply(
    actor: Actor,
    opinionId: string,
    action: AuditAction,
    rule: (o: Opinion, who: DutyActor) => DutyOutcome<Opinion>,
    details: Record<string, unknown> = {},
  ): Promise<Opinion> {
    for (let attempt = 1; ; attempt++) {
      const saved = await this.store.transaction(async (tx) => {
        const found = await this.readable(tx, actor, opinionId);
        const changed = valueOf(rule(found.opinion, dutyActorIn(actor, found.opinion.orgId)));
        const now = this.now();
        if (!(await tx.opinions.save(changed, found.version, now))) return null;
        await tx.audit.append(opinionEntry(actor, changed, action, now, details));
        const notices = opinionNotices(found.opinion, changed);
        return { changed, sent: await this.notify(tx, changed, notices, actor.user.id) };
      });
      if (saved) {
        await this.notifier.publish(saved.sent);
        return saved.changed;
      }
      if (attempt >= RETRIES) throw new DomainError('CONFLICT', 'The report changed meanwhile; try again');
    }
  }

  /** Stores the notices of a change in its transaction, to everyone they name but the one who acted. */
  private async notify(
    tx: Repositories,
    o: Opinion,
    notices: readonly OpinionNotice[],
    actorId: string,
  ): Promise<Sent[]> {
    const sent: Sent[] = [];
    for (const notice of notices) {
      const people = (await this.notifier.audience(tx, o.orgId, notice.to)).filter((id) => id !== actorId);
      sent.push(
        ...(await this.notifier.store(tx, {
          kind: notice.kind,
          subject: { type: 'opinion', id: o.id, title: o.title },
          data: notice.data,
          userIds: people,
        })),
      );
    }
    return sent;
  }

  /** The report, if the actor may read it: its author, or one who reads all of its organisation's; else not found. */
  private async readable(repos: Repositories, actor: Actor, opinionId: string) {
    const found = await repos.opinions.find(opinionId);
    if (!found) throw notFound('Opinion report');
    const { opinion } = found;
    if (opinion.authorId !== actor.user.id && !(await this.readsAll(repos, actor, opinion.orgId))) {
      throw notFound('Opinion report');
    }
    return found;
  }

  private async readsAll(repos: Pick<Repositories, 'tree'>, actor: Actor, orgId: string): Promise<boolean> {
    return canReadAllOpinions(actor, await repos.tree.chain(orgId));
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** The committee's calendar day: an instruction dated today in Beijing is not in the future. */
  private today(): string {
    return dayOf(this.clock.now());
  }
}

function opinionEntry(
  actor: Actor,
  o: Opinion,
  action: AuditAction,
  at: string,
  details: Record<string, unknown> = {},
): AuditRecord {
  return entry(actor, o.orgId, { type: 'opinion', id: o.id }, action, at, { title: o.title, ...details });
}

function opinionSummary(row: OpinionRow) {
  const { sortKey: _key, ...rest } = row;
  return rest;
}

function bulletinSummary(row: BulletinRow) {
  const { sortKey: _key, ...rest } = row;
  return rest;
}
