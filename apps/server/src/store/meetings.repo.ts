import { Stages, type Stage } from '@yishi/procedure';
import { MeetingStatuses, SpeechKinds, type MeetingStatus, type SpeechKind } from '@yishi/protocol';
import type { Db, Dialect } from './db.js';
import { readEnum } from './stored.js';

const statusOf = (row: { id: string; status: string }): MeetingStatus =>
  readEnum(MeetingStatuses, row.status, `status of meeting ${row.id}`);

export interface MeetingRow {
  id: string;
  topicId: string;
  title: string;
  startsAt: string;
  status: MeetingStatus;
  openedAt: string | null;
  endedAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** Meetings of topics and their speech logs. */
export class MeetingsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async insert(row: MeetingRow): Promise<void> {
    await this.db.insertInto('meetings').values(row).execute();
  }

  async find(id: string): Promise<MeetingRow | undefined> {
    const row = await this.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { ...row, status: statusOf(row) };
  }

  /** A topic's meetings with the number of distinct speakers in each one's log. */
  async forTopic(topicId: string): Promise<(MeetingRow & { distinctSpeakers: number })[]> {
    const rows = await this.db
      .selectFrom('meetings')
      .leftJoin('speeches', 'speeches.meetingId', 'meetings.id')
      .selectAll('meetings')
      .select((eb) => eb.fn.count<number>('speeches.speakerId').distinct().as('distinctSpeakers'))
      .where('meetings.topicId', '=', topicId)
      .groupBy('meetings.id')
      .orderBy('meetings.startsAt')
      .execute();
    return rows.map((r) => ({ ...r, status: statusOf(r), distinctSpeakers: Number(r.distinctSpeakers) }));
  }

  /**
   * Who answered a question or replied to a speech in each meeting of a topic (the exchange that
   * step 5 asks of the departments' officials), once per person and meeting.
   */
  async answerersForTopic(topicId: string): Promise<{ meetingId: string; speakerId: string }[]> {
    return this.db
      .selectFrom('speeches')
      .innerJoin('meetings', 'meetings.id', 'speeches.meetingId')
      .select(['speeches.meetingId', 'speeches.speakerId'])
      .distinct()
      .where('meetings.topicId', '=', topicId)
      .where('speeches.kind', 'in', ['answer', 'reply'])
      .execute();
  }

  /** A meeting's status and its topic's stage, share-locked like `TopicsRepository.stageForWrite`. */
  async statusForWrite(id: string): Promise<{ status: MeetingStatus; stage: Stage } | undefined> {
    const row = await this.db
      .selectFrom('meetings')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .select(['meetings.status', 'topics.stage'])
      .where('meetings.id', '=', id)
      .$if(this.dialect.kind === 'postgres', (q) => q.forShare())
      .executeTakeFirst();
    return (
      row && {
        status: statusOf({ id, status: row.status }),
        stage: readEnum(Stages, row.stage, `stage of meeting ${id}'s topic`),
      }
    );
  }

  /** Changes the status only from the expected one; false when it was not in that status. */
  async setStatus(id: string, from: MeetingStatus, to: MeetingStatus, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('meetings')
      .set({ status: to, ...(to === 'open' ? { openedAt: at } : { endedAt: at }) })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends every open meeting of a topic (a withdrawn topic holds no live meeting). */
  async endOpenMeetings(topicId: string, at: string): Promise<void> {
    await this.db
      .updateTable('meetings')
      .set({ status: 'ended', endedAt: at })
      .where('topicId', '=', topicId)
      .where('status', '=', 'open')
      .execute();
  }

  async insertSpeech(row: {
    id: string;
    meetingId: string;
    speakerId: string;
    kind: SpeechKind;
    agendaItemId: string | null;
    startedAt: string;
    endedAt: string;
    durationSeconds: number;
    source: 'live' | 'manual';
    recordedBy: string;
    /** The queue entry a live turn was. */
    entryId?: string;
  }): Promise<void> {
    await this.db.insertInto('speeches').values(row).execute();
  }

  async speeches(meetingId: string) {
    const rows = await this.db
      .selectFrom('speeches')
      .selectAll()
      .where('meetingId', '=', meetingId)
      .orderBy('startedAt')
      .execute();
    return rows.map((r) => ({ ...r, kind: readEnum(SpeechKinds, r.kind, `speech ${r.id}`) }));
  }
}
