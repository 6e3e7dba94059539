import type { Db } from './db.js';
import type { MeetingMinutesTable } from './schema.js';

/** Who entered each meeting's room while it was open, and the minutes written of it. */
export class MinutesRepository {
  constructor(private readonly db: Db) {}

  /** Records the first time someone entered an open meeting's room; later entries change nothing. */
  async attended(meetingId: string, userId: string, at: string): Promise<void> {
    await this.db
      .insertInto('meetingAttendance')
      .values({ meetingId, userId, firstJoinedAt: at })
      .onConflict((oc) => oc.columns(['meetingId', 'userId']).doNothing())
      .execute();
  }

  /** Everyone who attended, in the order they first came in. */
  async attendance(meetingId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('meetingAttendance')
      .select('userId')
      .where('meetingId', '=', meetingId)
      .orderBy('firstJoinedAt')
      .orderBy('userId')
      .execute();
    return rows.map((r) => r.userId);
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
