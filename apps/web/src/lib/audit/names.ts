/** The names a log's entries refer to by id, gathered from what the page has loaded. */
import type { AuditEntry, Member } from '@yishi/protocol';

/** Display names by user id: the log's members, then whoever acted in the entries. */
export function peopleIn(members: readonly Member[], entries: readonly AuditEntry[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const member of members) names.set(member.userId, member.user.displayName);
  for (const entry of entries) if (entry.actor) names.set(entry.actor.id, entry.actor.displayName);
  return names;
}

/** Meeting titles by id, from the entries that scheduled them. */
export function meetingTitlesIn(entries: readonly AuditEntry[]): ReadonlyMap<string, string> {
  const titles = new Map<string, string>();
  for (const entry of entries) {
    const { meetingId, title } = entry.details;
    if (entry.action === 'meeting.created' && typeof meetingId === 'string' && typeof title === 'string') {
      titles.set(meetingId, title);
    }
  }
  return titles;
}

/** Titles (or names) by id. */
export function titlesById(items: readonly { id: string; title: string }[]): ReadonlyMap<string, string> {
  return new Map(items.map((item) => [item.id, item.title]));
}
