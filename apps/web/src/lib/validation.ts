/**
 * Field issues in the reader's words: the checks a form makes before sending (the bounds come from
 * `FieldLimits` in the protocol, which the server enforces too), and the wording of every issue,
 * whether the browser found it or the server's VALIDATION details named it. The server's English
 * message is never shown. Pure functions of a `t`, so that they can be tested in both languages.
 */
import { FieldProblems, isValidationIssueKind, type FieldProblem, type ValidationIssueKind } from '@yishi/protocol';
import type { MessageKey, MessageVars } from './i18n/i18n.svelte';

/** What is wrong with one field: found in the browser, or read from the server's answer. */
export interface FieldIssue {
  /** The body path, e.g. `title` or `tags.3`. */
  path: string;
  issue: ValidationIssueKind;
  /** The bound that was broken. */
  limit?: number;
  /** How many characters or items there are now, when the browser counted them. */
  count?: number;
  /** The list item at fault (a tag), to name it. */
  item?: string;
  /** The server's reason for refusing a well-formed value (a weak password). */
  problem?: FieldProblem;
}

export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** The length the server checks: zod trims first and counts UTF-16 code units. */
export const textLength = (value: string): number => value.trim().length;

/** Bounds of a text field. */
export interface TextRule {
  max: number;
  min?: number;
  /** Whether an empty text is an issue; true unless said otherwise. */
  required?: boolean;
}

/** The issue of a text against its bounds, as the server would find it; undefined when it is fine. */
export function checkText(
  path: string,
  value: string,
  { max, min = 1, required = true }: TextRule,
): FieldIssue | undefined {
  const count = textLength(value);
  if (count === 0) return required ? { path, issue: 'required' } : undefined;
  if (count > max) return { path, issue: 'too_long', limit: max, count };
  if (count < min) return { path, issue: 'too_short', limit: min, count };
  return undefined;
}

/** The issues of a list of texts (tags, expertise): too many items, and each item too long. */
export function checkList(
  path: string,
  items: readonly string[],
  { maxItems, maxLength }: { maxItems: number; maxLength: number },
): FieldIssue[] {
  const issues: FieldIssue[] = items.flatMap((item, i) => {
    const count = textLength(item);
    return count > maxLength
      ? [{ path: `${path}.${i}`, issue: 'too_long' as const, limit: maxLength, count, item }]
      : [];
  });
  if (items.length > maxItems) issues.unshift({ path, issue: 'too_many', limit: maxItems, count: items.length });
  return issues;
}

/**
 * The issue of a whole number typed into `value`, against its bounds. A number input bound with
 * `bind:value` gives a number, or null when empty; a text input gives a string.
 */
export function checkWholeNumber(
  path: string,
  value: string | number | null | undefined,
  { min, max }: { min: number; max: number },
): FieldIssue | undefined {
  const text = value == null ? '' : String(value).trim();
  if (text === '') return { path, issue: 'required' };
  const n = Number(text);
  if (!Number.isInteger(n)) return { path, issue: 'bad_format' };
  if (n > max) return { path, issue: 'above_max', limit: max };
  if (n < min) return { path, issue: 'below_min', limit: min };
  return undefined;
}

/** The issue of a web address that must be `https://` (the server accepts no other). */
export function checkHttpsUrl(path: string, value: string, max: number): FieldIssue | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const long = checkText(path, text, { max, required: false });
  if (long) return long;
  try {
    return new URL(text).protocol === 'https:' ? undefined : { path, issue: 'bad_format' };
  } catch {
    return { path, issue: 'bad_format' };
  }
}

/** Issues that show while typing: the reader sees a text is over its limit before sending it. */
export const showsWhileTyping = (issue: FieldIssue): boolean =>
  issue.issue === 'too_long' || issue.issue === 'too_many';

/** The kinds whose message can state the bound, and those that can also state the count. */
const BOUNDED: ReadonlySet<ValidationIssueKind> = new Set([
  'too_long',
  'too_short',
  'too_many',
  'too_few',
  'above_max',
  'below_min',
]);
const COUNTED: ReadonlySet<ValidationIssueKind> = new Set(['too_long', 'too_short', 'too_many', 'too_few']);

/** The issue in words. */
export function describeIssue(issue: FieldIssue, t: Translate): string {
  if (issue.problem) return t(`errors.problems.${issue.problem}`);
  const key: MessageKey = `forms.issues.${issue.issue}`;
  const { limit, count } = issue;
  // i18next's context picks `<kind>_limit` or `<kind>_count`, which state the bound and the count.
  const message =
    limit === undefined || !BOUNDED.has(issue.issue)
      ? t(key)
      : count === undefined || !COUNTED.has(issue.issue)
        ? t(key, { limit, context: 'limit' })
        : t(key, { limit, count, over: count - limit, context: 'count' });
  if (issue.item !== undefined) return t('forms.item', { item: shorten(issue.item), message });
  const index = /\.(\d+)$/.exec(issue.path)?.[1];
  return index === undefined ? message : t('forms.nth', { n: Number(index) + 1, message });
}

/** An item short enough to quote in a message. */
function shorten(item: string): string {
  const text = item.trim();
  return text.length > 12 ? `${text.slice(0, 12)}…` : text;
}

/**
 * The field issues of a VALIDATION error's `details`, each with a kind the UI can word. A detail
 * from a server that names no kind is `invalid`: its English message is not shown.
 */
export function issuesOfDetails(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((item: unknown): FieldIssue[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, issue, limit, problem } = item as Record<string, unknown>;
    const joined = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return [
      {
        path: joined,
        issue: isValidationIssueKind(issue) ? issue : 'invalid',
        ...(typeof limit === 'number' && Number.isFinite(limit) ? { limit } : {}),
        ...(isFieldProblem(problem) ? { problem } : {}),
      },
    ];
  });
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return typeof value === 'string' && (FieldProblems as readonly string[]).includes(value);
}
