import { Stages, type Stage } from '@yishi/procedure';
import { MeetingForms, MeetingModes, MeetingStatuses, type MeetingForm, type MeetingMode } from '@yishi/protocol';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from './db.js';
import { after } from './keyset.js';
import { readEnum } from './stored.js';
import type { Database, TopicsTable } from './schema.js';

/**
 * Whose topics a person's overview covers: those of the organisations they see (`all` for a site
 * administrator) that they take part in, or that an organisation they chair or run as secretariat
 * holds (`runs`: those organisations and every one below them).
 */
export interface MyTopicsScope {
  userId: string;
  visible: readonly string[] | 'all';
  runs: readonly string[];
}

/** The person takes part in the topic of the row. */
const takesPart = (eb: ExpressionBuilder<Database, 'topics'>, userId: string) =>
  eb.exists(
    eb
      .selectFrom('topicParticipants')
      .select('topicParticipants.userId')
      .whereRef('topicParticipants.topicId', '=', 'topics.id')
      .where('topicParticipants.userId', '=', userId),
  );

/** A rating of this kind for the topic's current round exists. */
const rated = (eb: ExpressionBuilder<Database, 'topics'>, kind: string) =>
  eb.exists(
    eb
      .selectFrom('topicRatings')
      .select('topicRatings.kind')
      .whereRef('topicRatings.topicId', '=', 'topics.id')
      .whereRef('topicRatings.round', '=', 'topics.round')
      .where('topicRatings.kind', '=', kind),
  );

/** The stages of the topics in an official's inbox: delivered to them, and after. */
const inboxStages: Stage[] = ['delivered', 'feedback', 'closed'];

/** Where a page of a person's inbox starts: after the topic delivered then, with this id. */
export type InboxKey = readonly [deliveredAt: string, topicId: string];

/** An inbox row as the store holds it, its stage read and an unrecorded delivery as null. */
function inboxRow<Row extends { id: string; stage: string; deliveredAt: string }>(row: Row) {
  return {
    ...row,
    stage: readEnum(Stages, row.stage, `stage of topic ${row.id}`),
    deliveredAt: row.deliveredAt === '' ? null : row.deliveredAt,
  };
}

