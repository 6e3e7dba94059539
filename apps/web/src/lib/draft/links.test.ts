import { describe, expect, it } from 'vitest';
import { isAllowedHref, normalizeHref } from './links';

describe('isAllowedHref', () => {
  it('allows web and e-mail links only', () => {
    expect(isAllowedHref('https://example.org')).toBe(true);
    expect(isAllowedHref('http://example.org/a?b=c')).toBe(true);
    expect(isAllowedHref('mailto:someone@example.org')).toBe(true);
    expect(isAllowedHref('javascript:alert(1)')).toBe(false);
    expect(isAllowedHref('data:text/html,hi')).toBe(false);
    expect(isAllowedHref('ftp://example.org')).toBe(false);
    expect(isAllowedHref('not a url')).toBe(false);
  });
});

describe('normalizeHref', () => {
  it('keeps full links', () => {
    expect(normalizeHref('  https://gov.cn/zc  ')).toBe('https://gov.cn/zc');
    expect(normalizeHref('mailto:a@b.cn')).toBe('mailto:a@b.cn');
  });

  it('completes bare addresses', () => {
    expect(normalizeHref('www.gov.cn/policy')).toBe('https://www.gov.cn/policy');
    expect(normalizeHref('office@cppcc.gov.cn')).toBe('mailto:office@cppcc.gov.cn');
    expect(normalizeHref('example.org:8080/x')).toBe('https://example.org:8080/x');
  });

  it('refuses other protocols and non-addresses', () => {
    expect(normalizeHref('javascript:alert(1)')).toBeNull();
    expect(normalizeHref('JavaScript:alert(1)')).toBeNull();
    expect(normalizeHref('vbscript:x')).toBeNull();
    expect(normalizeHref('')).toBeNull();
    expect(normalizeHref('两个 词')).toBeNull();
    expect(normalizeHref('justaword')).toBeNull();
  });
});
