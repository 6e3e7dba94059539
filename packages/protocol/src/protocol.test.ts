import { describe, expect, it } from 'vitest';
import { casesQuery, createOrgBody, levelRank, loginSchema, parseErrorEnvelope, updateMemberBody } from './index.js';

describe('error envelope', () => {
  it('reads a well-formed envelope and refuses anything else', () => {
    expect(parseErrorEnvelope({ error: { code: 'FORBIDDEN', message: 'no' } })).toEqual({
      code: 'FORBIDDEN',
      message: 'no',
    });
    expect(parseErrorEnvelope({ error: { code: 'VALIDATION', message: 'bad', details: [1] } })?.details).toEqual([1]);
    expect(parseErrorEnvelope({ error: { code: 'TEAPOT', message: 'x' } })).toBeUndefined();
    expect(parseErrorEnvelope({ error: 'x' })).toBeUndefined();
    expect(parseErrorEnvelope(null)).toBeUndefined();
  });
});

describe('schemas', () => {
  it('lower-cases logins and accepts Chinese, phone numbers and e-mail addresses', () => {
    expect(loginSchema.parse('  Zhang.San ')).toBe('zhang.san');
    expect(loginSchema.parse('张三')).toBe('张三');
    expect(loginSchema.parse('13800138000')).toBe('13800138000');
    expect(loginSchema.parse('li@example.org')).toBe('li@example.org');
    expect(loginSchema.safeParse('with space').success).toBe(false);
    expect(loginSchema.safeParse('x').success).toBe(false);
  });

  it('refuses unknown fields', () => {
    expect(createOrgBody.safeParse({ name: 'a', level: 'city', extra: 1 }).success).toBe(false);
    expect(updateMemberBody.safeParse({}).success).toBe(false);
    expect(updateMemberBody.safeParse({ active: false }).success).toBe(true);
  });

  it('ranks levels from province down to a consultation room', () => {
    expect(levelRank('province')).toBeLessThan(levelRank('city'));
    expect(levelRank('liaison_station')).toBeLessThan(levelRank('consultation_room'));
  });
});

describe('the case search query', () => {
  it('splits the text into words at any whitespace, the ideographic space included, repeats collapsed', () => {
    expect(casesQuery.parse({ q: ' 电梯\u3000 加装  Fund\t' }).q).toEqual(['电梯', '加装', 'Fund']);
    expect(casesQuery.parse({ q: '加装电梯' }).q).toEqual(['加装电梯']);
    expect(casesQuery.parse({}).q).toBeUndefined();
    expect(casesQuery.safeParse({ q: ' \u3000 ' }).success).toBe(false);
  });

  it('refuses more than 8 words and a word longer than 50 characters, naming the field', () => {
    const issues = (q: string) => casesQuery.safeParse({ q }).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues('1 2 3 4 5 6 7 8')).toBeUndefined();
    expect(issues('1 2 3 4 5 6 7 8 9')).toEqual(['q']);
    expect(issues(`${'字'.repeat(50)} ok`)).toBeUndefined();
    expect(issues(`ok ${'字'.repeat(51)}`)).toEqual(['q.1']);
  });
});
