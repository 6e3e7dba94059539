/**
 * Typed Socket.IO event maps shared by the server and the web client. Each live feature adds its
 * events here, with a zod schema for every payload a client sends.
 */
import { z } from 'zod';
import type { Ack, ApiError } from './errors.js';
import { idSchema } from './schemas.js';

/** The `data` of a `connect_error` the server raises: a known error object, never a stack. */
export type ConnectErrorData = ApiError;

/** Events the server emits to clients. */
export interface ServerToClientEvents {
  /** The session ended on the server (logout, deactivation, password reset): the client should sign in again. */
  'session:ended': (payload: { reason: 'logout' | 'deactivated' | 'password_reset' }) => void;
  /** Something about a watched topic changed; fetch `GET /api/topics/:id` again. */
  'topic:changed': (payload: { topicId: string }) => void;
}

export const topicWatchPayload = z.strictObject({ topicId: idSchema });
export type TopicWatchPayload = z.infer<typeof topicWatchPayload>;

/** Events clients emit to the server; each carries one payload and an acknowledgement. */
export interface ClientToServerEvents {
  /** Receive `topic:changed` for a topic the caller may see. */
  'topic:watch': (payload: TopicWatchPayload, ack: (res: Ack) => void) => void;
  'topic:unwatch': (payload: TopicWatchPayload, ack: (res: Ack) => void) => void;
}
