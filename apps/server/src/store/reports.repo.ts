import { Stages, type Stage } from '@yishi/procedure';
import { MeetingStatuses } from '@yishi/protocol';
import type { Db } from './db.js';
import { readEnum } from './stored.js';
import type { TopicsTable } from './schema.js';

/**
 * Read models across topics: an official's inbox, the answers due for reminders, and the
 * dashboard's counts. Each is one query over indexed columns, the same on both stores.
 */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Delivered outcomes addressed to a person, the earliest due first, with when each was delivered. */
  async inbox(userId: string) {
    const rows = await this.db
      .selectFrom('topicRecipients')
      .innerJoin('topics', 'topics.id', 'topicRecipients.topicId')
      .innerJoin('orgs', 'orgs.id', 'topics.orgId')
      .leftJoin('topicAnswers', (join) =>
        join.onRef('topicAnswers.topicId', '=', 'topics.id').onRef('topicAnswers.round', '=', 'topics.round'),
      )
      .select((eb) => [
        'topics.id',
        'topics.title',
        'topics.stage',
        'topics.outcomeForm',
        'topics.dueDate',
        'orgs.name as orgName',
        'topicAnswers.answeredAt',
        eb
          .selectFrom('topicTransitions')
          .select((e) => e.fn.max('topicTransitions.at').as('at'))
          .whereRef('topicTransitions.topicId', '=', 'topics.id')
          .where('topicTransitions.toStage', '=', 'delivered')
          .as('deliveredAt'),
      ])
      .where('topicRecipients.userId', '=', userId)
      .where('topics.stage', 'in', ['delivered', 'feedback', 'closed'])
      .orderBy('topics.dueDate')
      .orderBy('topics.id')
      .execute();
    return rows.map((r) => ({
      ...r,
      stage: readEnum(Stages, r.stage, `stage of topic ${r.id}`),
      deliveredAt: (r.deliveredAt as string | null) ?? null,
    }));
  }

  /** Unanswered delivered topics due on or before `horizon` (a date), one row per recipient. */
  async dueForReminder(horizon: string): Promise<(TopicsTable & { recipientId: string })[]> {
    return this.db
      .selectFrom('topics')
      .innerJoin('topicRecipients', 'topicRecipients.topicId', 'topics.id')
      .leftJoin('topicAnswers', (join) =>
        join.onRef('topicAnswers.topicId', '=', 'topics.id').onRef('topicAnswers.round', '=', 'topics.round'),
      )
      .selectAll('topics')
      .select('topicRecipients.userId as recipientId')
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
  async unanswered(orgIds: readonly string[]) {
    if (orgIds.length === 0) return [];
    return this.db
      .selectFrom('topics')
      .leftJoin('topicAnswers', (join) =>
        join.onRef('topicAnswers.topicId', '=', 'topics.id').onRef('topicAnswers.round', '=', 'topics.round'),
      )
      .select(['topics.id', 'topics.title', 'topics.dueDate'])
      .where('topics.orgId', 'in', orgIds)
      .where('topics.stage', '=', 'delivered')
      .where('topicAnswers.topicId', 'is', null)
      .orderBy('topics.dueDate')
      .orderBy('topics.id')
      .execute();
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
}
