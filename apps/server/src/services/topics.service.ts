import { advance as advanceTopic, type Stage, type WaivableGate } from '@yishi/procedure';
import type {
  AdvanceBody,
  CreateTopicBody,
  ForwardBody,
  Role,
  TopicDetail,
  TopicsPage,
  TopicsQuery,
} from '@yishi/protocol';
import { forwardDirection, forwardRefusal } from '../auth/levels.js';
import { canSeeOrg, rolesOver, type Actor } from '../auth/policy.js';
import { newId, type Clock } from '../deps.js';
import { DomainError, forbidden, invalidField, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { Repositories, Store } from '../store/store.js';
import type { TopicRow } from '../store/topics.repo.js';
import { draftDocName } from './draft-doc.js';
import type { TopicAccess, TopicAccessLoader } from './topic-access.js';
import { loadTopicRecord, toSnapshot, type TopicRecord } from './topic-snapshot.js';
import type { Notifier } from './notifier.js';
import { readPage } from './pages.js';
import { mayForward, namedIn, topicDetail, topicSummary } from './topic-view.js';
import { visibleOrgIds } from './visible-orgs.js';

export interface TopicsDeps {
  store: Store;
  access: TopicAccessLoader;
  events: EventBus;
  clock: Clock;
}

/** The organisation roles that may propose a topic. */
const PROPOSERS: readonly Role[] = ['member', 'chair', 'secretariat'];

/** Topics: proposing, listing, reading, and moving them through the procedure's stages. */
export class TopicsService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly notifier: Notifier,
  ) {}

  /** Members, the chair and the secretariat of an organisation (or above it) propose topics. */
  async create(actor: Actor, body: CreateTopicBody): Promise<TopicDetail> {
    const chain = await this.deps.store.tree.chain(body.orgId);
    if (chain.length === 0)
      throw new DomainError('VALIDATION', 'Invalid request body', [{ path: 'orgId', message: 'no such organisation' }]);
    const roles = rolesOver(actor, chain);
    if (!PROPOSERS.some((role) => roles.has(role))) {
      throw forbidden('Only members, the chair and the secretariat may propose topics');
    }
    const now = this.deps.clock.now().toISOString();
    const id = await this.deps.store.transaction((tx) => insertTopic(tx, actor, body, now));
    return this.get(actor, id);
  }

  /** A page of the topics of the organisations the actor can see (theirs and below), filtered. */
  async list(actor: Actor, query: TopicsQuery): Promise<TopicsPage> {
    if (query.orgId) {
      const chain = await this.deps.store.tree.chain(query.orgId);
      if (!canSeeOrg(actor, chain)) throw forbidden('You are not a member of this organisation');
    }
    const { store } = this.deps;
    const filter = {
      orgIds: await visibleOrgIds(store, actor),
      orgId: query.orgId,
      stage: query.stage,
      year: query.year,
      tag: query.tag,
    };
    const { items, next, total } = await readPage(
      { name: 'topics', shape: ['string', 'string'] },
      query,
      (start) => Promise.all([store.topics.page(filter, start, query.limit), store.topics.count(filter)]),
      (t) => [t.updatedAt, t.id],
    );
    const [names, orgs] = await Promise.all([
      store.users.displayNames(items.map((t) => t.proposerId)),
      store.orgs.named(items.map((t) => t.orgId)),
    ]);
    return { topics: items.map((t) => topicSummary(t, orgs.get(t.orgId)!, names)), next, total };
  }

  async get(actor: Actor, topicId: string): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    return this.detail(access, await this.record(access));
  }

  /**
   * The chair or secretariat forwards the topic to the parent organisation (上报) or a child (交办):
   * a new topic there in `proposed`, with the title, summary and tags, linked to this one by a hop
   * that carries the note; its provenance is every hop that brought it. Both are written in one
   * transaction with the audit entries of both organisations. Returns the dossier as the forwarder
   * sees it (they see it: it passed through their organisation).
   */
  async forward(actor: Actor, topicId: string, body: ForwardBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    if (!mayForward(access)) {
      throw forbidden(
        access.topic.stage === 'withdrawn'
          ? 'A withdrawn topic is not forwarded'
          : 'Only the chair or the secretariat forwards a topic',
      );
    }
    const { store } = this.deps;
    const toChain = await store.tree.chain(body.toOrgId);
    if (toChain.length === 0) throw invalidField('toOrgId', 'no such organisation');
    const refusal = forwardRefusal(access.chain, toChain);
    if (refusal === 'same_org') throw invalidField('toOrgId', 'the topic is in this organisation already');
    const direction = forwardDirection(access.chain, toChain);
    if (refusal || !direction) throw invalidField('toOrgId', 'only to the parent organisation or one of its children');
    const topic = access.topic;
    const toOrg = await store.orgs.findById(body.toOrgId);
    const now = this.deps.clock.now().toISOString();
    const fromOrg = await store.orgs.findById(topic.orgId);
    const { dossierId, sent } = await store.transaction(async (tx) => {
      const created = { orgId: body.toOrgId, title: topic.title, summary: topic.summary, tags: topic.tags };
      const id = await insertTopic(tx, actor, created, now);
      await tx.forwards.insert({
        id: newId(),
        fromTopicId: topic.id,
        toTopicId: id,
        fromOrgId: topic.orgId,
        toOrgId: body.toOrgId,
        direction,
        forwardedBy: actor.user.id,
        forwardedAt: now,
        note: body.note,
      });
      await tx.audit.append({
        log: topic.orgId,
        at: now,
        actorId: actor.user.id,
        action: 'topic.forwarded',
        subject: { type: 'topic', id: topic.id },
        details: { title: topic.title, toOrgId: body.toOrgId, toOrgName: toOrg?.name ?? '', direction, dossierId: id },
      });
      // The receiving organisation's chairs and secretariat are asked to take it up.
      const people = await tx.memberships.holding(body.toOrgId, ['chair', 'secretariat']);
      const stored = await this.notifier.store(tx, {
        kind: 'topic_forwarded',
        subject: { type: 'topic', id, title: topic.title },
        data: { org: fromOrg?.name ?? '', direction },
        userIds: people.filter((userId) => userId !== actor.user.id),
      });
      return { dossierId: id, sent: stored };
    });
    await this.notifier.publish(sent);
    await this.deps.events.emit('topic.changed', { topicId: topic.id });
    return this.get(actor, dossierId);
  }

  /** Moves the topic to another stage, if the procedure allows it; records the transition. */
  async advance(actor: Actor, topicId: string, body: AdvanceBody): Promise<TopicDetail> {
    const access = await this.deps.access.load(actor, topicId);
    await this.advanceWith(access, body.to, body.reason ?? null, undefined, body.waive ?? []);
    return this.get(actor, topicId);
  }

  /**
   * The procedure's check and the stored transition. A route that advances as the effect of a fact
   * (an answer moves the topic to feedback) passes `with`: the fact is added to the record the gates
   * read, and written in the same transaction as the move, so that both happen or neither.
   */
  async advanceWith(
    access: TopicAccess,
    to: Stage,
    reason: string | null,
    fact?: { add(record: TopicRecord): TopicRecord; write(tx: Repositories): Promise<void> },
    waive: readonly WaivableGate[] = [],
  ): Promise<void> {
    const loaded = await this.record(access);
    const record = fact ? fact.add(loaded) : loaded;
    const now = this.deps.clock.now().toISOString();
    const result = advanceTopic(toSnapshot(record), to, access.procedureActor, now, reason, waive);
    if (!result.ok) {
      const { code, message, unmet } = result.error;
      throw new DomainError(code, message, unmet ? { unmet } : undefined);
    }
    const topic = access.topic;
    const changed = result.events[0]?.type === 'stage_changed' ? result.events[0] : undefined;
    const waived = changed?.waived ?? [];
    const frozen = result.events.some((e) => e.type === 'draft_frozen');
    await this.deps.store.transaction(async (tx) => {
      await fact?.write(tx);
      const newRound = result.events.some((e) => e.type === 'round_started');
      if (!(await tx.topics.moveStage(topic.id, topic.stage, to, now, newRound))) {
        throw new DomainError('CONFLICT', 'The topic changed meanwhile; reload and try again');
      }
      await tx.topics.insertTransition({
        id: newId(),
        topicId: topic.id,
        from: topic.stage,
        to,
        actorId: access.actor.user.id,
        reason: changed ? changed.reason : reason,
        at: now,
        waived,
      });
      if (to === 'withdrawn') await tx.meetings.endOpenMeetings(topic.id, now);
      await tx.audit.append({
        log: topic.orgId,
        at: now,
        actorId: access.actor.user.id,
        action: 'topic.stage',
        subject: { type: 'topic', id: topic.id },
        details: {
          from: topic.stage,
          to,
          round: topic.round,
          ...(reason ? { reason } : {}),
          ...(waived.length > 0 ? { waived } : {}),
        },
      });
      if (frozen) {
        // Read inside the transaction: no update can land between this state and the stage change.
        await tx.docs.insertVersion({
          docName: draftDocName(topic.id),
          name: `final (round ${topic.round})`,
          kind: 'final',
          state: await tx.docs.encodeState(draftDocName(topic.id)),
          createdBy: access.actor.user.id,
          now,
        });
      }
    });
    await this.deps.events.emit('topic.stageChanged', { topic, from: topic.stage, to, actorId: access.actor.user.id });
    await this.deps.events.emit('topic.changed', { topicId: topic.id });
  }

  async record(access: TopicAccess): Promise<TopicRecord> {
    const settings = await this.deps.access.settings(access.topic.orgId);
    return loadTopicRecord(this.deps.store, access.topic, settings);
  }

  private async detail(access: TopicAccess, record: TopicRecord): Promise<TopicDetail> {
    const org = await this.deps.store.orgs.findById(access.topic.orgId);
    if (!org) throw notFound('Organisation');
    const [members, names, targets] = await Promise.all([
      this.deps.store.memberships.membersOf(org.id),
      this.deps.store.users.displayNames(namedIn(record)),
      this.forwardTargets(access),
    ]);
    return { ...topicDetail(record, access, org, members, names), forwardTargets: targets };
  }

  /** Where the actor may forward the topic: the parent organisation, then the children; none when they may not. */
  private async forwardTargets(access: TopicAccess): Promise<TopicDetail['forwardTargets']> {
    if (!mayForward(access)) return [];
    const parentId = access.chain[1];
    const [parent, children] = await Promise.all([
      parentId ? this.deps.store.orgs.findById(parentId) : undefined,
      this.deps.store.orgs.children(access.topic.orgId),
    ]);
    return [
      ...(parent ? [{ id: parent.id, name: parent.name, direction: 'up' as const }] : []),
      ...children.map((child) => ({ id: child.id, name: child.name, direction: 'down' as const })),
    ];
  }
}

/**
 * A new topic in `proposed`, proposed by `actor`, and its audit entry, written in `tx`; returns its
 * id. Whoever calls it has checked that the actor may propose it.
 */
export async function insertTopic(tx: Repositories, actor: Actor, body: CreateTopicBody, now: string): Promise<string> {
  const id = newId();
  const insert: TopicRow = {
    id,
    orgId: body.orgId,
    title: body.title,
    summary: body.summary,
    tags: [...new Set(body.tags ?? [])],
    stage: 'proposed',
    proposerId: actor.user.id,
    round: 1,
    outcomeForm: null,
    dueDate: null,
    partyContactId: null,
    createdAt: now,
    updatedAt: now,
  };
  await tx.topics.insert(insert);
  await tx.audit.append({
    log: body.orgId,
    at: now,
    actorId: actor.user.id,
    action: 'topic.created',
    subject: { type: 'topic', id },
    details: { title: body.title },
  });
  return id;
}
