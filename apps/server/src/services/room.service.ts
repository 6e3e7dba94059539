import {
  apply,
  createQueue,
  logRecords,
  totals,
  type QueueActor,
  type QueueCommand,
  type QueueRole,
  type QueueState,
} from '@yishi/queue';
import type {
  Ack,
  AgendaItemView,
  MeetingJoined,
  MeetingSettingsBody,
  PresenceView,
  QueueView,
  Site,
} from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { DomainError, forbidden, notFound } from '../errors.js';
import type { MeetingRow } from '../store/meetings.repo.js';
import type { AttendanceService } from './attendance.service.js';
import type { PresenceTracker } from './presence.js';
import { hasRole, requireCapability, type TopicAccess } from './topic-access.js';
import { allows } from '@yishi/procedure';
import { agendaDocName } from './draft-doc.js';
import type { TopicsDeps } from './topics.service.js';

export interface RoomDeps extends TopicsDeps {
  presence: PresenceTracker;
}

/** Someone in a meeting's room: who they are to the queue. */
/** The commands that moderate the queue (everything but a member raising or withdrawing a hand): audited. */
const MODERATION: ReadonlySet<QueueCommand['type']> = new Set([
  'grant',
  'next',
  'move',
  'remove',
  'finish',
  'pause',
  'resume',
  'addTime',
  'close',
]);

export interface RoomMember {
  meeting: MeetingRow;
  access: TopicAccess;
  queueActor: QueueActor;
}

/**
 * The live room of a meeting: who may do what in its speaker queue, each command applied by the pure
 * queue in one store transaction (state, version, speech log and idempotency record together), and
 * the new state broadcast after the commit.
 */
export class RoomService {
  constructor(
    private readonly deps: RoomDeps,
    /** Who is where: the room records arrivals and choices of place, which the minutes print. */
    private readonly attendance: AttendanceService,
  ) {}

  /** The chair and secretariat run the room; participants take the floor; anyone else who may see the topic watches. */
  async member(actor: Actor, meetingId: string): Promise<RoomMember> {
    const meeting = await this.deps.store.meetings.find(meetingId);
    if (!meeting) throw notFound('Meeting');
    const access = await this.deps.access.load(actor, meeting.topicId);
    const membership = await this.deps.store.memberships.find(access.topic.orgId, actor.user.id);
    const stage = access.topic.stage;
    let role: QueueRole = 'observer';
    if (allows('moderateQueue', access.roles, stage)) role = hasRole(access, 'chair') ? 'chair' : 'secretariat';
    else if (allows('takeFloor', access.roles, stage)) role = membership?.role === 'official' ? 'official' : 'member';
    return {
      meeting,
      access,
      queueActor: {
        userId: actor.user.id,
        role,
        displayName: actor.user.displayName,
        sector: membership?.sector ?? null,
      },
    };
  }

  /**
   * Enters the room. `where` (a hybrid meeting) is where the person takes part, remembered for the
   * meeting; while it is open they attend it, for the minutes.
   */
  async join(actor: Actor, meetingId: string, where?: Site): Promise<{ member: RoomMember; joined: MeetingJoined }> {
    const member = await this.member(actor, meetingId);
    const { meeting, access } = member;
    await this.attendance.arrive(meeting, actor.user.id, where);
    const all = await this.deps.store.meetings.forTopic(meeting.topicId);
    const distinctSpeakers = all.find((m) => m.id === meeting.id)?.distinctSpeakers ?? 0;
    const { createdBy: _by, createdAt: _at, ...rest } = meeting;
    return {
      member,
      joined: {
        meeting: { ...rest, distinctSpeakers, topicTitle: access.topic.title },
        queue: await this.view(meetingId),
        presence: await this.presence(meetingId),
        role: member.queueActor.role,
        agenda: await this.agenda(meetingId),
      },
    };
  }

