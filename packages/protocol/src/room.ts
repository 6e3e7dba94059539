import { z } from 'zod';
import {
  MAX_ADD_SECONDS,
  RaisableKinds,
  SpeechPolicies,
  type Current,
  type Entry,
  type PlaceReason,
  type QueueRole,
  type QueueSettings,
  type QueueTotals,
} from '@yishi/queue';
import { siteSchema, type Site } from './attendance.js';
import { idSchema } from './schemas.js';
import type { Meeting } from './topics.js';

export { RaisableKinds, SpeechPolicies };
export type { Current, Entry, PlaceReason, QueueRole, QueueSettings, QueueTotals };

/**
 * Every queue command may carry a `commandId` (a UUID the client makes once per user action): the
 * server answers a retried command with the first answer instead of applying it twice.
 */
const commandId = z.uuid().optional();
const command = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, commandId });

/**
 * `where`: in a hybrid meeting, where the person joining takes part (remembered for the meeting);
 * ignored in a meeting whose mode decides it.
 */
export const meetingJoinPayload = z.strictObject({ meetingId: idSchema, where: siteSchema.optional() });
export const emptyPayload = z.strictObject({});
/**
 * `presence:where`: in a hybrid meeting, where someone takes part — the sender, or (`userId`, the
 * chair or secretariat) someone else in the room.
 */
export const presenceWherePayload = z.strictObject({ where: siteSchema, userId: idSchema.optional() });
export const queueRaisePayload = command({ kind: z.enum(RaisableKinds), questionTo: idSchema.optional() });
export const queueEntryPayload = command({ entryId: idSchema });
export const queueMovePayload = command({ entryId: idSchema, index: z.number().int().min(0).max(10_000) });
export const queueBarePayload = command({});
export const queueExtendPayload = command({ seconds: z.number().int().min(1).max(MAX_ADD_SECONDS) });

export type MeetingJoinPayload = z.infer<typeof meetingJoinPayload>;
export type PresenceWherePayload = z.infer<typeof presenceWherePayload>;
export type QueueRaisePayload = z.infer<typeof queueRaisePayload>;
export type QueueEntryPayload = z.infer<typeof queueEntryPayload>;
export type QueueMovePayload = z.infer<typeof queueMovePayload>;
export type QueueBarePayload = z.infer<typeof queueBarePayload>;
export type QueueExtendPayload = z.infer<typeof queueExtendPayload>;

/** Time limits and ordering policy of one meeting, set before it opens. */
export const meetingSettingsBody = z
  .strictObject({
    limits: z
      .strictObject({
        speech: z.number().int().min(10).max(3600),
        reply: z.number().int().min(10).max(3600),
        point_of_order: z.number().int().min(10).max(3600),
        question: z.number().int().min(10).max(3600),
        answer: z.number().int().min(10).max(3600),
      })
      .partial(),
    maxRepliesPerSpeech: z.number().int().min(0).max(10),
    speechPolicy: z.enum(SpeechPolicies),
    sectorBalance: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type MeetingSettingsBody = z.infer<typeof meetingSettingsBody>;

/** `queue:state`: the whole queue after every change; `version` grows by exactly 1 per change. */
export interface QueueView {
  meetingId: string;
  version: number;
  current: Current | null;
  waiting: Entry[];
  /** Speaking totals of finished turns; add the current turn's elapsed time for a live display. */
  totals: QueueTotals;
  settings: QueueSettings;
  closed: boolean;
  /** The server's clock when this was sent (epoch ms), so clients can correct their countdown. */
  serverNow: number;
}

export interface PresenceParticipant {
  userId: string;
  displayName: string;
  role: QueueRole;
  sector: string | null;
  online: boolean;
  /** When they last came online or went offline (epoch ms). */
  since: number;
  /**
   * In the hall or remote: the meeting's mode decides, or in a hybrid meeting what the person (or
   * the chair) said; null in a hybrid meeting until someone says.
   */
  where: Site | null;
}

/** `presence:state`: who is in the room. Someone shows as offline only after a grace period. */
export interface PresenceView {
  meetingId: string;
  participants: PresenceParticipant[];
}

export interface AgendaItemView {
  id: string;
  title: string;
  minutes: number;
  presenter: string;
  status: string;
}

/** The ack of `meeting:join`. */
export interface MeetingJoined {
  meeting: Meeting & { topicTitle: string };
  queue: QueueView;
  presence: PresenceView;
  role: QueueRole;
  agenda: AgendaItemView[];
}
