import { canOpenMeeting } from '@yishi/procedure';
import type {
  CreateMeetingBody,
  Meeting,
  MeetingStatus,
  MeetingTimesBody,
  RecordSpeechBody,
  Speech,
  SpeechKind,
} from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import type { MeetingRow, NewMeetingRow } from '../store/meetings.repo.js';
import { requireCapability, type TopicAccess } from './topic-access.js';
import { toSnapshot } from './topic-snapshot.js';
import type { TopicsDeps, TopicsService } from './topics.service.js';
import type { RoomService } from './room.service.js';
import type { PollsService } from './polls.service.js';
import { topicEntry } from './audit.service.js';
import { spliceTime } from './minutes-text.js';
import type { VideoService } from './video.service.js';

/**
 * Meetings of a topic: scheduled in preparation, opened only in consultation and after research
 * (不调研不协商), closed by the chair or secretariat. Their speech logs are the interaction evidence
 * that step 5 reads.
 */
export class MeetingsService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly topicsService: TopicsService,
    private readonly room: RoomService,
    private readonly polls: PollsService,
    private readonly video: Pick<VideoService, 'forNewMeeting'>,
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async schedule(actor: Actor, topicId: string, body: CreateMeetingBody): Promise<Meeting> {
    const access = await this.deps.access.load(actor, topicId);
    requireCapability(access, 'scheduleMeeting');
    const row: NewMeetingRow = {
      id: newId(),
      topicId,
      title: body.title,
      startsAt: new Date(body.startsAt).toISOString(),
      status: 'scheduled',
      openedAt: null,
      endedAt: null,
      createdBy: actor.user.id,
      createdAt: this.now(),
      form: body.form,
      mode: body.mode,
      place: body.placeId ? await this.place(access.topic.orgId, body.placeId) : null,
      location: body.location ?? null,
      video: this.video.forNewMeeting(body.video),
    };
    await this.deps.store.transaction(async (tx) => {
      await tx.meetings.insert(row);
      const details = { meetingId: row.id, title: row.title, startsAt: row.startsAt };
      await tx.audit.append(topicEntry(access, 'meeting.created', row.createdAt, details));
    });
    await this.room.prepare(row.id);
    await this.deps.events.emit('topic.changed', { topicId: topicId });
    return this.view((await this.deps.store.meetings.find(row.id))!);
  }

  async get(actor: Actor, meetingId: string): Promise<{ meeting: Meeting; speeches: Speech[] }> {
    const { meeting } = await this.load(actor, meetingId);
    return { meeting: await this.view(meeting), speeches: await this.speeches(meetingId) };
  }

  /** Opens a scheduled meeting: GATE_BLOCKED, naming the gates, before consultation or research. */
  async open(actor: Actor, meetingId: string): Promise<Meeting> {
    const { meeting, access } = await this.load(actor, meetingId);
    requireCapability(access, 'runMeeting');
    const unmet = canOpenMeeting(toSnapshot(await this.topicsService.record(access)));
    if (unmet.length > 0) {
      throw new DomainError('GATE_BLOCKED', `The meeting cannot open yet: ${unmet.map((u) => u.message).join('; ')}`, {
        unmet,
      });
    }
    return this.move(access, meeting, 'scheduled', 'open');
  }

  /** Ends an open meeting; its queue closes too (the speaker on the floor is logged) and turns read-only. */
  async close(actor: Actor, meetingId: string): Promise<Meeting> {
    const { meeting, access } = await this.load(actor, meetingId);
    requireCapability(access, 'runMeeting');
    const ended = await this.move(access, meeting, 'open', 'ended');
    const member = await this.room.member(actor, meetingId);
    await this.room.command(member, { type: 'close' });
    await this.polls.closeWithMeeting(member);
    return this.view((await this.deps.store.meetings.find(ended.id))!);
  }

  /** A speech given in person, recorded afterwards by the chair or secretariat. */
  async recordSpeech(actor: Actor, meetingId: string, body: RecordSpeechBody): Promise<Speech> {
    const { meeting, access } = await this.load(actor, meetingId);
    requireCapability(access, 'runMeeting');
    if (meeting.status === 'scheduled') throw new DomainError('CONFLICT', 'The meeting has not opened yet');
    const speaker = await this.deps.store.memberships.find(access.topic.orgId, body.speakerId);
    if (!speaker?.active) {
      throw new DomainError('VALIDATION', 'Invalid request body', [
        { path: 'speakerId', message: 'not an active member of this organisation' },
      ]);
    }
    const startedAt = new Date(body.startedAt).toISOString();
    const endedAt = new Date(body.endedAt).toISOString();
    const row = {
      id: newId(),
      meetingId,
      speakerId: body.speakerId,
      kind: body.kind,
      agendaItemId: null,
      startedAt,
      endedAt,
      durationSeconds: Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / 1000),
      source: 'manual' as const,
      recordedBy: actor.user.id,
    };
    await this.deps.store.transaction(async (tx) => {
      await tx.meetings.insertSpeech(row);
      const details = { meetingId, speechId: row.id, speakerId: row.speakerId, kind: row.kind };
      await tx.audit.append(topicEntry(access, 'speech.recorded', this.now(), details));
    });
    await this.deps.events.emit('topic.changed', { topicId: meeting.topicId });
    const names = await this.deps.store.users.displayNames([row.speakerId]);
    return this.speechView(row, names);
  }

  /**
   * Records when an ended meeting really began and ended: one held in the hall and opened in Yishi
   * late, or closed long after it ended, its speeches recorded afterwards. The minutes print these
   * times; a draft of them gets the new time line. Refused once the minutes are approved.
   */
  async correctTimes(
    actor: Actor,
    meetingId: string,
    body: MeetingTimesBody,
  ): Promise<{ meeting: Meeting; draft: 'none' | 'updated' | 'untouched' }> {
    const { meeting, access } = await this.load(actor, meetingId);
    requireCapability(access, 'editMinutes');
    if (meeting.status !== 'ended') throw new DomainError('CONFLICT', 'Only an ended meeting has times to correct');
    const openedAt = new Date(body.openedAt).toISOString();
    const endedAt = new Date(body.endedAt).toISOString();
    const now = this.now();
    if (endedAt > now) {
      throw new DomainError('VALIDATION', 'Invalid request body', [
        { path: 'endedAt', message: 'must not be in the future' },
      ]);
    }
    const draft = await this.deps.store.transaction(async (tx) => {
      await tx.minutes.lock(meetingId);
      const minutes = await tx.minutes.find(meetingId);
      if (minutes?.status === 'approved') {
        throw new DomainError('CONFLICT', 'Approved minutes can no longer be changed');
      }
      await tx.meetings.setTimes(meetingId, openedAt, endedAt);
      const details = {
        meetingId,
        from: { openedAt: meeting.openedAt, endedAt: meeting.endedAt },
        to: { openedAt, endedAt },
      };
      await tx.audit.append(topicEntry(access, 'meeting.times_corrected', now, details));
      if (!minutes) return 'none' as const;
      const spliced = spliceTime(minutes.body, { ...meeting, openedAt, endedAt });
      if (spliced === null) return 'untouched' as const;
      await tx.minutes.saveDraft(meetingId, spliced, actor.user.id, now);
      return 'updated' as const;
    });
    await this.deps.events.emit('topic.changed', { topicId: meeting.topicId });
    return { meeting: await this.view((await this.deps.store.meetings.find(meetingId))!), draft };
  }

  private async load(actor: Actor, meetingId: string): Promise<{ meeting: MeetingRow; access: TopicAccess }> {
    const meeting = await this.deps.store.meetings.find(meetingId);
    if (!meeting) throw notFound('Meeting');
    return { meeting, access: await this.deps.access.load(actor, meeting.topicId) };
  }

  private async move(
    access: TopicAccess,
    meeting: MeetingRow,
    from: MeetingStatus,
    to: MeetingStatus,
  ): Promise<Meeting> {
    const now = this.now();
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.meetings.setStatus(meeting.id, from, to, now))) {
        throw new DomainError('CONFLICT', `The meeting is ${meeting.status}, not ${from}`);
      }
      const action = to === 'open' ? 'meeting.opened' : 'meeting.ended';
      await tx.audit.append(topicEntry(access, action, now, { meetingId: meeting.id }));
    });
    await this.deps.events.emit('topic.changed', { topicId: meeting.topicId });
    const updated = await this.deps.store.meetings.find(meeting.id);
    return this.view(updated!);
  }

  /** A meeting's place: a liaison station or consultation room under the topic's organisation. */
  private async place(orgId: string, placeId: string): Promise<{ id: string; name: string }> {
    const place = (await this.deps.store.tree.subtree([orgId])).find((o) => o.id === placeId);
    if (!place || (place.level !== 'liaison_station' && place.level !== 'consultation_room')) {
      throw new DomainError('VALIDATION', 'Invalid request body', [
        { path: 'placeId', message: 'not a liaison station or consultation room under this organisation' },
      ]);
    }
    return { id: place.id, name: place.name };
  }

  private async view(meeting: MeetingRow): Promise<Meeting> {
    const all = await this.deps.store.meetings.forTopic(meeting.topicId);
    const distinctSpeakers = all.find((m) => m.id === meeting.id)?.distinctSpeakers ?? 0;
    const { createdBy: _by, createdAt: _at, ...rest } = meeting;
    return { ...rest, distinctSpeakers };
  }

  private async speeches(meetingId: string): Promise<Speech[]> {
    const rows = await this.deps.store.meetings.speeches(meetingId);
    const names = await this.deps.store.users.displayNames(rows.map((r) => r.speakerId));
    return rows.map((r) => this.speechView(r, names));
  }

  private speechView(
    row: {
      id: string;
      meetingId: string;
      speakerId: string;
      kind: string;
      startedAt: string;
      endedAt: string;
      durationSeconds: number;
    },
    names: ReadonlyMap<string, string>,
  ): Speech {
    return {
      id: row.id,
      meetingId: row.meetingId,
      speaker: { id: row.speakerId, displayName: names.get(row.speakerId) ?? '?' },
      kind: row.kind as SpeechKind,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      durationSeconds: row.durationSeconds,
    };
  }
}
