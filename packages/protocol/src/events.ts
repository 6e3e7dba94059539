/**
 * Typed Socket.IO event maps shared by the server and the web client. Each live feature adds its
 * events here, with a zod schema for every payload a client sends.
 */
import { z } from 'zod';
import type { Ack, ApiError } from './errors.js';
import type { Notification } from './notifications.js';
import type {
  PollCreatePayload,
  PollIdPayload,
  PollResult,
  PollResultEvent,
  PollView,
  PollVotePayload,
} from './polls.js';
import { idSchema } from './schemas.js';
import type {
  Entry,
  MeetingJoined,
  MeetingJoinPayload,
  PresenceView,
  PresenceWherePayload,
  QueueBarePayload,
  QueueEntryPayload,
  QueueExtendPayload,
  QueueMovePayload,
  QueueRaisePayload,
  QueueView,
} from './room.js';

/** The `data` of a `connect_error` the server raises: a known error object, never a stack. */
export type ConnectErrorData = ApiError;

/** Events the server emits to clients. */
export interface ServerToClientEvents {
  /** The session ended on the server (logout, deactivation, password reset): the client should sign in again. */
  'session:ended': (payload: { reason: 'logout' | 'deactivated' | 'password_reset' }) => void;
  /** Something about a watched topic changed; fetch `GET /api/topics/:id` again. */
  'topic:changed': (payload: { topicId: string }) => void;
  /** A new in-app notification for the signed-in person. */
  'notification:new': (payload: Notification) => void;
  /** The joined meeting's queue after every change. */
  'queue:state': (payload: QueueView) => void;
  /** Who is in the joined meeting's room. */
  'presence:state': (payload: PresenceView) => void;
  /** A poll of the joined meeting after every change: how many voted, and its result once closed. */
  'poll:state': (payload: PollView) => void;
  /** A poll of the joined meeting closed: the tally, and who chose what unless it was secret. */
  'poll:result': (payload: PollResultEvent) => void;
}

export const topicWatchPayload = z.strictObject({ topicId: idSchema });
export type TopicWatchPayload = z.infer<typeof topicWatchPayload>;

/** Events clients emit to the server; each carries one payload and an acknowledgement. */
export interface ClientToServerEvents {
  /** Receive `topic:changed` for a topic the caller may see. */
  'topic:watch': (payload: TopicWatchPayload, ack: (res: Ack) => void) => void;
  'topic:unwatch': (payload: TopicWatchPayload, ack: (res: Ack) => void) => void;
  /** Enter a meeting's room (one at a time per socket); the ack carries everything to draw it. */
  'meeting:join': (payload: MeetingJoinPayload, ack: (res: Ack<MeetingJoined>) => void) => void;
  'meeting:leave': (payload: Record<string, never>, ack: (res: Ack) => void) => void;
  /** In a hybrid meeting: where the sender (or, for the chair or secretariat, someone else) takes part. */
  'presence:where': (payload: PresenceWherePayload, ack: (res: Ack) => void) => void;
  /** The server's clock (epoch ms), to correct countdowns for this client's offset. */
  'time:sync': (payload: Record<string, never>, ack: (res: Ack<{ serverNow: number }>) => void) => void;
  /** The current queue, for a client that saw a gap in versions. */
  'queue:snapshot': (payload: Record<string, never>, ack: (res: Ack<{ queue: QueueView }>) => void) => void;
  'queue:raise': (payload: QueueRaisePayload, ack: (res: Ack<{ entry: Entry }>) => void) => void;
  /** Polls of the joined meeting: the chair or secretariat asks, opens and closes; participants vote. */
  'poll:create': (payload: PollCreatePayload, ack: (res: Ack<{ poll: PollView }>) => void) => void;
  'poll:open': (payload: PollIdPayload, ack: (res: Ack<{ poll: PollView }>) => void) => void;
  'poll:vote': (payload: PollVotePayload, ack: (res: Ack<{ choices: number[] }>) => void) => void;
  'poll:close': (payload: PollIdPayload, ack: (res: Ack<{ result: PollResult }>) => void) => void;
  'queue:withdraw': (payload: QueueEntryPayload, ack: (res: Ack) => void) => void;
  'queue:grant': (payload: QueueEntryPayload, ack: (res: Ack) => void) => void;
  'queue:next': (payload: QueueBarePayload, ack: (res: Ack) => void) => void;
  'queue:move': (payload: QueueMovePayload, ack: (res: Ack) => void) => void;
  'queue:remove': (payload: QueueEntryPayload, ack: (res: Ack) => void) => void;
  'queue:finish': (payload: QueueBarePayload, ack: (res: Ack) => void) => void;
  'queue:pause': (payload: QueueBarePayload, ack: (res: Ack) => void) => void;
  'queue:resume': (payload: QueueBarePayload, ack: (res: Ack) => void) => void;
  'queue:extend': (payload: QueueExtendPayload, ack: (res: Ack) => void) => void;
}
