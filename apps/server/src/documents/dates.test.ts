import { describe, expect, it } from 'vitest';
import { documentDate, documentDateTime, documentTime } from './dates.js';

describe('document dates', () => {
  it('write a day as GB/T 9704 does in Chinese and as an ordinary date in English', () => {
    expect(documentDate('2026-11-30T02:00:00.000Z', 'zh-CN')).toBe('2026年11月30日');
    expect(documentDate('2026-11-30T02:00:00.000Z', 'en')).toBe('30 November 2026');
    expect(documentDate('2027-03-01T00:00:00.000Z', 'zh-CN')).toBe('2027年3月1日');
  });

  it('read instants in Beijing time, and calendar dates as that day', () => {
    expect(documentDate('2026-11-30T17:00:00.000Z', 'zh-CN')).toBe('2026年12月1日');
    expect(documentDate('2027-03-31', 'en')).toBe('31 March 2027');
    expect(documentTime('2026-12-01T01:10:00.000Z')).toBe('09:10');
    expect(documentDateTime('2026-12-01T09:10:00.000Z', 'zh-CN')).toBe('2026年12月1日 17:10');
    expect(documentDateTime('2026-12-01T09:10:00.000Z', 'en')).toBe('1 December 2026, 17:10');
  });
});
