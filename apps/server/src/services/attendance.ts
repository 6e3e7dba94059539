import type { AttendanceState, AttendanceStatus, MeetingMode, PresenceParticipant, Site } from '@yishi/protocol';

/**
 * A meeting's attendance from what the room recorded and what the secretariat corrected. Pure: the
 * attendance service reads the facts, the minutes print the result.
 */

/** Everything the attendance of one meeting is made from. */
export interface AttendanceFacts {
  mode: MeetingMode;
  /** Who entered the room while the meeting was open, in the order they first came, with where they were. */
  came: readonly { userId: string; site: Site | null }[];
  /** Where people said they take part in a hybrid meeting, whether or not they came in. */
  sites: ReadonlyMap<string, Site>;
  /** Who spoke: in a live turn, or in a speech recorded afterwards (given in person). */
  speakers: readonly { userId: string; source: 'live' | 'manual' }[];
  /** The topic's participants: expected to attend. */
  participants: readonly string[];
  /** The organisation's chair and secretariat: they take part when they come. */
  runners: readonly string[];
  /** The secretariat's corrections; one per person at most. */
  corrections: readonly { userId: string; status: AttendanceStatus }[];
}

/** One person's attendance, in the words of `AttendancePerson` (without names). */
export interface AttendanceEntry {
  userId: string;
  standing: 'participant' | 'observer';
  recorded: AttendanceState;
  corrected: AttendanceStatus | null;
  status: AttendanceState;
}

/** Where the meeting's mode puts everyone; null when each person says (hybrid). */
export function siteOfMode(mode: MeetingMode): Site | null {
  if (mode === 'in_person') return 'hall';
  if (mode === 'remote') return 'remote';
  return null;
}

/** Where someone takes part in the room: the mode decides, or what was said in a hybrid meeting. */
export function siteIn(mode: MeetingMode, said: Site | null | undefined): Site | null {
  return siteOfMode(mode) ?? said ?? null;
}

/**
 * Everyone concerned, once each: whoever came in (in that order), whoever spoke, the participants
 * who did not come, then anyone the secretariat added. Someone who came in without saying where,
 * in a hybrid meeting, is `unstated` — never guessed; a speech recorded afterwards was given in
 * the hall unless the person said otherwise.
 */
export function composeAttendance(facts: AttendanceFacts): AttendanceEntry[] {
  const recorded = new Map<string, AttendanceState>();
  const said = (userId: string, site: Site | null) => siteIn(facts.mode, site ?? facts.sites.get(userId));
  for (const { userId, site } of facts.came) {
    if (!recorded.has(userId)) recorded.set(userId, said(userId, site) ?? 'unstated');
  }
  for (const { userId, source } of facts.speakers) {
    if (recorded.has(userId)) continue;
    recorded.set(userId, said(userId, null) ?? (source === 'manual' ? 'hall' : 'unstated'));
  }
  for (const userId of facts.participants) if (!recorded.has(userId)) recorded.set(userId, 'absent');
  const corrected = new Map(facts.corrections.map((c) => [c.userId, c.status]));
  for (const userId of corrected.keys()) if (!recorded.has(userId)) recorded.set(userId, 'absent');

  const taking = new Set([...facts.participants, ...facts.runners, ...facts.speakers.map((s) => s.userId)]);
  return [...recorded].map(([userId, state]) => {
    const correction = corrected.get(userId) ?? null;
    return {
      userId,
      standing: taking.has(userId) ? 'participant' : 'observer',
      recorded: state,
      corrected: correction,
      status: correction ?? state,
    };
  });
}

/** The groups the minutes print, each in the order of `composeAttendance`. */
export interface AttendanceGroups {
  present: Record<Exclude<AttendanceState, 'absent'>, string[]>;
  /** Participants who did not come (an observer who did not come is simply not listed). */
  absent: string[];
  /** Others in the room, who attended (列席). */
  observers: Record<Exclude<AttendanceState, 'absent'>, string[]>;
}

export function attendanceGroups(entries: readonly AttendanceEntry[]): AttendanceGroups {
  const groups: AttendanceGroups = {
    present: { hall: [], remote: [], unstated: [] },
    absent: [],
    observers: { hall: [], remote: [], unstated: [] },
  };
  for (const { userId, standing, status } of entries) {
    if (status === 'absent') {
      if (standing === 'participant') groups.absent.push(userId);
    } else {
      groups[standing === 'participant' ? 'present' : 'observers'][status].push(userId);
    }
  }
  return groups;
}

/** A presence view's people with where each is, from the meeting's mode and what was said. */
export function withSites<P extends Omit<PresenceParticipant, 'where'>>(
  mode: MeetingMode,
  participants: readonly P[],
  sites: ReadonlyMap<string, Site>,
): (P & { where: Site | null })[] {
  return participants.map((p) => ({ ...p, where: siteIn(mode, sites.get(p.userId)) }));
}
