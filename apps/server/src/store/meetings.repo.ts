import { Stages, type Stage } from '@yishi/procedure';
import {
  MeetingForms,
  MeetingModes,
  MeetingStatuses,
  SpeechKinds,
  storedMeetingVideo,
  type StoredMeetingVideo,
  type MeetingForm,
  type MeetingMode,
  type MeetingStatus,
  type MeetingVideo,
  type SpeechKind,
} from '@yishi/protocol';
import { sql } from 'kysely';
import type { Db, Dialect } from './db.js';
import type { MeetingsTable } from './schema.js';
import { readEnum, readJson } from './stored.js';

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
  form: MeetingForm;
  mode: MeetingMode;
  /** The liaison station or consultation room it is held at, with its name as read. */
  place: { id: string; name: string } | null;
  location: string | null;
  /** The conference as anyone who reads the meeting sees it: a Jitsi room's name is not in it. */
  video: MeetingVideo | null;
}

/** A meeting to insert: its conference as kept, with a Jitsi room's name. */
export type NewMeetingRow = Omit<MeetingRow, 'video'> & { video: StoredMeetingVideo | null };

/** What anyone who reads a meeting sees of its conference. */
function publicVideo(video: StoredMeetingVideo): MeetingVideo {
  return video.provider === 'jitsi' ? { provider: 'jitsi' } : video;
}

type StoredMeeting = Omit<MeetingsTable, 'form' | 'mode'> & { form: string; mode: string; placeName: string | null };

function meetingOf(row: StoredMeeting): MeetingRow {
  const { placeId, placeName, ...rest } = row;
  return {
    ...rest,
    status: statusOf(row),
    form: readEnum(MeetingForms, row.form, `form of meeting ${row.id}`),
    mode: readEnum(MeetingModes, row.mode, `mode of meeting ${row.id}`),
    place: placeId ? { id: placeId, name: placeName ?? '' } : null,
    video: row.video === null ? null : publicVideo(storedVideo(row.id, row.video)),
  };
}

const storedVideo = (id: string, json: string) => readJson(storedMeetingVideo, json, `video of meeting ${id}`);

/** The place's name beside a meeting's columns. */
const placeName = sql<string | null>`(select name from orgs where orgs.id = meetings.place_id)`.as('placeName');

/** Meetings of topics and their speech logs. */
export class MeetingsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async insert(row: NewMeetingRow): Promise<void> {
    const { place, video, ...rest } = row;
    await this.db
      .insertInto('meetings')
      .values({ ...rest, placeId: place?.id ?? null, video: video && JSON.stringify(video) })
      .execute();
  }

  /** The titles of those of these meetings that belong to a topic of `orgId`, by id. */
  async titlesIn(orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('meetings')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .select(['meetings.id', 'meetings.title'])
      .where('topics.orgId', '=', orgId)
      .where('meetings.id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  async find(id: string): Promise<MeetingRow | undefined> {
    const row = await this.db
      .selectFrom('meetings')
      .selectAll()
      .select(placeName)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && meetingOf(row);
  }

  /** The meetings of `orgId`'s topics that were held (ended) and started in [from, to), by start. */
  async heldInOrg(orgId: string, from: string, to: string): Promise<MeetingRow[]> {
    const rows = await this.db
      .selectFrom('meetings')
      .innerJoin('topics', 'topics.id', 'meetings.topicId')
      .selectAll('meetings')
      .select(placeName)
      .where('topics.orgId', '=', orgId)
      .where('meetings.status', '=', 'ended')
      .where('meetings.startsAt', '>=', from)
      .where('meetings.startsAt', '<', to)
      .orderBy('meetings.startsAt')
      .orderBy('meetings.id')
      .execute();
    return rows.map(meetingOf);
  }

  /** A meeting's conference as kept, a Jitsi room's name included (for those who may join it). */
  async video(id: string): Promise<StoredMeetingVideo | null> {
    const row = await this.db.selectFrom('meetings').select('video').where('id', '=', id).executeTakeFirst();
    return row?.video ? storedVideo(id, row.video) : null;
  }

  /** A topic's meetings with the number of distinct speakers in each one's log. */
  async forTopic(topicId: string): Promise<(MeetingRow & { distinctSpeakers: number })[]> {
    const rows = await this.db
      .selectFrom('meetings')
      .leftJoin('speeches', 'speeches.meetingId', 'meetings.id')
      .selectAll('meetings')
      .select(placeName)
      .select((eb) => eb.fn.count<number>('speeches.speakerId').distinct().as('distinctSpeakers'))
      .where('meetings.topicId', '=', topicId)
      .groupBy('meetings.id')
      .orderBy('meetings.startsAt')
      .execute();
    return rows.map(({ distinctSpeakers, ...r }) => ({ ...meetingOf(r), distinctSpeakers: Number(distinctSpeakers) }));
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

  /** Records when an ended meeting really began and ended. */
  async setTimes(id: string, openedAt: string, endedAt: string): Promise<void> {
    await this.db.updateTable('meetings').set({ openedAt, endedAt }).where('id', '=', id).execute();
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
