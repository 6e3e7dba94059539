import {
  AnswerDecisions,
  OutcomeForms,
  RaterKinds,
  Stages,
  type AnswerDecision,
  type OutcomeForm,
  type RaterKind,
  type Stage,
  type WaivableGate,
} from '@yishi/procedure';
import { storedStrings, storedWaivedGates, type DepartmentRef } from '@yishi/protocol';
import { sql } from 'kysely';
import { after } from './keyset.js';
import { readEnum, readJson } from './stored.js';
import type { Db, Dialect } from './db.js';
import type { TopicsTable } from './schema.js';

export type TopicRow = Omit<TopicsTable, 'tags' | 'stage' | 'outcomeForm'> & {
  tags: string[];
  stage: Stage;
  outcomeForm: OutcomeForm | null;
};

function toTopic(row: TopicsTable): TopicRow {
  return {
    ...row,
    tags: readJson(storedStrings, row.tags, `tags of topic ${row.id}`),
    stage: readEnum(Stages, row.stage, `stage of topic ${row.id}`),
    outcomeForm: row.outcomeForm === null ? null : readEnum(OutcomeForms, row.outcomeForm, `form of topic ${row.id}`),
  };
}

export interface TopicFilter {
  orgIds: readonly string[] | 'all';
  orgId?: string | undefined;
  stage?: Stage | undefined;
  year?: number | undefined;
  /** Topics that carry this tag, exactly. */
  tag?: string | undefined;
}

/** Where a page of topics starts: after the topic last changed at `updatedAt` with this id. */
export type TopicKey = readonly [updatedAt: string, id: string];

