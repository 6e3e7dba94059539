import type { PresenceParticipant, PresenceView } from '@yishi/protocol';
import type { Clock } from '../deps.js';

interface Person {
  info: Omit<PresenceParticipant, 'online' | 'since'>;
  sockets: Set<string>;
  online: boolean;
  since: number;
  offlineTimer: NodeJS.Timeout | undefined;
}

/**
 * Who is in each meeting's room, on this node. A person is online while any of their sockets is in
 * the room; when the last one leaves they stay "online" for a grace period, so that a reconnecting
 * phone or a page reload does not flicker in everyone's list.
 */
export class PresenceTracker {
  private readonly rooms = new Map<string, Map<string, Person>>();

  constructor(
    private readonly clock: Clock,
    private readonly graceMs: number,
    private readonly changed: (view: PresenceView) => void,
  ) {}

  view(meetingId: string): PresenceView {
    const people = [...(this.rooms.get(meetingId)?.values() ?? [])];
    const participants = people
      .map((p) => ({ ...p.info, online: p.online, since: p.since }))
      .sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName, 'zh-CN'));
    return { meetingId, participants };
  }

  enter(meetingId: string, socketId: string, info: Person['info']): void {
    const room = this.rooms.get(meetingId) ?? new Map<string, Person>();
    this.rooms.set(meetingId, room);
    const person = room.get(info.userId);
    if (!person) {
      room.set(info.userId, {
        info,
        sockets: new Set([socketId]),
        online: true,
        since: this.now(),
        offlineTimer: undefined,
      });
      this.changed(this.view(meetingId));
      return;
    }
    person.sockets.add(socketId);
    clearTimeout(person.offlineTimer);
    person.offlineTimer = undefined;
    if (!person.online) {
      person.online = true;
      person.since = this.now();
      this.changed(this.view(meetingId));
    }
  }

  leave(meetingId: string, socketId: string, userId: string): void {
    const person = this.rooms.get(meetingId)?.get(userId);
    if (!person?.sockets.delete(socketId) || person.sockets.size > 0) return;
    person.offlineTimer = setTimeout(() => {
      person.offlineTimer = undefined;
      person.online = false;
      person.since = this.now();
      this.changed(this.view(meetingId));
    }, this.graceMs);
    person.offlineTimer.unref();
  }

  /** Stops every grace timer (at shutdown). */
  close(): void {
    for (const room of this.rooms.values()) for (const person of room.values()) clearTimeout(person.offlineTimer);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
