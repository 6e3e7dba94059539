import type { DutyWeights, Proposal } from '@yishi/duty';
import { storedProposal } from '@yishi/protocol';
import type { Db } from './db.js';
import { readJson } from './stored.js';

/** One thing a member did in a year, as the duty record lists it behind a count. */
export interface DutyFactRow {
  userId: string;
  /** What it is: a meeting or a topic, to open from the record. */
  id: string;
  /** The topic it belongs to. */
  topicId: string;
  title: string;
  /** When it happened (ISO-8601, or a calendar day for a research report). */
  at: string;
}

/**
 * What the duty records (履职档案) are counted from, for one organisation and one span of time: the
 * speeches, the topics people were made participants of, the research reports they filed and the
 * proposals submitted. Attendance is composed per meeting by the attendance rules, not here.
 */
export class DutyRepository {
  constructor(private readonly db: Db) {}

  /** Speeches given in meetings of the organisation's topics, by who spoke; the fact is the meeting. */
  async speeches(orgId: string, from: string, to: string): Promise<DutyFactRow[]> {
    return this.db
      .selectFrom('speeches')
      .innerJoin('meetings', 'meetings.id', 'speeches.meetingId')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .select([
        'speeches.speakerId as userId',
        'meetings.id as id',
        'topics.id as topicId',
        'meetings.title as title',
        'speeches.startedAt as at',
      ])
      .where('topics.orgId', '=', orgId)
      .where('speeches.startedAt', '>=', from)
      .where('speeches.startedAt', '<', to)
      .orderBy('speeches.startedAt')
      .orderBy('speeches.id')
      .execute();
  }

  /** The topics of the organisation that people were made participants of in the span. */
  async participations(orgId: string, from: string, to: string): Promise<DutyFactRow[]> {
    return this.db
      .selectFrom('topicParticipants')
      .innerJoin('topics', 'topics.id', 'topicParticipants.topicId')
      .select([
        'topicParticipants.userId as userId',
        'topics.id as id',
        'topics.id as topicId',
        'topics.title as title',
        'topicParticipants.addedAt as at',
      ])
      .where('topics.orgId', '=', orgId)
      .where('topicParticipants.addedAt', '>=', from)
      .where('topicParticipants.addedAt', '<', to)
      .orderBy('topicParticipants.addedAt')
      .orderBy('topics.id')
      .execute();
  }

  /** The research reports filed on the organisation's topics, by who filed them, dated in the span. */
  async research(orgId: string, from: string, to: string): Promise<DutyFactRow[]> {
    return this.db
      .selectFrom('researchReports')
      .innerJoin('topics', 'topics.id', 'researchReports.topicId')
      .select([
        'researchReports.createdBy as userId',
        'topics.id as id',
        'topics.id as topicId',
        'researchReports.title as title',
        'researchReports.reportDate as at',
      ])
      .where('topics.orgId', '=', orgId)
      .where('researchReports.reportDate', '>=', from.slice(0, 10))
      .where('researchReports.reportDate', '<', to.slice(0, 10))
      .orderBy('researchReports.reportDate')
      .orderBy('researchReports.id')
      .execute();
  }

  /** The organisation's proposals submitted in the span, whole. */
  async submittedProposals(orgId: string, from: string, to: string): Promise<Proposal[]> {
    const rows = await this.db
      .selectFrom('proposals')
      .select(['id', 'record'])
      .where('orgId', '=', orgId)
      .where('submittedAt', '>=', from)
      .where('submittedAt', '<', to)
      .orderBy('submittedAt')
      .orderBy('id')
      .execute();
    return rows.map((row) => readJson(storedProposal, row.record, `proposal ${row.id}`));
  }

  /** The weights the organisation's secretariat set, or undefined when it set none. */
  async weights(orgId: string): Promise<unknown> {
    const row = await this.db.selectFrom('dutyWeights').select('weights').where('orgId', '=', orgId).executeTakeFirst();
    return row ? (JSON.parse(row.weights) as unknown) : undefined;
  }

  async setWeights(orgId: string, weights: DutyWeights, by: string, now: string): Promise<void> {
    const json = JSON.stringify(weights);
    await this.db
      .insertInto('dutyWeights')
      .values({ orgId, weights: json, updatedBy: by, updatedAt: now })
      .onConflict((oc) => oc.column('orgId').doUpdateSet({ weights: json, updatedBy: by, updatedAt: now }))
      .execute();
  }
}
