import type { ValidationIssueKind } from '@yishi/protocol';
import { tick } from 'svelte';
import { InvalidFields } from '$lib/errors';
import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import { describeIssue, showsWhileTyping, type FieldIssue } from '$lib/validation';

/**
 * A form's own checks, before it is sent: the issues of its current values, worded for each field.
 * A text over its limit shows at once, while typing or after a paste (nothing is cut); every issue
 * shows once the form has been submitted, and then follows the values as they are corrected.
 *
 * ```ts
 * const check = new FormCheck(() => [checkText('title', title, { max: FieldLimits.topic.title })]);
 * // on submit: if (!check.passes(event)) return;
 * // field: error={check.message('title') ?? fieldError(error, 'title')}
 * ```
 */
export class FormCheck {
  #submitted = $state(false);
  /** The issues as they were when sending was last refused, for the form's summary. */
  #refused = $state.raw<InvalidFields | null>(null);
  readonly #find: () => readonly (FieldIssue | FieldIssue[] | undefined)[];

  /** The issues of the current values. */
  readonly issues: FieldIssue[] = $derived.by(() =>
    this.#find()
      .flat()
      .filter((issue): issue is FieldIssue => issue !== undefined),
  );

  /** The issues the reader sees now. */
  readonly shown: FieldIssue[] = $derived(this.#submitted ? this.issues : this.issues.filter(showsWhileTyping));

  /**
   * The form's error summary, as it was when sending was refused (so that a screen reader does not
   * hear it again at every keystroke); null once every issue is put right.
   */
  get error(): InvalidFields | null {
    return this.issues.length > 0 ? this.#refused : null;
  }

  /** `find` lists the issues of the form's current values (read from `$state`, so that they follow). */
  constructor(find: () => readonly (FieldIssue | FieldIssue[] | undefined)[]) {
    this.#find = find;
  }

  /**
   * What is wrong with the field at `path` (or an item of it), in the current language; `words`
   * gives some kinds of issue this field's own message ("Enter a title for the item").
   */
  message(path: string, words: Partial<Record<ValidationIssueKind, MessageKey>> = {}): string | undefined {
    const issue = this.shown.find((i) => i.path === path || i.path.startsWith(`${path}.`));
    if (!issue) return undefined;
    const key = words[issue.issue];
    return key ? t(key) : describeIssue(issue, t);
  }

  /**
   * For the submit handler: true when the form may be sent. Otherwise every issue is shown and the
   * focus moves to the first field marked invalid in the submitted form.
   */
  passes(event?: Event): boolean {
    this.#submitted = true;
    this.#refused = this.issues.length > 0 ? new InvalidFields(this.issues) : null;
    if (this.#refused === null) return true;
    const form = event?.currentTarget instanceof HTMLFormElement ? event.currentTarget : null;
    void tick().then(() => focusable(form?.querySelector<HTMLElement>('[aria-invalid="true"]'))?.focus());
    return false;
  }

  /** After the form was sent and emptied: nothing is flagged until the next submission. */
  reset(): void {
    this.#submitted = false;
    this.#refused = null;
  }
}

/** The element itself when it takes the focus, else its first control (a group of radio buttons). */
function focusable(element: HTMLElement | null | undefined): HTMLElement | null {
  if (!element) return null;
  return element.matches('input, select, textarea, button')
    ? element
    : element.querySelector<HTMLElement>('input, select, textarea, button');
}
