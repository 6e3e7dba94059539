import { describe, expect, it } from 'vitest';
import { chartSummary, dashboardQuery, minutesOf, stageCounts, validPeriod } from './dashboard';

describe('stageCounts', () => {
  it('lists every stage of the procedure in order, zero where there is none', () => {
    const rows = stageCounts({ vetting: 2, closed: 1 });
    expect(rows.map((r) => r.stage)).toEqual([
      'proposed',
      'vetting',
      'preparation',
      'consultation',
      'drafting',
      'delivered',
      'feedback',
      'closed',
    ]);
    expect(rows.find((r) => r.stage === 'vetting')?.count).toBe(2);
    expect(rows.find((r) => r.stage === 'proposed')?.count).toBe(0);
  });

  it('adds a side exit only when a topic took it', () => {
    const rows = stageCounts({ withdrawn: 1 });
    expect(rows.map((r) => r.stage)).toContain('withdrawn');
    expect(rows.map((r) => r.stage)).not.toContain('rejected');
  });
});

describe('minutesOf', () => {
  it('turns seconds into minutes to one decimal', () => {
    expect(minutesOf(600)).toBe(10);
    expect(minutesOf(95)).toBe(1.6);
    expect(minutesOf(0)).toBe(0);
  });
});

describe('dashboardQuery', () => {
  it('sends the organisation and the period', () => {
    expect(dashboardQuery('o1', '2025-01-01', '2025-03-31')).toBe('?orgId=o1&from=2025-01-01&to=2025-03-31');
  });

  it('leaves out days that are not dates (the server then takes the last 90 days)', () => {
    expect(dashboardQuery('o1', '', 'tomorrow')).toBe('?orgId=o1');
  });

  it('sends the year of the meetings by form when one is chosen', () => {
    expect(dashboardQuery('o1', '', '', 2025)).toBe('?orgId=o1&year=2025');
  });
});

describe('validPeriod', () => {
  it('wants two days in order', () => {
    expect(validPeriod('2025-01-01', '2025-01-01')).toBe(true);
    expect(validPeriod('2025-02-01', '2025-01-01')).toBe(false);
    expect(validPeriod('', '2025-01-01')).toBe(false);
  });
});

describe('chartSummary', () => {
  it('joins the labels and values', () => {
    expect(
      chartSummary(
        [
          { label: '审议中', value: '2' },
          { label: '已办结', value: '1' },
        ],
        '，',
      ),
    ).toBe('审议中 2，已办结 1');
  });
});
