import * as Y from 'yjs';
import type { CaseDetail, CasesPage, CasesQuery } from '@yishi/protocol';
import { canSeeOrg, type Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import { topicCitations } from './citations.js';
import { draftDocName } from './draft-doc.js';
import { draftBlocks } from './draft.service.js';
import { readPage } from './pages.js';
import { requireCapability } from './topic-access.js';
import { visibleOrgIds } from './visible-orgs.js';
import { topicEntry } from './audit.service.js';
import type { TopicRecord } from './topic-snapshot.js';
import type { TopicsDeps, TopicsService } from './topics.service.js';

/**
 * The case library: a closed topic published as a case keeps its title, summary, procedure timeline,
 * outcome (with the sources its paragraphs cite), answer and ratings as they were. Cases are
 * searchable by full text (Chinese included) and by sector, level and year, and readable by the
 * members of their organisation and those above it.
 */
export class CasesService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly topics: TopicsService,
  ) {}

  async publish(actor: Actor, topicId: string): Promise<CaseDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'publishCase');
    const already = () => new DomainError('CONFLICT', 'This topic is already in the case library');
    if (await this.deps.store.cases.idForTopic(topicId)) throw already();
    const record = await this.topics.record(access);
    const detail = await this.build(record, actor);
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.cases.insert(detail, searchText(detail), actor.user.id))) throw already();
      const details = { caseId: detail.id, title: detail.title };
      await tx.audit.append(topicEntry(access, 'case.published', detail.publishedAt, details));
    });
    await this.deps.events.emit('topic.changed', { topicId: topicId });
    return detail;
  }

  /**
   * A page of the cases the actor may read (their organisations' and those below), matching the
   * query: those whose title holds every word first, then the newest; with the number that match.
   */
  async search(actor: Actor, query: CasesQuery): Promise<CasesPage> {
    const orgIds = await visibleOrgIds(this.deps.store, actor);
    const filter = { orgIds, words: query.q, sector: query.sector, level: query.level, year: query.year };
    const { items, next, total } = await readPage(
      { name: 'cases', shape: ['number', 'string', 'string'] },
      query,
      async (start) => {
        const { rows, total } = await this.deps.store.cases.search(filter, start, query.limit);
        return [rows, total];
      },
      (row) => row.key,
    );
    return { cases: items.map((row) => row.summary), next, total };
  }

  async get(actor: Actor, caseId: string): Promise<CaseDetail> {
    const found = await this.deps.store.cases.find(caseId);
    if (!found) throw notFound('Case');
    if (!canSeeOrg(actor, await this.deps.store.tree.chain(found.orgId))) throw forbidden('You cannot read this case');
    return found.detail;
  }

  private async build(record: TopicRecord, actor: Actor): Promise<CaseDetail> {
    const { topic } = record;
    const org = (await this.deps.store.orgs.findById(topic.orgId))!;
    const members = await this.deps.store.memberships.membersOf(topic.orgId);
    const memberOf = new Map(members.map((m) => [m.userId, m]));
    const names = await this.deps.store.users.displayNames([
      ...record.transitions.map((t) => t.actorId),
      ...(record.answer ? [record.answer.answeredBy] : []),
      ...record.ratings.map((r) => r.ratedBy),
    ]);
    const person = (id: string) => ({ id, displayName: names.get(id) ?? memberOf.get(id)?.user.displayName ?? '?' });
    const participants = record.participants.map((p) => ({
      displayName: memberOf.get(p.userId)?.user.displayName ?? '?',
      sector: memberOf.get(p.userId)?.sector ?? null,
    }));
    const doc = (await this.deps.store.docs.finalVersion(draftDocName(topic.id)))?.doc ?? new Y.Doc();
    const blocks = draftBlocks(doc);
    return {
      id: newId(),
      topicId: topic.id,
      orgId: org.id,
      orgName: org.name,
      level: org.level,
      title: topic.title,
      summary: topic.summary,
      tags: topic.tags,
      sectors: [...new Set(participants.map((p) => p.sector).filter((s): s is string => s !== null))],
      year: new Date(topic.createdAt).getUTCFullYear(),
      form: topic.outcomeForm,
      decision: record.answer?.decision ?? null,
      publishedAt: this.deps.clock.now().toISOString(),
      timeline: record.transitions.map((t) => ({
        from: t.fromStage,
        to: t.toStage,
        actor: person(t.actorId),
        reason: t.reason,
        at: t.at,
      })),
      outcome: {
        form: topic.outcomeForm,
        blocks,
        citations: await topicCitations(this.deps.store, topic.id, blocks),
        recipients: record.recipients,
        dueDate: topic.dueDate,
      },
      answer: record.answer
        ? {
            decision: record.answer.decision,
            measures: record.answer.measures,
            reason: record.answer.reason,
            answeredBy: person(record.answer.answeredBy),
            answeredAt: record.answer.answeredAt,
          }
        : null,
      ratings: record.ratings.map((r) => ({
        kind: r.kind,
        score: r.score,
        comment: r.comment,
        ratedBy: person(r.ratedBy),
      })),
      participants,
      publishedBy: { id: actor.user.id, displayName: actor.user.displayName },
    };
  }
}

/** The text the case library searches for a case: its words as published, one field a line. */
export function searchText(detail: CaseDetail): string {
  return [
    detail.title,
    detail.summary,
    detail.tags.join(' '),
    ...detail.outcome.blocks.map((b) => b.text),
    detail.answer?.measures ?? '',
    detail.answer?.reason ?? '',
    ...detail.ratings.map((r) => r.comment),
  ].join('\n');
}
