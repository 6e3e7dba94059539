import { AttendanceStatuses, Sites, type AttendanceStatus, type Site } from '@yishi/protocol';
import type { Db, Dialect } from './db.js';
import { lockUntilCommit } from './locks.js';
import type { MeetingMinutesTable } from './schema.js';
import { readEnum } from './stored.js';

/** Who entered each meeting's room while it was open and where they were, and the minutes written of it. */
export class MinutesRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Holds a meeting's minutes until the transaction ends, so that an approval and an edit or an
   * attendance correction from two nodes take turns: none of them is lost or lands after approval.
   */
  lock(meetingId: string): Promise<void> {
    return lockUntilCommit(this.db, this.dialect, `minutes:${meetingId}`);
  }

  /**
   * Records the first time someone entered an open meeting's room, with where they were (null: not
   * said yet); later entries change nothing (`placed` changes where).
   */
  async attended(meetingId: string, userId: string, at: string, site: Site | null): Promise<void> {
    await this.db
      .insertInto('meetingAttendance')
      .values({ meetingId, userId, firstJoinedAt: at, site })
      .onConflict((oc) => oc.columns(['meetingId', 'userId']).doNothing())
      .execute();
  }

  /** Where someone who attended was, as they (or the chair) said later. */
  async placed(meetingId: string, userId: string, site: Site): Promise<void> {
    await this.db
      .updateTable('meetingAttendance')
      .set({ site })
      .where('meetingId', '=', meetingId)
      .where('userId', '=', userId)
      .execute();
  }

  /** Everyone who attended, in the order they first came in, with where they were. */
  async attendance(meetingId: string): Promise<{ userId: string; site: Site | null }[]> {
    const rows = await this.db
      .selectFrom('meetingAttendance')
      .select(['userId', 'site'])
      .where('meetingId', '=', meetingId)
      .orderBy('firstJoinedAt')
      .orderBy('userId')
      .execute();
    return rows.map((r) => ({
      userId: r.userId,
      site: r.site === null ? null : readEnum(Sites, r.site, `site of attendance in meeting ${meetingId}`),
    }));
  }

  /** Remembers where someone takes part in a hybrid meeting (the last word counts). */
  async chooseSite(meetingId: string, userId: string, site: Site, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('meetingSites')
      .values({ meetingId, userId, site, setBy: by, setAt: at })
      .onConflict((oc) => oc.columns(['meetingId', 'userId']).doUpdateSet({ site, setBy: by, setAt: at }))
      .execute();
  }

  /** Where each person said they take part in a meeting. */
  async sites(meetingId: string): Promise<Map<string, Site>> {
    const rows = await this.db
      .selectFrom('meetingSites')
      .select(['userId', 'site'])
      .where('meetingId', '=', meetingId)
      .execute();
    return new Map(rows.map((r) => [r.userId, readEnum(Sites, r.site, `site in meeting ${meetingId}`)]));
  }

  /** The secretariat's corrections of a meeting's attendance, oldest first. */
  async corrections(meetingId: string): Promise<{ userId: string; status: AttendanceStatus }[]> {
    const rows = await this.db
      .selectFrom('attendanceCorrections')
      .select(['userId', 'status'])
      .where('meetingId', '=', meetingId)
      .orderBy('correctedAt')
      .orderBy('userId')
      .execute();
    return rows.map((r) => ({
      userId: r.userId,
      status: readEnum(AttendanceStatuses, r.status, `attendance correction in meeting ${meetingId}`),
    }));
  }

  /** Sets a person's attendance as the secretariat corrected it (the last correction counts). */
  async correct(meetingId: string, userId: string, status: AttendanceStatus, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('attendanceCorrections')
      .values({ meetingId, userId, status, correctedBy: by, correctedAt: at })
      .onConflict((oc) => oc.columns(['meetingId', 'userId']).doUpdateSet({ status, correctedBy: by, correctedAt: at }))
      .execute();
  }

  find(meetingId: string): Promise<MeetingMinutesTable | undefined> {
    return this.db.selectFrom('meetingMinutes').selectAll().where('meetingId', '=', meetingId).executeTakeFirst();
  }

  /** Stores edited minutes as a draft. */
  async saveDraft(meetingId: string, body: string, by: string, now: string): Promise<void> {
    await this.db
      .insertInto('meetingMinutes')
      .values({ meetingId, body, status: 'draft', updatedBy: by, updatedAt: now, approvedBy: null, approvedAt: null })
      .onConflict((oc) => oc.column('meetingId').doUpdateSet({ body, updatedBy: by, updatedAt: now }))
      .execute();
  }

  /** Marks the minutes approved, storing `body` when they were never edited (the generated text). */
  async approve(meetingId: string, body: string, by: string, now: string): Promise<void> {
    await this.db
      .insertInto('meetingMinutes')
      .values({ meetingId, body, status: 'approved', updatedBy: by, updatedAt: now, approvedBy: by, approvedAt: now })
      .onConflict((oc) => oc.column('meetingId').doUpdateSet({ status: 'approved', approvedBy: by, approvedAt: now }))
      .execute();
  }
}
