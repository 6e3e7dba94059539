import { describe, expect, it } from 'vitest';
import { clockTime, meetingStart } from './time';

describe('clockTime', () => {
  it('shows hours and minutes on a 24-hour clock', () => {
    const moment = new Date(2026, 10, 18, 14, 5, 30).getTime();
    expect(clockTime(moment, 'zh-CN')).toBe('14:05');
    expect(clockTime(moment, 'en')).toBe('14:05');
    expect(clockTime(new Date(2026, 10, 18, 9, 0).toISOString(), 'en')).toBe('09:00');
  });

  it('passes through what is not a moment', () => {
    expect(clockTime('soon', 'en')).toBe('soon');
  });
});

describe('meetingStart', () => {
  it('prefers the opening time over the scheduled one', () => {
    expect(meetingStart({ openedAt: '2026-11-18T01:10:00Z', startsAt: '2026-11-18T01:00:00Z' })).toBe(
      Date.UTC(2026, 10, 18, 1, 10),
    );
    expect(meetingStart({ openedAt: null, startsAt: '2026-11-18T01:00:00Z' })).toBe(Date.UTC(2026, 10, 18, 1, 0));
    expect(meetingStart({ openedAt: null, startsAt: 'x' })).toBeNull();
  });
});