/**
 * Read models across topics: an official's inbox, the answers due for reminders, a person's
 * overview, and the dashboard's counts. Each is one query over indexed columns, the same on both stores.
 */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Up to `limit` outcomes delivered to a person and not yet answered, the earliest due first (no due date last). */
  async answersDue(userId: string, limit: number) {
    const rows = await this.inboxRows(userId)
      .where('topics.stage', '=', 'delivered')
      .where('topicAnswers.topicId', 'is', null)
      .orderBy(sql`coalesce(topics.due_date, '9999-12-31')`)
      .orderBy('topics.id')
      .limit(limit)
      .execute();
    return rows.map(inboxRow);
  }

  /**
   * A page of the outcomes delivered to a person, the latest delivered first, starting after
   * `start`; `limit + 1` are read, so that the caller knows whether another page follows.
   */
  async inboxPage(userId: string, start: InboxKey | undefined, limit: number) {
    let q = this.db.selectFrom(this.inboxRows(userId).as('inbox')).selectAll();
    if (start) q = q.where(after([sql.ref('inbox.delivered_at'), sql.ref('inbox.id')], start));
    const rows = await q
      .orderBy('inbox.deliveredAt', 'desc')
      .orderBy('inbox.id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map((row) => ({ ...inboxRow(row), key: [row.deliveredAt, row.id] as const }));
  }

  /** How many delivered outcomes are addressed to a person, answered or not. */
  async inboxCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('topics')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('topics.id', 'in', this.deliveredTo(userId))
      .where('topics.stage', 'in', inboxStages)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The rows of a person's inbox, with when each was last delivered (`''` should a topic have no
   * recorded delivery, so that it sorts last on either store and a row-value comparison holds).
   */
  private inboxRows(userId: string) {
    return this.db
      .selectFrom('topics')
      .innerJoin('orgs', 'orgs.id', 'topics.orgId')
      .leftJoin('topicAnswers', (join) =>
        join.onRef('topicAnswers.topicId', '=', 'topics.id').onRef('topicAnswers.round', '=', 'topics.round'),
      )
      .select([
        'topics.id',
        'topics.title',
        'topics.stage',
        'topics.outcomeForm',
        'topics.dueDate',
        'orgs.name as orgName',
        'topicAnswers.answeredAt',
        sql<string>`coalesce((select max(delivery.at) from topic_transitions delivery
          where delivery.topic_id = topics.id and delivery.to_stage = ${'delivered'}), '')`.as('deliveredAt'),
      ])
      .where('topics.id', 'in', this.deliveredTo(userId))
      .where('topics.stage', 'in', inboxStages);
  }

  /** The topics addressed to a department the person is an active official of. */
  private deliveredTo(userId: string) {
    return this.db
      .selectFrom('topicDepartments')
      .innerJoin('memberships', 'memberships.departmentId', 'topicDepartments.departmentId')
      .select('topicDepartments.topicId')
      .where('memberships.userId', '=', userId)
      .where('memberships.role', '=', 'official')
      .where('memberships.active', '=', 1);
  }

  /**
   * Unanswered delivered topics due on or before `horizon` (a date), one row per active official of
   * a recipient department.
   */
  async dueForReminder(horizon: string): Promise<(TopicsTable & { recipientId: string })[]> {
    return this.db
      .selectFrom('topics')
      .innerJoin('topicDepartments', 'topicDepartments.topicId', 'topics.id')
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.departmentId', '=', 'topicDepartments.departmentId')
          .on('memberships.role', '=', 'official')
          .on('memberships.active', '=', 1),
      )
      .leftJoin('topicAnswers', (join) =>
        join.onRef('topicAnswers.topicId', '=', 'topics.id').onRef('topicAnswers.round', '=', 'topics.round'),
      )
      .selectAll('topics')
      .select('memberships.userId as recipientId')
      .distinct()
      .where('topics.stage', '=', 'delivered')
      .where('topics.dueDate', '<=', horizon)
      .where('topicAnswers.topicId', 'is', null)
      .execute();
  }

  /** How many topics of the organisations are in each stage. */
  async topicsByStage(orgIds: readonly string[]): Promise<Partial<Record<Stage, number>>> {
    if (orgIds.length === 0) return {};
    const rows = await this.db
      .selectFrom('topics')
      .select(['stage', (eb) => eb.fn.countAll<number>().as('n')])
      .where('orgId', 'in', orgIds)
      .groupBy('stage')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
  }

  /** Meetings of the organisations' topics starting in [from, to). */
  async meetingsBetween(orgIds: readonly string[], from: string, to: string) {
    if (orgIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('meetings')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .select([
        'meetings.id',
        'meetings.title',
        'meetings.topicId',
        'topics.title as topicTitle',
        'meetings.startsAt',
        'meetings.status',
      ])
      .where('topics.orgId', 'in', orgIds)
      .where('meetings.startsAt', '>=', from)
      .where('meetings.startsAt', '<', to)
      .orderBy('meetings.startsAt')
      .orderBy('meetings.id')
      .execute();
    return rows.map((r) => ({ ...r, status: readEnum(MeetingStatuses, r.status, `status of meeting ${r.id}`) }));
  }

  /** Delivered topics of the organisations still waiting for this round's answer, the earliest due first. */
  /** Up to `limit` delivered topics of the organisations not answered yet, the earliest due first (no due date last). */
  async unanswered(orgIds: readonly string[], limit: number) {
    if (orgIds.length === 0) return [];
    return this.unansweredOf(orgIds)
      .select(['topics.id', 'topics.title', 'topics.dueDate'])
      .orderBy(sql`coalesce(topics.due_date, '9999-12-31')`)
      .orderBy('topics.id')
      .limit(limit)
      .execute();
  }

  /** How many delivered topics of the organisations are not answered yet, and how many of those are past due on `today`. */
  async unansweredCount(orgIds: readonly string[], today: string): Promise<{ total: number; overdue: number }> {
    if (orgIds.length === 0) return { total: 0, overdue: 0 };
    const row = await this.unansweredOf(orgIds)
      .select((eb) => [
        eb.fn.countAll<number | string>().as('total'),
        eb.fn.sum<number | string | null>(sql`case when topics.due_date < ${today} then 1 else 0 end`).as('overdue'),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), overdue: Number(row.overdue ?? 0) };
  }

  private unansweredOf(orgIds: readonly string[]) {
    return this.db
      .selectFrom('topics')
      .leftJoin('topicAnswers', (join) =>
        join.onRef('topicAnswers.topicId', '=', 'topics.id').onRef('topicAnswers.round', '=', 'topics.round'),
      )
      .where('topics.orgId', 'in', orgIds)
      .where('topics.stage', '=', 'delivered')
      .where('topicAnswers.topicId', 'is', null);
  }

  /** Speeches in the organisations' meetings started in [from, to), with the speaker's sector there. */
  async speechesBetween(orgIds: readonly string[], from: string, to: string) {
    if (orgIds.length === 0) return [];
    return this.db
      .selectFrom('speeches')
      .innerJoin('meetings', 'meetings.id', 'speeches.meetingId')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .leftJoin('memberships', (join) =>
        join.onRef('memberships.userId', '=', 'speeches.speakerId').onRef('memberships.orgId', '=', 'topics.orgId'),
      )
      .select(['speeches.speakerId', 'speeches.durationSeconds', 'memberships.sector'])
      .where('topics.orgId', 'in', orgIds)
      .where('speeches.startedAt', '>=', from)
      .where('speeches.startedAt', '<', to)
      .execute();
  }

  /**
   * Meetings of the scope's topics in `status`: the open ones, latest opened first; the scheduled
   * ones of topics still preparing or in consultation, starting from `from`, soonest first.
   */
  async myMeetings(scope: MyTopicsScope, status: 'open' | 'scheduled', limit: number, from?: string) {
    if (scope.visible !== 'all' && scope.visible.length === 0) return [];
    const { visible, runs, userId } = scope;
    const rows = await this.db
      .selectFrom('meetings')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .innerJoin('orgs', 'orgs.id', 'topics.orgId')
      .select([
        'meetings.id',
        'meetings.title',
        'meetings.topicId',
        'topics.title as topicTitle',
        'topics.orgId',
        'orgs.name as orgName',
        'meetings.startsAt',
        'meetings.openedAt',
        'meetings.form',
        'meetings.mode',
      ])
      .where('meetings.status', '=', status)
      .$if(visible !== 'all', (q) => q.where('topics.orgId', 'in', visible))
      .where((eb) => eb.or([takesPart(eb, userId), ...(runs.length > 0 ? [eb('topics.orgId', 'in', runs)] : [])]))
      .$if(status === 'scheduled', (q) => q.where('topics.stage', 'in', ['preparation', 'consultation']))
      .$if(from !== undefined, (q) => q.where('meetings.startsAt', '>=', from!))
      .$if(status === 'open', (q) => q.orderBy('meetings.openedAt', 'desc'))
      .orderBy('meetings.startsAt')
      .orderBy('meetings.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      form: readEnum(MeetingForms, r.form, `form of meeting ${r.id}`),
      mode: readEnum(MeetingModes, r.mode, `mode of meeting ${r.id}`),
    }));
  }

  /**
   * Polls open in open meetings of topics the person takes part in, outside `notIn` (where they run
   * the room and so do not vote), oldest first, with whether they have voted.
   */
  async openPollsFor(userId: string, visible: readonly string[] | 'all', notIn: readonly string[], limit: number) {
    if (visible !== 'all' && visible.length === 0) return [];
    const rows = await this.db
      .selectFrom('polls')
      .innerJoin('meetings', 'meetings.id', 'polls.meetingId')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .innerJoin('orgs', 'orgs.id', 'topics.orgId')
      .leftJoin('pollBallots', (join) =>
        join.onRef('pollBallots.pollId', '=', 'polls.id').on('pollBallots.userId', '=', userId),
      )
      .select([
        'polls.id as pollId',
        'polls.question',
        'meetings.id as meetingId',
        'meetings.title as meetingTitle',
        'topics.id as topicId',
        'topics.title',
        'orgs.name as orgName',
        'pollBallots.userId as voter',
      ])
      .where('polls.status', '=', 'open')
      .where('meetings.status', '=', 'open')
      .where((eb) => takesPart(eb, userId))
      .$if(visible !== 'all', (q) => q.where('topics.orgId', 'in', visible))
      .$if(notIn.length > 0, (q) => q.where('topics.orgId', 'not in', notIn))
      .orderBy('polls.openedAt')
      .orderBy('polls.id')
      .limit(limit)
      .execute();
    return rows.map(({ voter, ...r }) => ({ ...r, voted: voter !== null }));
  }

  /**
   * Topics in feedback whose rating of this round waits on the person: as chair (of an
   * organisation in `chairs`, those they chair and below) or as the party contact it names.
   */
  async ratingsDue(userId: string, chairs: readonly string[], limit: number) {
    const rows = await this.db
      .selectFrom('topics')
      .innerJoin('orgs', 'orgs.id', 'topics.orgId')
      .select((eb) => [
        'topics.id',
        'topics.title',
        'orgs.name as orgName',
        (chairs.length > 0 ? eb.and([eb('topics.orgId', 'in', chairs), eb.not(rated(eb, 'chair'))]) : eb.lit(false)).as(
          'asChair',
        ),
        eb.and([eb('topics.partyContactId', '=', userId), eb.not(rated(eb, 'party_contact'))]).as('asPartyContact'),
      ])
      .where('topics.stage', '=', 'feedback')
      .where((eb) =>
        eb.or([
          eb.and([eb('topics.partyContactId', '=', userId), eb.not(rated(eb, 'party_contact'))]),
          ...(chairs.length > 0 ? [eb.and([eb('topics.orgId', 'in', chairs), eb.not(rated(eb, 'chair'))])] : []),
        ]),
      )
      .orderBy('topics.updatedAt')
      .orderBy('topics.id')
      .limit(limit)
      .execute();
    // SQLite answers 0 and 1, PostgreSQL false and true.
    return rows.map((r) => ({
      ...r,
      asChair: Boolean(Number(r.asChair)),
      asPartyContact: Boolean(Number(r.asPartyContact)),
    }));
  }

  /** How many meetings of the organisations start in [from, to), by form and mode. */
  async meetingsByForm(orgIds: readonly string[], from: string, to: string) {
    if (orgIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('meetings')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .select(['meetings.form', 'meetings.mode', (eb) => eb.fn.countAll<number>().as('n')])
      .where('topics.orgId', 'in', orgIds)
      .where('meetings.startsAt', '>=', from)
      .where('meetings.startsAt', '<', to)
      .groupBy(['meetings.form', 'meetings.mode'])
      .execute();
    return rows.map((r): { form: MeetingForm; mode: MeetingMode; count: number } => ({
      form: readEnum(MeetingForms, r.form, 'form of a meeting'),
      mode: readEnum(MeetingModes, r.mode, 'mode of a meeting'),
      count: Number(r.n),
    }));
  }
}
