import type { DutyError, DutyOutcome, DutyRefusalReason } from './types.js';

export const ok = <T>(value: T): DutyOutcome<T> => ({ ok: true, value });
export const fail = <T>(error: DutyError): DutyOutcome<T> => ({ ok: false, error });

export const forbidden = (reason: DutyRefusalReason, message: string): DutyError => ({
  code: 'FORBIDDEN',
  reason,
  message,
});

export const conflict = (reason: DutyRefusalReason, message: string): DutyError => ({
  code: 'CONFLICT',
  reason,
  message,
});

export const invalid = (reason: DutyRefusalReason, message: string, field: string): DutyError => ({
  code: 'VALIDATION',
  reason,
  message,
  field,
});

/** The problem with a typed text, trimmed: missing when `required`, or longer than `max`. */
export function textProblem(field: string, value: string, max: number, required = true): DutyError | undefined {
  const text = value.trim();
  if (required && text.length === 0) return invalid('required', `The ${field} cannot be empty`, field);
  if (text.length > max) return invalid('too_long', `The ${field} has at most ${max} characters`, field);
  return undefined;
}

/** The first problem among several checks, each run only if the ones before it passed. */
export function firstProblem(...checks: readonly (() => DutyError | undefined)[]): DutyError | undefined {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Whether `value` is a real calendar day written `YYYY-MM-DD`. Such days compare correctly as
 * strings, which is how the rules compare them with `today`.
 */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Whether `value` is one of `choices`: inputs reach the rules typed, but the type is the caller's promise. */
export const isOneOf = <T extends string>(choices: readonly T[], value: unknown): value is T =>
  (choices as readonly unknown[]).includes(value);
