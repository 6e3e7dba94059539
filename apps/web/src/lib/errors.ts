/** Turns any error into words for the user: the single funnel for error display (STYLE.md). */
import type { ErrorCode } from '@yishi/protocol';
import { ApiError, NetworkError } from './api';
import { t, type MessageKey } from './i18n/i18n.svelte';
import { describeIssue, issuesOfDetails, type FieldIssue } from './validation';

/** One invalid field as the server reports it in a VALIDATION error's `details`. */
export interface FieldError {
  /** The body property, e.g. `password`, or `expertise.0`. */
  path: string;
  message: string;
}

/** What a form shows for a failed submission. */
export interface FormError {
  message: string;
  fields: FieldError[];
}

/**
 * Per-form wording for some codes, e.g. `{ CONFLICT: 'admin.members.loginTaken' }`. For
 * RATE_LIMITED, `<key>_retry` (`{{seconds}}`) or `<key>_retryMinutes` (`{{minutes}}`) is used
 * when the server said how long to wait.
 */
export type ErrorMessages = Partial<Record<ErrorCode, MessageKey>>;

/** A problem found in the browser before asking the server, e.g. passwords that differ. */
export class UserError extends Error {
  readonly key: MessageKey;
  /** The body path of the field at fault, if any. */
  readonly path: string | undefined;

  constructor(key: MessageKey, path?: string) {
    super(key);
    this.name = 'UserError';
    this.key = key;
    this.path = path;
  }
}

/** Fields the browser found wrong before sending (too long, missing): the form is not sent. */
export class InvalidFields extends Error {
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    super('invalid fields');
    this.name = 'InvalidFields';
    this.issues = issues;
  }
}

/**
 * The user-facing message for `error`, in the current language (call it where the locale is
 * tracked, e.g. in `$derived`, so that it follows a language switch). Never a stack or raw
 * server text.
 */
export function handleError(error: unknown, messages: ErrorMessages = {}): string {
  if (error instanceof UserError) return t(error.key);
  if (error instanceof InvalidFields) return t('errors.VALIDATION');
  if (error instanceof NetworkError) return t('errors.NETWORK');
  if (!(error instanceof ApiError)) {
    console.error(error);
    return t('errors.INTERNAL');
  }
  const key = messages[error.code] ?? `errors.${error.code}`;
  const seconds = error.code === 'RATE_LIMITED' ? retryAfterSeconds(error.details) : undefined;
  if (seconds === undefined) return t(key);
  // i18next's context picks `<key>_retry` / `<key>_retryMinutes`, which say how long to wait.
  return seconds < 120
    ? t(key, { seconds, context: 'retry' })
    : t(key, { minutes: Math.ceil(seconds / 60), context: 'retryMinutes' });
}

/** `handleError` plus the invalid fields of a VALIDATION error, for forms. */
export function formError(error: unknown, messages: ErrorMessages = {}): FormError {
  return { message: handleError(error, messages), fields: fieldErrors(error) };
}

/** What is wrong with the field at `path` (or an item of it), in words, for showing it under that field. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (error instanceof UserError) return error.path === path ? t(error.key) : undefined;
  return fieldErrors(error).find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
}

/**
 * The invalid fields of a VALIDATION error (the server's details, or the browser's own checks),
 * each worded in the current language from its kind of issue; empty for anything else.
 */
export function fieldErrors(error: unknown): FieldError[] {
  const issues =
    error instanceof InvalidFields
      ? error.issues
      : error instanceof ApiError && error.code === 'VALIDATION'
        ? issuesOfDetails(error.details)
        : [];
  return issues.map((issue) => ({ path: issue.path, message: describeIssue(issue, t) }));
}

/** `details.retryAfterSeconds` of a RATE_LIMITED error, when the server sent it. */
export function retryAfterSeconds(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : undefined;
}
