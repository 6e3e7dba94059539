import type { PresenceParticipant, PresenceView } from '@yishi/protocol';
import type { Clock } from '../deps.js';

type PersonInfo = Omit<PresenceParticipant, 'online' | 'since' | 'where'>;

/** One node's record of one person in one meeting's room. */
export interface PresenceEntry {
  info: PersonInfo;
  /** How many of the person's sockets are in the room on that node. */
  sockets: number;
  /** When the person came in on that node. */
  since: number;
  /** When their last socket on that node left; null while one is in. */
  leftAt: number | null;
  /** The node's last heartbeat for this entry: an entry not renewed is from a node that is gone. */
  seenAt: number;
}

/** Where the entries live: this process alone, or Redis, shared by every node. */
export interface PresenceBackend {
  put(meetingId: string, node: string, entry: PresenceEntry): Promise<void>;
  all(meetingId: string): Promise<PresenceEntry[]>;
}

/** Entries in this process: one node, nothing shared. */
export class MemoryPresenceBackend implements PresenceBackend {
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();

  put(meetingId: string, node: string, entry: PresenceEntry): Promise<void> {
    const room = this.rooms.get(meetingId) ?? new Map<string, PresenceEntry>();
    this.rooms.set(meetingId, room);
    room.set(`${node}\u0000${entry.info.userId}`, { ...entry });
    return Promise.resolve();
  }

  all(meetingId: string): Promise<PresenceEntry[]> {
    return Promise.resolve([...(this.rooms.get(meetingId)?.values() ?? [])]);
  }
}

export interface PresenceTiming {
  /** How long someone who dropped still shows as online. */
  graceMs: number;
  /** How often a node renews its entries. */
  heartbeatMs: number;
}

/**
 * Who is in a meeting's room, from every node's entries (docs/architecture.md). A person is online while a
 * socket of theirs is in the room on any node that is still alive (renews its entries); when the
 * last one leaves they stay online for a grace period, so that a reconnecting phone or a page
 * reload does not flicker in everyone's list. Where each person takes part is not presence's to
 * know (`where` is null here): the room fills it in from the meeting's mode and what was said.
 */
export function presenceView(
  meetingId: string,
  entries: PresenceEntry[],
  now: number,
  timing: PresenceTiming,
): PresenceView {
  const staleAfter = 3 * timing.heartbeatMs;
  const people = new Map<string, { info: PersonInfo; online: boolean; since: number; left: number }>();
  for (const entry of entries) {
    const alive = now - entry.seenAt <= staleAfter;
    const inRoom = entry.sockets > 0 && alive;
    // A node that stopped renewing left when it was last seen.
    const leftAt = inRoom ? null : (entry.leftAt ?? entry.seenAt);
    const online = inRoom || (leftAt !== null && now - leftAt < timing.graceMs);
    const person = people.get(entry.info.userId);
    if (!person) {
      people.set(entry.info.userId, {
        info: entry.info,
        online,
        since: online ? entry.since : (leftAt ?? now) + timing.graceMs,
        left: leftAt ?? now,
      });
      continue;
    }
    if (online && !person.online) person.since = entry.since;
    else if (online) person.since = Math.min(person.since, entry.since);
    else if (!person.online) person.since = Math.max(person.since, (leftAt ?? now) + timing.graceMs);
    person.online ||= online;
  }
  const participants = [...people.values()]
    .map((p) => ({ ...p.info, online: p.online, since: p.since, where: null }))
    .sort((a, b) => Number(b.online) - Number(a.online) || a.displayName.localeCompare(b.displayName, 'zh-CN'));
  return { meetingId, participants };
}

interface Local {
  entry: PresenceEntry;
  socketIds: Set<string>;
  graceTimer: NodeJS.Timeout | undefined;
}

/**
 * This node's part of presence: its own sockets per room and person, written to the backend, renewed
 * by a heartbeat, and a view announced whenever it changes — when someone comes in, when the grace
 * of someone who left runs out, and when a heartbeat finds that another node's people are gone.
 */