  /** Who is in the room, with where each takes part; `view` is presence as the tracker last saw it. */
  async presence(meetingId: string, view?: PresenceView): Promise<PresenceView> {
    return this.attendance.presence(view ?? (await this.deps.presence.view(meetingId)));
  }

  /**
   * In a hybrid meeting, where someone in the room takes part: the member themself, or anyone in the
   * room for the chair or secretariat. Everyone in the room sees it.
   */
  async where(member: RoomMember, site: Site, userId = member.queueActor.userId): Promise<void> {
    const { meeting, queueActor } = member;
    if (userId !== queueActor.userId) {
      if (queueActor.role !== 'chair' && queueActor.role !== 'secretariat') {
        throw forbidden('Only the chair or secretariat may say where someone else takes part');
      }
      const inRoom = (await this.deps.presence.view(meeting.id)).participants.some((p) => p.userId === userId);
      if (!inRoom) {
        throw new DomainError('VALIDATION', 'Invalid payload', [{ path: 'userId', message: 'not in this room' }]);
      }
    }
    await this.attendance.choose(meeting, userId, site, queueActor.userId);
    await this.deps.events.emit('presence.changed', await this.deps.presence.view(meeting.id));
  }

  /** Records as attending the people on this node who are in a meeting of the topic that is now open. */
  async recordPresent(topicId: string): Promise<void> {
    await this.attendance.recordPresent(topicId, this.deps.presence.here());
  }

  /** Gives a newly scheduled meeting its queue, with the default time limits. */
  async prepare(meetingId: string): Promise<void> {
    await this.deps.store.queues.create(meetingId, createQueue(), this.deps.clock.now().toISOString());
  }

  /** The official a question is put to: an active official of the topic's organisation. */
  async official(member: RoomMember, userId: string): Promise<{ userId: string; displayName: string }> {
    const membership = await this.deps.store.memberships.find(member.access.topic.orgId, userId);
    if (!membership?.active || membership.role !== 'official') {
      throw new DomainError('VALIDATION', 'Invalid payload', [
        { path: 'questionTo', message: 'not an official of this organisation' },
      ]);
    }
    const names = await this.deps.store.users.displayNames([userId]);
    return { userId, displayName: names.get(userId) ?? '?' };
  }

  async view(meetingId: string): Promise<QueueView> {
    const state = (await this.deps.store.queues.load(meetingId)) ?? createQueue();
    return toView(meetingId, state, this.deps.clock.now().getTime());
  }

