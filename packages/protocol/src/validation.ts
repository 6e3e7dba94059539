/**
 * What a VALIDATION error says about each refused field, in terms a client can word in the reader's
 * language: the kind of issue and the bound that was broken. Zod's own message stays English, for
 * logs and API users. Free of zod at run time (only its types), so that the browser can use it.
 */
import type { core } from 'zod';
import type { FieldProblem } from './limits.js';

/**
 * The kinds of issue: a text too long or too short, a list with too many or too few items, a number
 * (or date) above or below its bound, a value missing, of the wrong shape, not one of the choices,
 * a field the body may not have, a control character in a text, or anything else (`invalid`).
 */
export const ValidationIssueKinds = [
  'required',
  'too_long',
  'too_short',
  'too_many',
  'too_few',
  'above_max',
  'below_min',
  'bad_format',
  'not_an_option',
  'wrong_type',
  'unknown_field',
  'control_character',
  'invalid',
] as const;
export type ValidationIssueKind = (typeof ValidationIssueKinds)[number];

/** One entry of a VALIDATION error's `details`. */
export interface ValidationDetail {
  /** The dotted path of the field in the body, e.g. `title` or `tags.3`; empty for the body itself. */
  path: string;
  /** In English, for logs and API users; clients word `issue` (or `problem`) themselves. */
  message: string;
  issue?: ValidationIssueKind;
  /** The bound that was broken: the longest or shortest length, most or fewest items, largest or smallest value. */
  limit?: number;
  /** Why a well-formed value was refused (a weak password). */
  problem?: FieldProblem;
}

export function isValidationIssueKind(value: unknown): value is ValidationIssueKind {
  return typeof value === 'string' && (ValidationIssueKinds as readonly string[]).includes(value);
}

/** The value at `path` in `input`, to tell a missing field from one of the wrong type. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const isLength = (origin: string) => origin === 'string';
const isCount = (origin: string) => origin === 'array' || origin === 'set';

/** The kind of a zod issue and its bound; every zod issue code has a case (the compiler checks it). */
function kindOf(issue: core.$ZodIssue, input: unknown): Pick<ValidationDetail, 'issue' | 'limit'> {
  switch (issue.code) {
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (isLength(issue.origin)) return { issue: 'too_long', limit };
      if (isCount(issue.origin)) return { issue: 'too_many', limit };
      return { issue: 'above_max', limit };
    }
    case 'too_small': {
      const limit = Number(issue.minimum);
      // Texts are trimmed first, so a text of only spaces is missing too.
      if (isLength(issue.origin)) return limit <= 1 ? { issue: 'required' } : { issue: 'too_short', limit };
      if (isCount(issue.origin)) return { issue: 'too_few', limit };
      return { issue: 'below_min', limit };
    }
    case 'invalid_type':
      return { issue: valueAt(input, issue.path) === undefined ? 'required' : 'wrong_type' };
    case 'invalid_format':
      return { issue: 'bad_format' };
    case 'invalid_value':
      return { issue: 'not_an_option' };
    case 'unrecognized_keys':
      return { issue: 'unknown_field' };
    case 'not_multiple_of':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return { issue: 'invalid' };
    default:
      return unreachable(issue);
  }
}

function unreachable(issue: never): Pick<ValidationDetail, 'issue'> {
  void issue;
  return { issue: 'invalid' };
}

/**
 * A zod issue as a VALIDATION detail. `input` is what was parsed. An unknown field is named in
 * the path (`body.extra`), so that a client can tell which one it was.
 */
export function validationDetail(issue: core.$ZodIssue, input: unknown): ValidationDetail {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0] ?? '');
  return { path: path.join('.'), message: issue.message, ...kindOf(issue, input) };
}
