/**
 * The error codes of the public contract (docs/protocol.md). Every error a client sees carries one of
 * these codes; the HTTP status and the WebSocket close code are derived from it, never chosen ad hoc.
 */
export const ErrorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GATE_BLOCKED',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/** HTTP status for each code. `INTERNAL` is the one code a client never provokes on purpose. */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GATE_BLOCKED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The node is draining (SIGTERM): the client tries again, and the proxy sends it to another node. */
  UNAVAILABLE: 503,
};

/** The error object, the same in REST envelopes, Socket.IO acks and connect errors. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** `{"error": {...}}`: the body of every failed REST response. */
export interface ErrorEnvelope {
  error: ApiError;
}

/** A Socket.IO acknowledgement: `{ok:true, ...}` on success, `{ok:false, error}` otherwise. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ApiError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ErrorCodes as readonly string[]).includes(value);
}

/** Reads an error envelope out of an unknown JSON value; `undefined` when it is not one. */
export function parseErrorEnvelope(body: unknown): ApiError | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details } = error as Record<string, unknown>;
  if (!isErrorCode(code) || typeof message !== 'string') return undefined;
  return details === undefined ? { code, message } : { code, message, details };
}

/**
 * WebSocket close codes of the `/yjs` endpoint, named as values so that both ends agree
 * (4000–4999 is the range RFC 6455 leaves to applications; 44xx mirrors the HTTP status).
 */
export const YjsCloseCodes = {
  BadMessage: { code: 4400, reason: 'Malformed message' },
  Unauthorized: { code: 4401, reason: 'Unauthorized' },
  Forbidden: { code: 4403, reason: 'Forbidden' },
  NotFound: { code: 4404, reason: 'Not found' },
  /** The client sent changes that build on ones the server never got: reconnect and sync again. */
  OutOfSync: { code: 4409, reason: 'Out of sync' },
  MessageTooBig: { code: 4413, reason: 'Message too big' },
  /** The writer sent more changes in the last minute than the server keeps: reconnect a little later. */
  TooManyChanges: { code: 4429, reason: 'Too many changes' },
  ShuttingDown: { code: 4503, reason: 'Server shutting down' },
  DocumentTooBig: { code: 4507, reason: 'Document too big' },
} as const;