  /**
   * Applies one command. A `commandId` the same person sent before for an applied command gets the
   * first answer again, unapplied. The queue
   * of a meeting that has not opened takes no command; a closed one refuses them in the queue itself.
   */
  async command(member: RoomMember, command: QueueCommand, commandId?: string): Promise<Ack<object>> {
    const { meeting } = member;
    if (meeting.status === 'scheduled') throw new DomainError('CONFLICT', 'The meeting has not opened yet');
    const now = this.deps.clock.now();
    let accepted: QueueState | undefined;
    let logged = false;
    const ack = await this.deps.store.transaction(async (tx) => {
      // The queue's row first: commands for one meeting take turns, on one node or several, and a
      // retried commandId is looked up only once the first attempt has committed or failed.
      const state = (await tx.queues.loadForUpdate(meeting.id)) ?? createQueue();
      if (commandId) {
        const earlier = await tx.queues.answered(meeting.id, member.queueActor.userId, commandId);
        if (earlier) return earlier as Ack<object>;
      }
      const result = apply(state, command, { now: now.getTime(), newId, actor: member.queueActor });
      let answer: Ack<object>;
      if (!result.ok) {
        answer = { ok: false, error: result.error };
      } else {
        if (!(await tx.queues.save(meeting.id, state.version, result.state, now.toISOString()))) {
          throw new DomainError('CONFLICT', 'The queue changed meanwhile; try again');
        }
        for (const event of result.events) {
          if (event.type !== 'speech_finished') continue;
          logged = true;
          await tx.meetings.insertSpeech({
            id: newId(),
            meetingId: meeting.id,
            entryId: event.entryId,
            speakerId: event.userId,
            kind: event.kind,
            agendaItemId: null,
            startedAt: new Date(event.startedAt).toISOString(),
            endedAt: new Date(event.endedAt).toISOString(),
            durationSeconds: Math.round(event.durationMs / 1000),
            source: 'live',
            recordedBy: event.finishedBy,
          });
        }
        await tx.queues.appendLog(meeting.id, now.toISOString(), logRecords(state, result.events));
        const added = result.events.find((e) => e.type === 'entry_added');
        answer = added ? ({ ok: true, entry: added.entry } as Ack<{ entry: unknown }>) : { ok: true };
        accepted = result.state;
        if (MODERATION.has(command.type)) {
          await tx.audit.append({
            log: member.access.topic.orgId,
            at: now.toISOString(),
            actorId: member.queueActor.userId,
            action: 'queue.moderated',
            subject: { type: 'meeting', id: meeting.id },
            details: { command },
          });
        }
      }
      // Only an applied command is kept, for its retry: a refused one changed nothing and may be sent again.
      if (commandId && accepted) {
        const row = { meetingId: meeting.id, commandId, userId: member.queueActor.userId, result: answer };
        await tx.queues.remember({ ...row, createdAt: now.toISOString() });
      }
      return answer;
    });
    if (accepted) {
      await this.deps.events.emit('queue.changed', toView(meeting.id, accepted, this.deps.clock.now().getTime()));
      // Only a finished turn changes the topic (its speech log and step 5), not every queue move.
      if (logged) await this.deps.events.emit('topic.changed', { topicId: meeting.topicId });
    }
    return ack;
  }

  /** The meeting's time limits and ordering, for anyone who may see its topic. */
  async currentSettings(actor: Actor, meetingId: string): Promise<QueueState['settings']> {
    await this.member(actor, meetingId);
    return ((await this.deps.store.queues.load(meetingId)) ?? createQueue()).settings;
  }

  /** Sets time limits and ordering before the meeting opens (chair or secretariat). */
  async settings(actor: Actor, meetingId: string, body: MeetingSettingsBody): Promise<QueueView> {
    const { meeting, access } = await this.member(actor, meetingId);
    requireCapability(access, 'runMeeting');
    if (meeting.status !== 'scheduled')
      throw new DomainError('CONFLICT', 'Time limits are set before the meeting opens');
    const next = await this.deps.store.transaction(async (tx) => {
      // Locked: two settings saved at once are applied one after the other, not one over the other.
      const current = (await tx.queues.loadForUpdate(meetingId)) ?? createQueue();
      const settings = { ...current.settings, ...body, limits: { ...current.settings.limits, ...body.limits } };
      // The next version, so that every screen already in the room takes the new rules.
      const queue = { ...createQueue(settings), version: current.version + 1 };
      await tx.queues.replace(meetingId, queue, this.deps.clock.now().toISOString());
      return queue;
    });
    const view = toView(meetingId, next, this.deps.clock.now().getTime());
    await this.deps.events.emit('queue.changed', view);
    // The topic page shows each meeting's rules too.
    await this.deps.events.emit('topic.changed', { topicId: meeting.topicId });
    return view;
  }

  /** The agenda as stored in its Yjs document (edited live once the agenda editor lands). */
  private async agenda(meetingId: string): Promise<AgendaItemView[]> {
    const doc = await this.deps.store.docs.load(agendaDocName(meetingId));
    return doc
      .getArray<{ toJSON(): unknown }>('items')
      .toArray()
      .map((item) => item.toJSON() as AgendaItemView);
  }
}

function toView(meetingId: string, state: QueueState, now: number): QueueView {
  return {
    meetingId,
    version: state.version,
    current: state.current,
    waiting: state.waiting,
    // Finished speeches only, so that every copy of a version is the same; clients add the live turn.
    totals: totals(state),
    settings: state.settings,
    closed: state.closed,
    serverNow: now,
  };
}
