/** The two ways a request fails: the server answered with an error, or it could not be reached. */
import type { ErrorCode } from '@yishi/protocol';

/** A failed request that the server answered: the error envelope's fields and the HTTP status. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly status: number;

  constructor(code: ErrorCode, message: string, details: unknown, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.status = status;
  }
}

/** The request never got an answer from the server (offline, server down, proxy failure). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network failure', { cause });
    this.name = 'NetworkError';
  }
}
