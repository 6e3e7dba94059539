import { ErrorCodes, FieldLimits, FieldProblems, ValidationIssueKinds, validationDetail } from '@yishi/protocol';
import { createTopicBody } from '@yishi/protocol';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { MessageKey, MessageVars } from './i18n/i18n.svelte';
import { messagesEn, messagesZhCN } from './i18n/messages/index.js';
import {
  checkHttpsUrl,
  checkList,
  checkText,
  checkWholeNumber,
  describeIssue,
  issuesOfDetails,
  type FieldIssue,
  type Translate,
} from './validation';

/** The UI's `t` in one language, with i18next as the app runs it; a missing key throws. */
function translator(messages: object, lng: string): Translate {
  const i18next = createInstance();
  void i18next.init({
    resources: { [lng]: { translation: messages } },
    lng,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (key: MessageKey, vars?: MessageVars) => {
    if (!i18next.exists(key, vars)) throw new Error(`no message ${key} in ${lng}`);
    return i18next.t(key, vars);
  };
}

const languages = { 'zh-CN': translator(messagesZhCN, 'zh-CN'), en: translator(messagesEn, 'en') };

/** Every issue in words, in both languages: no key left raw, no placeholder left empty. */
function wordedWell(message: string): void {
  expect(message).not.toMatch(/\{\{|\}\}|undefined|forms\.|errors\./);
  expect(message.trim()).not.toBe('');
}

describe.each(Object.entries(languages))('%s', (lng, t) => {
  it('has words for every error code the server sends', () => {
    for (const code of ErrorCodes) wordedWell(t(`errors.${code}`));
  });

  it('has words for every kind of field issue, with and without the limit and the count', () => {
    for (const issue of ValidationIssueKinds) {
      wordedWell(describeIssue({ path: 'title', issue }, t));
      wordedWell(describeIssue({ path: 'title', issue, limit: 200 }, t));
      wordedWell(describeIssue({ path: 'title', issue, limit: 200, count: 230 }, t));
    }
    for (const problem of FieldProblems) wordedWell(describeIssue({ path: 'password', issue: 'invalid', problem }, t));
  });

  it('says the limit and how far over it a text is', () => {
    const message = describeIssue({ path: 'title', issue: 'too_long', limit: 200, count: 230 }, t);
    expect(message).toContain('200');
    expect(message).toContain('230');
    expect(message).toContain('30');
    expect(describeIssue({ path: 'title', issue: 'too_long', limit: 200 }, t)).toContain('200');
  });

  it('names the item of a list at fault', () => {
    const tag = 'x'.repeat(45);
    const [issue] = checkList('tags', ['ok', tag], { maxItems: 20, maxLength: 40 });
    expect(describeIssue(issue!, t)).toContain(`${'x'.repeat(12)}…`);
    const nth = describeIssue({ path: 'tags.2', issue: 'too_long', limit: 40 }, t);
    expect(nth).toContain('3');
  });

  it('words what the server refused without showing its English text', () => {
    const title = '长'.repeat(FieldLimits.topic.title + 5);
    const input = { orgId: 'o1', title, summary: '', colour: 'red' };
    const parsed = createTopicBody.safeParse(input);
    expect(parsed.success).toBe(false);
    const details = parsed.error!.issues.map((issue) => validationDetail(issue, input));
    const words = issuesOfDetails(details).map((issue) => describeIssue(issue, t));
    expect(words).toHaveLength(3);
    for (const [i, word] of words.entries()) {
      wordedWell(word);
      expect(word).not.toContain(details[i]!.message);
    }
    expect(words[0]).toContain(String(FieldLimits.topic.title));
    if (lng === 'zh-CN') for (const word of words) expect(word).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('server details', () => {
  it('read the kind, the limit and the problem, and treat an unnamed kind as invalid', () => {
    expect(
      issuesOfDetails([
        { path: 'title', message: 'Too big', issue: 'too_long', limit: 200 },
        { path: 'password', message: 'weak', problem: 'weak_password' },
        { path: ['video', 'url'], message: 'Invalid URL' },
        { path: 'x', message: 'm', issue: 'exploded', limit: 'lots' },
        'junk',
      ]),
    ).toEqual<FieldIssue[]>([
      { path: 'title', issue: 'too_long', limit: 200 },
      { path: 'password', issue: 'invalid', problem: 'weak_password' },
      { path: 'video.url', issue: 'invalid' },
      { path: 'x', issue: 'invalid' },
    ]);
    expect(issuesOfDetails({ retryAfterSeconds: 3 })).toEqual([]);
  });
});

describe('checks before sending', () => {
  it('count a text as the server does, trimmed, and never cut it', () => {
    expect(checkText('title', '  ', { max: 5 })).toEqual({ path: 'title', issue: 'required' });
    expect(checkText('title', '', { max: 5, required: false })).toBeUndefined();
    expect(checkText('title', ' 12345 ', { max: 5 })).toBeUndefined();
    expect(checkText('title', '123456', { max: 5 })).toEqual({ path: 'title', issue: 'too_long', limit: 5, count: 6 });
    expect(checkText('login', 'a', { max: 64, min: 2 })).toEqual({
      path: 'login',
      issue: 'too_short',
      limit: 2,
      count: 1,
    });
  });

  it('count the items of a list and the length of each', () => {
    expect(checkList('tags', ['a', 'b', 'c'], { maxItems: 2, maxLength: 1 })).toEqual([
      { path: 'tags', issue: 'too_many', limit: 2, count: 3 },
    ]);
    expect(checkList('tags', ['a', 'bb'], { maxItems: 2, maxLength: 1 })).toEqual([
      { path: 'tags.1', issue: 'too_long', limit: 1, count: 2, item: 'bb' },
    ]);
  });

  it('bound whole numbers and take only https addresses', () => {
    expect(checkWholeNumber('n', '', { min: 0, max: 20 })?.issue).toBe('required');
    expect(checkWholeNumber('n', '2.5', { min: 0, max: 20 })?.issue).toBe('bad_format');
    expect(checkWholeNumber('n', '21', { min: 0, max: 20 })).toEqual({ path: 'n', issue: 'above_max', limit: 20 });
    expect(checkWholeNumber('n', '-1', { min: 0, max: 20 })).toEqual({ path: 'n', issue: 'below_min', limit: 0 });
    expect(checkWholeNumber('n', '7', { min: 0, max: 20 })).toBeUndefined();
    expect(checkHttpsUrl('url', '', 500)).toBeUndefined();
    expect(checkHttpsUrl('url', 'https://meet.example.org/abc', 500)).toBeUndefined();
    expect(checkHttpsUrl('url', 'http://meet.example.org/abc', 500)?.issue).toBe('bad_format');
    expect(checkHttpsUrl('url', 'meet', 500)?.issue).toBe('bad_format');
    expect(checkHttpsUrl('url', `https://x.org/${'a'.repeat(500)}`, 500)?.issue).toBe('too_long');
  });
});
