import { validationDetail, type ApiError, type ErrorCode, type ValidationDetail } from '@yishi/protocol';
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

/** One refused field of a VALIDATION error (the protocol's `ValidationDetail`). */
export type ValidationIssue = ValidationDetail;

/**
 * Control characters that no text field takes: they break documents (Word refuses a DOCX holding
 * them) and databases (PostgreSQL refuses NUL). Line breaks and tabs stay allowed.
 */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** Where in an input a string holds a control character, as a dotted path; undefined when none does. */
function controlCharacterAt(input: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof input === 'string') return hasControl(input) ? path.join('.') : undefined;
  if (typeof input !== 'object' || input === null || depth > 20) return undefined;
  for (const [key, value] of Object.entries(input)) {
    if (hasControl(key)) return [...path, key].join('.');
    const found = controlCharacterAt(value, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Parses untrusted input; a failure becomes `VALIDATION` with one entry per problem. Every REST
 * body, query and path and every socket payload comes through here, so a control character in any
 * text is refused here too.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.output<S> {
  const control = controlCharacterAt(input);
  if (control !== undefined) {
    throw new DomainError('VALIDATION', `Invalid ${what}`, [
      { path: control, message: 'contains a control character', issue: 'control_character' },
    ]);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ValidationIssue[] = result.error.issues.map((issue) => validationDetail(issue, input));
  throw new DomainError('VALIDATION', `Invalid ${what}`, details);
}

export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);

/** VALIDATION of one field of a request body that has the right shape but cannot be taken. */
export const invalidField = (path: string, message: string) =>
  new DomainError('VALIDATION', 'Invalid request body', [{ path, message }]);
