import type { ApiError, ErrorCode } from '@yishi/protocol';
import type { z } from 'zod';

/**
 * The one error type services throw. It carries a code from the contract; the HTTP layer, Socket.IO
 * acks and the WebSocket router each map it once to their own form. Anything else that is thrown
 * reaches clients as INTERNAL with a generic message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

/** Parses untrusted input; a failure becomes `VALIDATION` with one entry per problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new DomainError('VALIDATION', `Invalid ${what}`, details);
}

export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
