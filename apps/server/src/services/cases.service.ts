import * as Y from 'yjs';
import { sql } from 'kysely';
import type { AnswerDecision, RaterKind } from '@yishi/procedure';
import type { CaseDetail, CasesQuery, CaseSummary } from '@yishi/protocol';
import { canSeeOrg, type Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import { displayNames } from '../store/users.repo.js';
import { draftDocName } from '../yjs/doc-store.js';
import { draftBlocks } from './draft.service.js';
import { requireRole } from './topic-access.js';
import type { TopicRecord } from './topic-snapshot.js';
import type { TopicsDeps, TopicsService } from './topics.service.js';

/**
 * The case library: a closed topic published as a case keeps its title, summary, procedure timeline,
 * outcome, answer and ratings as they were. Cases are searchable by full text (Chinese included) and
 * by sector, level and year, and readable by the members of their organisation and those above it.
 */
export class CasesService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly topics: TopicsService,
  ) {}

  async publish(actor: Actor, topicId: string): Promise<CaseDetail> {
    const access = await this.deps.access.load(actor, topicId);
    requireRole(access, ['chair', 'secretariat'], 'publish a case');
    if (access.topic.stage !== 'closed')
      throw new DomainError('CONFLICT', 'Only a closed topic can be published as a case');
    const existing = await this.deps.db
      .selectFrom('cases')
      .select('id')
      .where('topicId', '=', topicId)
      .executeTakeFirst();
    if (existing) throw new DomainError('CONFLICT', 'This topic is already in the case library');
    const record = await this.topics.record(access);
    const detail = await this.build(record, actor);
    await this.deps.db
      .insertInto('cases')
      .values({
        id: detail.id,
        topicId,
        orgId: detail.orgId,
        year: detail.year,
        level: detail.level,
        sectors: JSON.stringify(detail.sectors),
        title: detail.title,
        detail: JSON.stringify(detail),
        searchText: searchText(detail),
        publishedBy: actor.user.id,
        publishedAt: detail.publishedAt,
      })
      .execute();
    this.deps.feed.changed(topicId);
    return detail;
  }

  async search(actor: Actor, query: CasesQuery): Promise<CaseSummary[]> {
    let q = this.deps.db.selectFrom('cases').select('detail');
    if (!actor.user.isAdmin) {
      const visible = await this.deps.tree.subtree(actor.memberships.map((m) => m.orgId));
      if (visible.length === 0) return [];
      q = q.where(
        'orgId',
        'in',
        visible.map((o) => o.id),
      );
    }
    if (query.q) {
      const phrase = query.q;
      // The trigram index answers phrases of three characters or more; shorter ones are scanned.
      q =
        [...phrase].length >= 3
          ? q.where(
              sql<boolean>`rowid in (select rowid from cases_fts where cases_fts match ${`"${phrase.replaceAll('"', '""')}"`})`,
            )
          : q.where('searchText', 'like', `%${phrase.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (query.sector) q = q.where('sectors', 'like', `%${JSON.stringify(query.sector)}%`);
    if (query.level) q = q.where('level', '=', query.level);
    if (query.year) q = q.where('year', '=', query.year);
    const rows = await q.orderBy('publishedAt', 'desc').execute();
    return rows.map((r) => summaryOf(JSON.parse(r.detail) as CaseDetail));
  }

  async get(actor: Actor, caseId: string): Promise<CaseDetail> {
    const row = await this.deps.db
      .selectFrom('cases')
      .select(['orgId', 'detail'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    if (!row) throw notFound('Case');
    if (!canSeeOrg(actor, await this.deps.tree.chain(row.orgId))) throw forbidden('You cannot read this case');
    return JSON.parse(row.detail) as CaseDetail;
  }

  private async build(record: TopicRecord, actor: Actor): Promise<CaseDetail> {
    const { topic } = record;
    const org = (await this.deps.orgs.findById(topic.orgId))!;
    const members = await this.deps.memberships.membersOf(topic.orgId);
    const memberOf = new Map(members.map((m) => [m.userId, m]));
    const names = await displayNames(this.deps.db, [
      ...record.transitions.map((t) => t.actorId),
      ...record.recipients,
      ...(record.answer ? [record.answer.answeredBy] : []),
      ...record.ratings.map((r) => r.ratedBy),
    ]);
    const person = (id: string) => ({ id, displayName: names.get(id) ?? memberOf.get(id)?.user.displayName ?? '?' });
    const participants = record.participants.map((p) => ({
      displayName: memberOf.get(p.userId)?.user.displayName ?? '?',
      sector: memberOf.get(p.userId)?.sector ?? null,
    }));
    const finalVersion = await this.deps.db
      .selectFrom('yjsVersions')
      .select('state')
      .where('docName', '=', draftDocName(topic.id))
      .where('kind', '=', 'final')
      .orderBy('createdAt', 'desc')
      .executeTakeFirst();
    const doc = new Y.Doc();
    if (finalVersion) Y.applyUpdate(doc, finalVersion.state);
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
      decision: (record.answer?.decision as AnswerDecision | undefined) ?? null,
      publishedAt: this.deps.clock.now().toISOString(),
      timeline: record.transitions.map((t) => ({
        from: t.fromStage as CaseDetail['timeline'][number]['from'],
        to: t.toStage as CaseDetail['timeline'][number]['to'],
        actor: person(t.actorId),
        reason: t.reason,
        at: t.at,
      })),
      outcome: {
        form: topic.outcomeForm,
        blocks: draftBlocks(doc),
        recipients: record.recipients.map(person),
        dueDate: topic.dueDate,
      },
      answer: record.answer
        ? {
            decision: record.answer.decision as AnswerDecision,
            measures: record.answer.measures,
            reason: record.answer.reason,
            answeredBy: person(record.answer.answeredBy),
            answeredAt: record.answer.answeredAt,
          }
        : null,
      ratings: record.ratings.map((r) => ({
        kind: r.kind as RaterKind,
        score: r.score,
        comment: r.comment,
        ratedBy: person(r.ratedBy),
      })),
      participants,
      publishedBy: { id: actor.user.id, displayName: actor.user.displayName },
    };
  }
}

function summaryOf(detail: CaseDetail): CaseSummary {
  const { timeline: _t, outcome: _o, answer: _a, ratings: _r, participants: _p, publishedBy: _b, ...summary } = detail;
  return summary;
}

function searchText(detail: CaseDetail): string {
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
