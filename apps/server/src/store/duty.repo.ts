import type { DutyWeights, Proposal } from '@yishi/duty';
import { AttendanceStatuses, Sites, storedProposal, type AttendanceStatus, type Site } from '@yishi/protocol';
import type { Db } from './db.js';
import { readEnum, readJson } from './stored.js';

/** What a held meeting's attendance is composed from (`composeAttendance`), as the store holds it. */
export interface HeldMeetingFacts {
  came: { userId: string; site: Site | null }[];
  sites: Map<string, Site>;
  speakers: { userId: string; source: 'live' | 'manual' }[];
  participants: string[];
  corrections: { userId: string; status: AttendanceStatus }[];
}

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

  /**
   * The attendance facts of every meeting of the organisation held in the span, by meeting: five
   * queries for all of them, where reading them meeting by meeting took five per meeting (a
   * provincial committee holds hundreds a year).
   */
  async heldMeetingFacts(orgId: string, from: string, to: string): Promise<Map<string, HeldMeetingFacts>> {
    const held = this.db
      .selectFrom('meetings')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .select('meetings.id')
      .where('topics.orgId', '=', orgId)
      .where('meetings.status', '=', 'ended')
      .where('meetings.startsAt', '>=', from)
      .where('meetings.startsAt', '<', to);
    const [came, sites, speeches, participants, corrections] = await Promise.all([
      this.db
        .selectFrom('meetingAttendance')
        .select(['meetingId', 'userId', 'site'])
        .where('meetingId', 'in', held)
        .orderBy('meetingId')
        .orderBy('firstJoinedAt')
        .orderBy('userId')
        .execute(),
      this.db
        .selectFrom('meetingSites')
        .select(['meetingId', 'userId', 'site'])
        .where('meetingId', 'in', held)
        .execute(),
      this.db
        .selectFrom('speeches')
        .select(['meetingId', 'speakerId', 'source'])
        .where('meetingId', 'in', held)
        .orderBy('meetingId')
        .orderBy('startedAt')
        .execute(),
      this.db
        .selectFrom('topicParticipants')
        .innerJoin('meetings', 'meetings.topicId', 'topicParticipants.topicId')
        .select(['meetings.id as meetingId', 'topicParticipants.userId'])
        .where('meetings.id', 'in', held)
        .orderBy('meetings.id')
        .orderBy('topicParticipants.addedAt')
        .execute(),
      this.db
        .selectFrom('attendanceCorrections')
        .select(['meetingId', 'userId', 'status'])
        .where('meetingId', 'in', held)
        .orderBy('meetingId')
        .orderBy('correctedAt')
        .orderBy('userId')
        .execute(),
    ]);
    const facts = new Map<string, HeldMeetingFacts>();
    const of = (meetingId: string) => {
      let f = facts.get(meetingId);
      if (!f)
        facts.set(meetingId, (f = { came: [], sites: new Map(), speakers: [], participants: [], corrections: [] }));
      return f;
    };
    const site = (value: string, where: string) => readEnum(Sites, value, where);
    for (const r of came) {
      of(r.meetingId).came.push({
        userId: r.userId,
        site: r.site === null ? null : site(r.site, `attendance in ${r.meetingId}`),
      });
    }
    for (const r of sites) of(r.meetingId).sites.set(r.userId, site(r.site, `site in meeting ${r.meetingId}`));
    for (const r of speeches) {
      of(r.meetingId).speakers.push({ userId: r.speakerId, source: r.source === 'manual' ? 'manual' : 'live' });
    }
    for (const r of participants) of(r.meetingId).participants.push(r.userId);
    for (const r of corrections) {
      const status = readEnum(AttendanceStatuses, r.status, `attendance correction in meeting ${r.meetingId}`);
      of(r.meetingId).corrections.push({ userId: r.userId, status });
    }
    return facts;
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
