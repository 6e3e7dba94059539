import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatTime, fromLocalInput, toLocalInput, todayInput } from './format';

describe('format', () => {
  it('shows a calendar date as that day whatever the time zone', () => {
    expect(formatCalendarDate('2025-03-04', 'en')).toMatch(/4/);
    expect(formatCalendarDate('2025-03-04', 'en')).toMatch(/2025/);
    expect(formatCalendarDate('2025-03-04', 'zh-CN')).toContain('3月4日');
  });

  it('leaves what is not a calendar date as it is', () => {
    expect(formatCalendarDate('soon', 'en')).toBe('soon');
  });

  it('reads a datetime-local value back as the same moment', () => {
    const moment = new Date(2025, 2, 4, 14, 30);
    const value = toLocalInput(moment);
    expect(value).toMatch(/^2025-03-04T14:30$/);
    expect(fromLocalInput(value)).toBe(moment.toISOString());
    expect(fromLocalInput('')).toBeUndefined();
  });

  it('shows the time of day of a moment, to the second, on a 24-hour clock', () => {
    const moment = new Date(2025, 2, 4, 14, 30, 5);
    expect(formatTime(moment.toISOString(), 'zh-CN')).toBe('14:30:05');
    expect(formatTime(moment.getTime(), 'en')).toBe('14:30:05');
    expect(formatTime('soon', 'en')).toBe('soon');
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(todayInput(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09');
  });
});
