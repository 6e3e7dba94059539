import { describe, expect, it } from 'vitest';
import { isSetupCode, newSetupCode } from './setup-code.js';

describe('setup codes', () => {
  it('are four groups of five symbols that cannot be mistaken, and differ every time', () => {
    const codes = new Set(Array.from({ length: 50 }, () => newSetupCode()));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  });

  it('are recognised however they are typed back, and nothing else is', () => {
    const code = 'AB0C1-DEFGH-JKMNP-QRSTV';
    expect(isSetupCode(code, code)).toBe(true);
    expect(isSetupCode(code, ' ab0c1 defgh jkmnp qrstv ')).toBe(true);
    expect(isSetupCode(code, 'ABOCI-DEFGH-JKMNP-QRSTV')).toBe(true);
    expect(isSetupCode(code, 'ABOCL-DEFGH-JKMNP-QRSTV')).toBe(true);
    expect(isSetupCode(code, 'AB0C1-DEFGH-JKMNP-QRSTW')).toBe(false);
    expect(isSetupCode(code, 'AB0C1-DEFGH-JKMNP')).toBe(false);
    expect(isSetupCode(code, '')).toBe(false);
  });
});
