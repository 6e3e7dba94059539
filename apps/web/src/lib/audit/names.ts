/** The names a log's entries refer to by id, gathered from the pages loaded and the log's members. */
import type { AuditNames, Member } from '@yishi/protocol';

export const noNames = (): AuditNames => ({ people: {}, topics: {}, meetings: {} });

/** The names of pages loaded so far and of one more; a later page's name of an id wins. */
export function withNames(known: AuditNames, page: AuditNames): AuditNames {
  return {
    people: { ...known.people, ...page.people },
    topics: { ...known.topics, ...page.topics },
    meetings: { ...known.meetings, ...page.meetings },
  };
}

/** Display names by user id: the log's members, then the people the pages name. */
export function peopleIn(members: readonly Member[], names: AuditNames): ReadonlyMap<string, string> {
  const people = new Map<string, string>();
  for (const member of members) people.set(member.userId, member.user.displayName);
  for (const [id, displayName] of Object.entries(names.people)) people.set(id, displayName);
  return people;
}
