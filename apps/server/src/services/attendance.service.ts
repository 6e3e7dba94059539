import type { AttendanceBody, AttendanceDraft, AttendanceView, PresenceView, Site } from '@yishi/protocol';
import { allows } from '@yishi/procedure';
import type { Actor } from '../auth/policy.js';
import { DomainError, notFound } from '../errors.js';
import type { MeetingRow } from '../store/meetings.repo.js';
import { siteIn, withSites } from './attendance.js';
import { meetingAttendance } from './attendance-facts.js';
import { topicEntry } from './audit.service.js';
import { spliceAttendance } from './minutes-text.js';
import { requireCapability, type TopicAccess } from './topic-access.js';
import type { TopicsDeps } from './topics.service.js';

/**
 * Attendance a clerk can trust: where each person takes part (from the meeting's mode, or in a
 * hybrid meeting what they or the chair said, remembered for the meeting), recorded when they come
 * into the open meeting's room, and corrected by the chair or secretariat until the minutes are
 * approved. The corrections are audited, and written into a saved draft of the minutes too.
 */
export class AttendanceService {
  constructor(private readonly deps: TopicsDeps) {}

  /** A presence view with where each person takes part. */
  async presence(view: PresenceView): Promise<PresenceView> {
    const meeting = await this.deps.store.meetings.find(view.meetingId);
    if (!meeting) return view;
    const sites = meeting.mode === 'hybrid' ? await this.deps.store.minutes.sites(meeting.id) : new Map<string, Site>();
    return { ...view, participants: withSites(meeting.mode, view.participants, sites) };
  }

  /**
   * Someone comes into the room: where they said they are is remembered (in a hybrid meeting), and
   * while the meeting is open they attend it, in the hall or remote.
   */
  async arrive(meeting: MeetingRow, userId: string, where: Site | undefined): Promise<void> {
    const now = this.now();
    const said = meeting.mode === 'hybrid' ? where : undefined;
    if (said) await this.deps.store.minutes.chooseSite(meeting.id, userId, said, userId, now);
    if (meeting.status !== 'open') return;
    const site = siteIn(meeting.mode, said ?? (await this.deps.store.minutes.sites(meeting.id)).get(userId));
    await this.deps.store.minutes.attended(meeting.id, userId, now, site);
    if (said) await this.deps.store.minutes.placed(meeting.id, userId, said);
  }

  /** Where someone in the room of a hybrid meeting takes part, as they (or the chair) said. */
  async choose(meeting: MeetingRow, userId: string, site: Site, by: string): Promise<void> {
    if (meeting.mode !== 'hybrid') {
      throw new DomainError('CONFLICT', 'The meeting’s mode says where everyone takes part');
    }
    if (meeting.status === 'ended') throw new DomainError('CONFLICT', 'The meeting has ended');
    const now = this.now();
    await this.deps.store.minutes.chooseSite(meeting.id, userId, site, by, now);
    if (meeting.status !== 'open') return;
    await this.deps.store.minutes.attended(meeting.id, userId, now, site);
    await this.deps.store.minutes.placed(meeting.id, userId, site);
  }

  /**
   * Those in the room when a meeting opened attend it too: each node records its own people in the
   * open meetings of a topic that changed (opening a meeting changes its topic).
   */
  async recordPresent(topicId: string, here: ReadonlyMap<string, readonly string[]>): Promise<void> {
    if (here.size === 0) return;
    const meetings = await this.deps.store.meetings.forTopic(topicId);
    for (const meeting of meetings.filter((m) => m.status === 'open' && here.has(m.id))) {
      const sites = await this.deps.store.minutes.sites(meeting.id);
      for (const userId of here.get(meeting.id)!) {
        await this.deps.store.minutes.attended(meeting.id, userId, this.now(), siteIn(meeting.mode, sites.get(userId)));
      }
    }
  }

  /** A meeting's attendance, for anyone who may see its topic. */
  async view(actor: Actor, meetingId: string): Promise<AttendanceView> {
    const { meeting, access } = await this.load(actor, meetingId);
    return this.viewOf(meeting, access);
  }

  /**
   * The chair or secretariat corrects attendance (in the hall, remote, absent) once the meeting has
   * opened and until its minutes are approved. A saved draft of the minutes gets the corrected
   * attendance in place of its attendance section, when it still has one.
   */
  async correct(
    actor: Actor,
    meetingId: string,
    body: AttendanceBody,
  ): Promise<{ attendance: AttendanceView; draft: AttendanceDraft }> {
    const { meeting, access } = await this.load(actor, meetingId);
    requireCapability(access, 'editMinutes');
    if (meeting.status === 'scheduled') throw new DomainError('CONFLICT', 'The meeting has not opened yet');
    await this.checkPeople(meeting, access, body);
    const now = this.now();
    const draft = await this.deps.store.transaction(async (tx) => {
      await tx.minutes.lock(meetingId);
      const minutes = await tx.minutes.find(meetingId);
      if (minutes?.status === 'approved') {
        throw new DomainError('CONFLICT', 'Approved minutes can no longer be changed');
      }
      for (const { userId, status } of body.entries) {
        await tx.minutes.correct(meetingId, userId, status, actor.user.id, now);
      }
      await tx.audit.append(topicEntry(access, 'attendance.corrected', now, { meetingId, entries: body.entries }));
      if (!minutes) return 'none' as const;
      const people = await meetingAttendance(tx, meeting, access.topic);
      const spliced = spliceAttendance(minutes.body, people);
      if (spliced === null) return 'untouched' as const;
      await tx.minutes.saveDraft(meetingId, spliced, actor.user.id, now);
      return 'updated' as const;
    });
    return { attendance: await this.viewOf(meeting, access), draft };
  }

  /** Everyone corrected must be concerned by the meeting: listed already, or of the topic's organisation. */
  private async checkPeople(meeting: MeetingRow, access: TopicAccess, body: AttendanceBody): Promise<void> {
    const [people, members] = await Promise.all([
      meetingAttendance(this.deps.store, meeting, access.topic),
      this.deps.store.memberships.membersOf(access.topic.orgId),
    ]);
    const known = new Set([...people.map((p) => p.userId), ...members.map((m) => m.userId)]);
    const unknown = body.entries.flatMap(({ userId }, i) =>
      known.has(userId)
        ? []
        : [{ path: `entries.${i}.userId`, message: 'not someone of this meeting or its organisation' }],
    );
    if (unknown.length > 0) throw new DomainError('VALIDATION', 'Invalid request body', unknown);
  }

  private async viewOf(meeting: MeetingRow, access: TopicAccess): Promise<AttendanceView> {
    const [people, minutes] = await Promise.all([
      meetingAttendance(this.deps.store, meeting, access.topic),
      this.deps.store.minutes.find(meeting.id),
    ]);
    const editable =
      meeting.status !== 'scheduled' &&
      minutes?.status !== 'approved' &&
      allows('editMinutes', access.roles, access.topic.stage);
    return { meetingId: meeting.id, mode: meeting.mode, editable, people };
  }

  private async load(actor: Actor, meetingId: string): Promise<{ meeting: MeetingRow; access: TopicAccess }> {
    const meeting = await this.deps.store.meetings.find(meetingId);
    if (!meeting) throw notFound('Meeting');
    return { meeting, access: await this.deps.access.load(actor, meeting.topicId) };
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
