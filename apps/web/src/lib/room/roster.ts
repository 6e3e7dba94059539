/**
 * Who is in the room, by role: the people the server sees in it (presence) and the topic's
 * participants who have not come in, shown as offline. Pure.
 */
import type { ParticipantView, PresenceParticipant, QueueRole, Site } from '@yishi/protocol';

export interface RosterPerson {
  userId: string;
  displayName: string;
  sector: string | null;
  online: boolean;
  /** In the hall or remote, as presence says; null when not said (or not come in). */
  where: Site | null;
}

export interface RosterGroup {
  role: QueueRole;
  people: RosterPerson[];
  online: number;
}

/** The order of the groups: those who run the room, those who take the floor, those who watch. */
const roleOrder: readonly QueueRole[] = ['chair', 'secretariat', 'member', 'official', 'observer'];

/**
 * Groups everyone by their role in the room; within a group, online people first, then by sector
 * and name (Chinese collation), so that a sector's members sit together.
 */
export function roster(
  present: readonly PresenceParticipant[],
  participants: readonly ParticipantView[],
): RosterGroup[] {
  const people = new Map<string, RosterPerson & { role: QueueRole }>();
  for (const p of participants) {
    const role: QueueRole = p.role === 'official' ? 'official' : 'member';
    people.set(p.userId, {
      userId: p.userId,
      displayName: p.displayName,
      sector: p.sector,
      online: false,
      where: null,
      role,
    });
  }
  for (const p of present) {
    people.set(p.userId, {
      userId: p.userId,
      displayName: p.displayName,
      sector: p.sector,
      online: p.online,
      where: p.where,
      role: p.role,
    });
  }
  const collator = new Intl.Collator('zh-CN');
  const order = (a: RosterPerson, b: RosterPerson) =>
    Number(b.online) - Number(a.online) ||
    collator.compare(a.sector ?? '\uffff', b.sector ?? '\uffff') ||
    collator.compare(a.displayName, b.displayName);
  return roleOrder
    .map((role) => {
      const group = [...people.values()]
        .filter((p) => p.role === role)
        .map(({ role: _role, ...person }) => person)
        .sort(order);
      return { role, people: group, online: group.filter((p) => p.online).length };
    })
    .filter((group) => group.people.length > 0);
}
