import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createMeetingBody,
  createMemberBody,
  createTopicBody,
  FieldLimits,
  orgSettingsBody,
  outcomeBody,
  ratingBody,
  updateMemberBody,
  validationDetail,
  ValidationIssueKinds,
  type ValidationDetail,
} from './index.js';

/** The details the server would send for `input` refused by `schema`. */
function details(schema: z.ZodType, input: unknown): Omit<ValidationDetail, 'message'>[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return result.error.issues.map((issue) => {
    const { message, ...rest } = validationDetail(issue, input);
    expect(message).not.toBe('');
    return rest;
  });
}

const topic = { orgId: 'o1', title: '加装电梯', summary: '摘要' };

describe('validation details', () => {
  it('say which text is too long or missing, with the limit', () => {
    const long = '长'.repeat(FieldLimits.topic.title + 1);
    expect(details(createTopicBody, { ...topic, title: long })).toEqual([
      { path: 'title', issue: 'too_long', limit: FieldLimits.topic.title },
    ]);
    expect(details(createTopicBody, { ...topic, title: '   ' })).toEqual([{ path: 'title', issue: 'required' }]);
    expect(details(createTopicBody, { orgId: 'o1', title: 'x' })).toEqual([{ path: 'summary', issue: 'required' }]);
    expect(
      details(createMemberBody, { login: 'a', password: 'long enough', displayName: 'A', role: 'member' }),
    ).toEqual([{ path: 'login', issue: 'too_short', limit: FieldLimits.member.loginMin }]);
  });

  it('say which list has too many or too few items, and which item is too long', () => {
    const tags = Array.from({ length: FieldLimits.topic.tags + 1 }, (_, i) => `t${i}`);
    expect(details(createTopicBody, { ...topic, tags })).toEqual([
      { path: 'tags', issue: 'too_many', limit: FieldLimits.topic.tags },
    ]);
    expect(details(createTopicBody, { ...topic, tags: ['ok', 'x'.repeat(41)] })).toEqual([
      { path: 'tags.1', issue: 'too_long', limit: FieldLimits.topic.tag },
    ]);
    expect(details(outcomeBody, { form: 'recommendation', recipientDepartmentIds: [], dueDate: '2027-01-01' })).toEqual(
      [{ path: 'recipientDepartmentIds', issue: 'too_few', limit: 1 }],
    );
  });

  it('say which number is out of range', () => {
    expect(details(ratingBody, { score: 6, comment: '' })).toEqual([
      { path: 'score', issue: 'above_max', limit: FieldLimits.rating.scoreMax },
    ]);
    expect(details(orgSettingsBody, { minDistinctSpeakers: 0 })).toEqual([
      { path: 'minDistinctSpeakers', issue: 'below_min', limit: FieldLimits.gates.minDistinctSpeakersMin },
    ]);
  });

  it('tell bad formats, options, types, unknown fields and the rest apart', () => {
    const meeting = { title: '会', startsAt: '2026-12-01T09:00:00+08:00' };
    expect(details(createMeetingBody, { ...meeting, startsAt: 'tomorrow' })).toEqual([
      { path: 'startsAt', issue: 'bad_format' },
    ]);
    expect(details(createMeetingBody, { ...meeting, video: { provider: 'link', url: 'http://x.org' } })).toEqual([
      { path: 'video.url', issue: 'bad_format' },
    ]);
    expect(details(createMeetingBody, { ...meeting, mode: 'telepathy' })).toEqual([
      { path: 'mode', issue: 'not_an_option' },
    ]);
    expect(details(ratingBody, { score: '5', comment: '' })).toEqual([{ path: 'score', issue: 'wrong_type' }]);
    expect(details(createTopicBody, { ...topic, colour: 'red' })).toEqual([{ path: 'colour', issue: 'unknown_field' }]);
    expect(details(updateMemberBody, {})).toEqual([{ path: '', issue: 'invalid' }]);
    expect(details(z.number().multipleOf(5), 7)).toEqual([{ path: '', issue: 'invalid' }]);
    expect(details(z.union([z.string(), z.number()]), true)).toEqual([{ path: '', issue: 'invalid' }]);
  });

  it('name only kinds from the list', () => {
    const seen = [
      ...details(createTopicBody, { title: 1, extra: 2 }),
      ...details(ratingBody, { score: 0, comment: 'x'.repeat(FieldLimits.rating.comment + 1) }),
    ];
    for (const detail of seen) expect(ValidationIssueKinds).toContain(detail.issue);
  });
});