export class PresenceTracker {
  private readonly local = new Map<string, Map<string, Local>>();
  /** The last view announced per room, to announce only changes. */
  private readonly announced = new Map<string, string>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly node: string,
    private readonly backend: PresenceBackend,
    private readonly clock: Clock,
    private readonly timing: PresenceTiming,
    private readonly changed: (view: PresenceView) => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {
    this.heartbeat = setInterval(() => void this.renew().catch(onError), timing.heartbeatMs);
    this.heartbeat.unref();
  }

  async view(meetingId: string): Promise<PresenceView> {
    return presenceView(meetingId, await this.backend.all(meetingId), this.now(), this.timing);
  }

  async enter(meetingId: string, socketId: string, info: PersonInfo): Promise<void> {
    const room = this.local.get(meetingId) ?? new Map<string, Local>();
    this.local.set(meetingId, room);
    const now = this.now();
    const person = room.get(info.userId) ?? {
      entry: { info, sockets: 0, since: now, leftAt: null, seenAt: now },
      socketIds: new Set<string>(),
      graceTimer: undefined,
    };
    room.set(info.userId, person);
    clearTimeout(person.graceTimer);
    person.graceTimer = undefined;
    person.socketIds.add(socketId);
    // Back within the grace period: still the same stay in the room.
    if (person.entry.leftAt !== null && now - person.entry.leftAt >= this.timing.graceMs) person.entry.since = now;
    person.entry = { ...person.entry, info, sockets: person.socketIds.size, leftAt: null, seenAt: now };
    await this.backend.put(meetingId, this.node, person.entry);
    await this.announce(meetingId);
  }

  async leave(meetingId: string, socketId: string, userId: string): Promise<void> {
    const person = this.local.get(meetingId)?.get(userId);
    if (!person?.socketIds.delete(socketId)) return;
    const now = this.now();
    person.entry = {
      ...person.entry,
      sockets: person.socketIds.size,
      leftAt: person.socketIds.size === 0 ? now : null,
      seenAt: now,
    };
    await this.backend.put(meetingId, this.node, person.entry);
    if (person.socketIds.size > 0) return;
    // A little after the grace ends, so that the view read then has certainly passed it.
    person.graceTimer = setTimeout(() => {
      person.graceTimer = undefined;
      void this.announce(meetingId).catch(this.onError);
    }, this.timing.graceMs + 10);
    person.graceTimer.unref();
  }

  /** The meetings that someone is in on this node, with who: each node answers for its own sockets. */
  here(): Map<string, string[]> {
    const rooms = new Map<string, string[]>();
    for (const [meetingId, room] of this.local) {
      const people = [...room.values()].filter((p) => p.entry.sockets > 0).map((p) => p.entry.info.userId);
      if (people.length > 0) rooms.set(meetingId, people);
    }
    return rooms;
  }

  /** Stops the heartbeat and every grace timer (at shutdown). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const room of this.local.values()) for (const person of room.values()) clearTimeout(person.graceTimer);
  }

  private async renew(): Promise<void> {
    const now = this.now();
    for (const [meetingId, room] of this.local) {
      for (const person of room.values()) {
        if (person.entry.sockets === 0) continue;
        person.entry = { ...person.entry, seenAt: now };
        await this.backend.put(meetingId, this.node, person.entry);
      }
      if ([...room.values()].some((p) => p.entry.sockets > 0)) await this.announce(meetingId);
    }
  }

  private async announce(meetingId: string): Promise<void> {
    const view = await this.view(meetingId);
    const digest = JSON.stringify(view.participants.map((p) => [p.userId, p.online, p.since, p.displayName, p.role]));
    if (this.announced.get(meetingId) === digest) return;
    this.announced.set(meetingId, digest);
    await this.changed(view);
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
