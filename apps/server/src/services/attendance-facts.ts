import type { AttendancePerson } from '@yishi/protocol';
import type { MeetingRow } from '../store/meetings.repo.js';
import type { Repositories } from '../store/store.js';
import { composeAttendance } from './attendance.js';

/**
 * Everyone concerned by a meeting's attendance, named, with where they were and what the
 * secretariat corrected (`composeAttendance`). Someone from above the organisation (an
 * administrator who looked in) is named from their account.
 */
export async function meetingAttendance(
  store: Repositories,
  meeting: MeetingRow,
  topic: { id: string; orgId: string },
): Promise<AttendancePerson[]> {
  const [members, came, sites, speeches, participants, corrections] = await Promise.all([
    store.memberships.membersOf(topic.orgId),
    store.minutes.attendance(meeting.id),
    store.minutes.sites(meeting.id),
    store.meetings.speeches(meeting.id),
    store.topics.participants(topic.id),
    store.minutes.corrections(meeting.id),
  ]);
  const entries = composeAttendance({
    mode: meeting.mode,
    came,
    sites,
    speakers: speeches.map((s) => ({ userId: s.speakerId, source: s.source === 'manual' ? 'manual' : 'live' })),
    participants: participants.map((p) => p.userId),
    runners: members.filter((m) => m.role === 'chair' || m.role === 'secretariat').map((m) => m.userId),
    corrections,
  });
  const member = new Map(members.map((m) => [m.userId, m]));
  const accounts = await store.users.displayNames(entries.map((e) => e.userId).filter((id) => !member.has(id)));
  return entries.map((entry) => ({
    ...entry,
    displayName: member.get(entry.userId)?.user.displayName ?? accounts.get(entry.userId) ?? entry.userId,
    sector: member.get(entry.userId)?.sector ?? null,
  }));
}
