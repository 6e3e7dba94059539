import { z } from 'zod';
import { idSchema } from './schemas.js';
import type { MeetingMode } from './constants.js';

/**
 * Where someone takes part in a meeting: in the hall, or remote. An in-person meeting puts everyone
 * in the hall and a remote one everyone remote; in a hybrid meeting each person says where they are.
 */
export const Sites = ['hall', 'remote'] as const;
export type Site = (typeof Sites)[number];
export const siteSchema = z.enum(Sites);

/** What the secretariat may set a person's attendance to. */
export const AttendanceStatuses = ['hall', 'remote', 'absent'] as const;
export type AttendanceStatus = (typeof AttendanceStatuses)[number];

/**
 * Someone's attendance as the minutes print it: in the hall, remote, absent, or — in a hybrid
 * meeting, for someone who came in without saying where they were — `unstated`, which the
 * secretariat is asked to correct.
 */
export type AttendanceState = AttendanceStatus | 'unstated';

/** `PUT /api/meetings/:id/attendance`: the secretariat's corrections, one entry per person. */
export const attendanceBody = z.strictObject({
  entries: z
    .array(z.strictObject({ userId: idSchema, status: z.enum(AttendanceStatuses) }))
    .min(1)
    .max(500)
    .refine((entries) => new Set(entries.map((e) => e.userId)).size === entries.length, {
      message: 'one entry per person',
    }),
});
export type AttendanceBody = z.infer<typeof attendanceBody>;

/** One person of a meeting's attendance. */
export interface AttendancePerson {
  userId: string;
  displayName: string;
  sector: string | null;
  /**
   * `participant`: takes part (a participant of the topic, its organisation's chair or secretariat,
   * anyone who spoke); `observer`: anyone else in the room, who attends (列席).
   */
  standing: 'participant' | 'observer';
  /** What the room recorded: where they were, `unstated`, or `absent` (never came in). */
  recorded: AttendanceState;
  /** The secretariat's correction; null when none. */
  corrected: AttendanceStatus | null;
  /** What the minutes print: the correction if there is one, else what was recorded. */
  status: AttendanceState;
}

/** `GET /api/meetings/:id/attendance`. */
export interface AttendanceView {
  meetingId: string;
  mode: MeetingMode;
  /** The chair or secretariat may still correct it: the meeting has opened and its minutes are not approved. */
  editable: boolean;
  /** In the order they first came in; then those who did not come. */
  people: AttendancePerson[];
}

/** What became of a saved draft of the minutes when attendance was corrected. */
export type AttendanceDraft = 'none' | 'updated' | 'untouched';
