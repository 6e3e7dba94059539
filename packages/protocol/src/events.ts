/**
 * Typed Socket.IO event maps shared by the server and the web client. Each live feature adds its
 * events here, with a zod schema for every payload a client sends.
 */
import type { ApiError } from './errors.js';

/** The `data` of a `connect_error` the server raises: a known error object, never a stack. */
export type ConnectErrorData = ApiError;

/** Events the server emits to clients. */
export interface ServerToClientEvents {
  /** The session ended on the server (logout, deactivation, password reset): the client should sign in again. */
  'session:ended': (payload: { reason: 'logout' | 'deactivated' | 'password_reset' }) => void;
}

/** Events clients emit to the server. */
export type ClientToServerEvents = Record<string, never>;