/** Topics and their own rows: vetting, participants, research, outcome, answers, ratings, history. */
export class TopicsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async insert(topic: TopicRow): Promise<void> {
    await this.db
      .insertInto('topics')
      .values({ ...topic, tags: JSON.stringify(topic.tags) })
      .execute();
  }

  async find(id: string): Promise<TopicRow | undefined> {
    const row = await this.db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTopic(row);
  }

  /**
   * The topic's stage, read as the last check before a write that the stage allows: on PostgreSQL
   * the row is share-locked until the transaction ends, so that a stage change on another node
   * waits for this write, or this read waits for that change and sees the new stage.
   */
  async stageForWrite(id: string): Promise<Stage | undefined> {
    const row = await this.db
      .selectFrom('topics')
      .select('stage')
      .where('id', '=', id)
      .$if(this.dialect.kind === 'postgres', (q) => q.forShare())
      .executeTakeFirst();
    return row && readEnum(Stages, row.stage, `stage of topic ${id}`);
  }

  /**
   * Up to `limit` + 1 topics after `start`, the most recently changed first (the extra one says
   * there is a next page). A topic changed while someone pages moves to the front of the list.
   */
  async page(filter: TopicFilter, start: TopicKey | undefined, limit: number): Promise<TopicRow[]> {
    let query = this.matching(filter).selectAll();
    if (start) query = query.where(after([sql.ref('updated_at'), sql.ref('id')], start));
    const rows = await query
      .orderBy('updatedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map(toTopic);
  }

  /** The titles of those of these topics that belong to `orgId`, by id. */
  async titlesIn(orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('topics')
      .select(['id', 'title'])
      .where('orgId', '=', orgId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  async count(filter: TopicFilter): Promise<number> {
    const row = await this.matching(filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The topics the filter matches (none when it allows no organisation). */
  private matching(filter: TopicFilter) {
    let query = this.db.selectFrom('topics');
    if (filter.orgIds !== 'all') query = query.where('orgId', 'in', filter.orgIds.length > 0 ? filter.orgIds : ['']);
    if (filter.orgId) query = query.where('orgId', '=', filter.orgId);
    if (filter.stage) query = query.where('stage', '=', filter.stage);
    if (filter.year) {
      query = query
        .where('createdAt', '>=', `${filter.year}-01-01`)
        .where('createdAt', '<', `${filter.year + 1}-01-01`);
    }
    const tag = filter.tag;
    if (tag !== undefined) {
      query = query.where(
        this.dialect.kind === 'postgres'
          ? sql<boolean>`topics.tags::jsonb @> jsonb_build_array(${tag}::text)`
          : sql<boolean>`exists (select 1 from json_each(topics.tags) where value = ${tag})`,
      );
    }
    return query;
  }

  /**
   * Moves the topic from `from` to `to` only if it is still in `from`, so that two racing
   * transitions cannot both pass; false when someone else moved it first.
   */
  async moveStage(id: string, from: Stage, to: Stage, now: string, newRound: boolean): Promise<boolean> {
    const result = await this.db
      .updateTable('topics')
      .set((eb) => ({
        stage: to,
        updatedAt: now,
        ...(newRound ? { round: eb('round', '+', 1) } : {}),
      }))
      .where('id', '=', id)
      .where('stage', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async touch(id: string, now: string): Promise<void> {
    await this.db.updateTable('topics').set({ updatedAt: now }).where('id', '=', id).execute();
  }

  async insertTransition(t: {
    id: string;
    topicId: string;
    from: Stage;
    to: Stage;
    actorId: string;
    reason: string | null;
    at: string;
    waived: readonly WaivableGate[];
  }): Promise<void> {
    const last = await this.db
      .selectFrom('topicTransitions')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('topicId', '=', t.topicId)
      .executeTakeFirst();
    await this.db
      .insertInto('topicTransitions')
      .values({
        id: t.id,
        topicId: t.topicId,
        fromStage: t.from,
        toStage: t.to,
        actorId: t.actorId,
        reason: t.reason,
        waived: JSON.stringify(t.waived),
        at: t.at,
        seq: Number(last?.seq ?? 0) + 1,
      })
      .execute();
  }

  async transitions(topicId: string) {
    const rows = await this.db
      .selectFrom('topicTransitions')
      .selectAll()
      .where('topicId', '=', topicId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      ...r,
      fromStage: readEnum(Stages, r.fromStage, `transition ${r.id}`),
      toStage: readEnum(Stages, r.toStage, `transition ${r.id}`),
      waived: readJson(storedWaivedGates, r.waived, `waived gates of transition ${r.id}`),
    }));
  }

  vetting(topicId: string) {
    return this.db.selectFrom('topicVetting').selectAll().where('topicId', '=', topicId).execute();
  }

  async upsertVetting(row: {
    topicId: string;
    question: 'relevance' | 'remit';
    answer: boolean;
    reason: string;
    decidedBy: string;
    decidedAt: string;
  }): Promise<void> {
    const values = { ...row, answer: row.answer ? 1 : 0 };
    await this.db
      .insertInto('topicVetting')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['topicId', 'question']).doUpdateSet({
          answer: values.answer,
          reason: values.reason,
          decidedBy: values.decidedBy,
          decidedAt: values.decidedAt,
        }),
      )
      .execute();
  }

  participants(topicId: string) {
    return this.db
      .selectFrom('topicParticipants')
      .selectAll()
      .where('topicId', '=', topicId)
      .orderBy('addedAt')
      .execute();
  }

  /** The participants who take part as officials of a department (their role in the topic's organisation). */
  async officialParticipants(topicId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('topicParticipants')
      .innerJoin('topics', 'topics.id', 'topicParticipants.topicId')
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.userId', '=', 'topicParticipants.userId')
          .onRef('memberships.orgId', '=', 'topics.orgId'),
      )
      .select('topicParticipants.userId')
      .where('topicParticipants.topicId', '=', topicId)
      .where('memberships.role', '=', 'official')
      .where('memberships.active', '=', 1)
      .execute();
    return rows.map((r) => r.userId);
  }

  async upsertParticipant(row: {
    topicId: string;
    userId: string;
    assessment: string;
    addedBy: string;
    addedAt: string;
  }) {
    await this.db
      .insertInto('topicParticipants')
      .values(row)
      .onConflict((oc) => oc.columns(['topicId', 'userId']).doUpdateSet({ assessment: row.assessment }))
      .execute();
  }

  async deleteParticipant(topicId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('topicParticipants')
      .where('topicId', '=', topicId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async research(topicId: string) {
    const rows = await this.db
      .selectFrom('researchReports')
      .selectAll()
      .where('topicId', '=', topicId)
      .orderBy('reportDate')
      .orderBy('createdAt')
      .execute();
    return rows.map((r) => ({ ...r, authors: readJson(storedStrings, r.authors, `authors of research ${r.id}`) }));
  }

  async insertResearch(row: {
    id: string;
    topicId: string;
    title: string;
    authors: string[];
    summary: string;
    body: string;
    reportDate: string;
    createdBy: string;
    createdAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('researchReports')
      .values({ ...row, authors: JSON.stringify(row.authors) })
      .execute();
  }

  /** The departments the topic's outcome is addressed to, by id. */
  recipients(topicId: string): Promise<string[]> {
    return this.db
      .selectFrom('topicDepartments')
      .select('departmentId')
      .where('topicId', '=', topicId)
      .orderBy('departmentId')
      .execute()
      .then((rows) => rows.map((r) => r.departmentId));
  }

  /** The recipient departments of the topic, named, by name. */
  recipientDepartments(topicId: string): Promise<DepartmentRef[]> {
    return this.db
      .selectFrom('topicDepartments')
      .innerJoin('departments', 'departments.id', 'topicDepartments.departmentId')
      .select(['departments.id', 'departments.name'])
      .where('topicDepartments.topicId', '=', topicId)
      .orderBy('departments.name')
      .execute();
  }

  /** The active officials of the topic's recipient departments: who may answer, and who is told. */
  recipientOfficials(topicId: string): Promise<string[]> {
    return this.db
      .selectFrom('topicDepartments')
      .innerJoin('memberships', 'memberships.departmentId', 'topicDepartments.departmentId')
      .select('memberships.userId')
      .distinct()
      .where('topicDepartments.topicId', '=', topicId)
      .where('memberships.role', '=', 'official')
      .where('memberships.active', '=', 1)
      .orderBy('memberships.userId')
      .execute()
      .then((rows) => rows.map((r) => r.userId));
  }

  /** The recipient departments of each of these topics, named, by topic (a topic without any left out). */
  async recipientsOf(topicIds: readonly string[]): Promise<Map<string, DepartmentRef[]>> {
    const byTopic = new Map<string, DepartmentRef[]>();
    // In slices, so that a long list stays within either store's limit on bound parameters.
    for (let from = 0; from < topicIds.length; from += 500) {
      const rows = await this.db
        .selectFrom('topicDepartments')
        .innerJoin('departments', 'departments.id', 'topicDepartments.departmentId')
        .select(['topicDepartments.topicId', 'departments.id', 'departments.name'])
        .where('topicDepartments.topicId', 'in', topicIds.slice(from, from + 500))
        .orderBy('topicDepartments.topicId')
        .orderBy('departments.name')
        .execute();
      for (const { topicId, id, name } of rows) byTopic.set(topicId, [...(byTopic.get(topicId) ?? []), { id, name }]);
    }
    return byTopic;
  }

  /** Sets the outcome and replaces its recipients: run it in a transaction, so that both change together. */
  async setOutcome(
    topicId: string,
    outcome: { form: OutcomeForm; departmentIds: string[]; dueDate: string; partyContactId: string | null },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('topics')
      .set({
        outcomeForm: outcome.form,
        dueDate: outcome.dueDate,
        partyContactId: outcome.partyContactId,
        updatedAt: now,
      })
      .where('id', '=', topicId)
      .execute();
    await this.db.deleteFrom('topicDepartments').where('topicId', '=', topicId).execute();
    await this.db
      .insertInto('topicDepartments')
      .values(outcome.departmentIds.map((departmentId) => ({ topicId, departmentId })))
      .execute();
  }

  async answer(topicId: string, round: number) {
    const row = await this.db
      .selectFrom('topicAnswers')
      .selectAll()
      .where('topicId', '=', topicId)
      .where('round', '=', round)
      .executeTakeFirst();
    return row && { ...row, decision: readEnum(AnswerDecisions, row.decision, `answer to topic ${topicId}`) };
  }

  async insertAnswer(row: {
    topicId: string;
    round: number;
    decision: AnswerDecision;
    measures: string;
    reason: string;
    answeredBy: string;
    answeredAt: string;
  }): Promise<void> {
    await this.db.insertInto('topicAnswers').values(row).execute();
  }

  async ratings(topicId: string, round: number) {
    const rows = await this.db
      .selectFrom('topicRatings')
      .selectAll()
      .where('topicId', '=', topicId)
      .where('round', '=', round)
      .orderBy('ratedAt')
      .execute();
    return rows.map((r) => ({ ...r, kind: readEnum(RaterKinds, r.kind, `rating of topic ${topicId}`) }));
  }

  async upsertRating(row: {
    topicId: string;
    round: number;
    kind: RaterKind;
    score: number;
    comment: string;
    ratedBy: string;
    ratedAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('topicRatings')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['topicId', 'round', 'kind']).doUpdateSet({
          score: row.score,
          comment: row.comment,
          ratedBy: row.ratedBy,
          ratedAt: row.ratedAt,
        }),
      )
      .execute();
  }

  async orgSettings(orgId: string) {
    return this.db.selectFrom('orgSettings').selectAll().where('orgId', '=', orgId).executeTakeFirst();
  }

  async upsertOrgSettings(row: {
    orgId: string;
    minResearchReports: number;
    minDistinctSpeakers: number;
    requireOfficialExchange: number;
    updatedAt: string;
  }) {
    await this.db
      .insertInto('orgSettings')
      .values(row)
      .onConflict((oc) =>
        oc.column('orgId').doUpdateSet({
          minResearchReports: row.minResearchReports,
          minDistinctSpeakers: row.minDistinctSpeakers,
          requireOfficialExchange: row.requireOfficialExchange,
          updatedAt: row.updatedAt,
        }),
      )
      .execute();
  }
}
