import { describe, expect, it } from 'vitest';
import { createOrgBody, levelRank, loginSchema, parseErrorEnvelope, updateMemberBody } from './index.js';

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
