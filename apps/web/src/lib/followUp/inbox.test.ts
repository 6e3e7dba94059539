import { describe, expect, it } from 'vitest';
import { daysUntil, inboxStatus } from './inbox';

describe('inboxStatus', () => {
  it('says answered before anything else', () => {
    expect(inboxStatus({ answered: true, overdue: false })).toBe('answered');
  });

  it('says overdue for an unanswered item past its date, open otherwise', () => {
    expect(inboxStatus({ answered: false, overdue: true })).toBe('overdue');
    expect(inboxStatus({ answered: false, overdue: false })).toBe('open');
  });
});

describe('daysUntil', () => {
  it('counts whole days, zero on the day and negative once past', () => {
    expect(daysUntil('2025-03-10', '2025-03-07')).toBe(3);
    expect(daysUntil('2025-03-07', '2025-03-07')).toBe(0);
    expect(daysUntil('2025-03-01', '2025-03-07')).toBe(-6);
  });

  it('counts across a month end and a leap day', () => {
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2);
  });

  it('is null without a date', () => {
    expect(daysUntil(null, '2025-03-07')).toBeNull();
    expect(daysUntil('soon', '2025-03-07')).toBeNull();
  });
});
