import { describe, expect, it } from 'vitest';
import type { DutyRow } from '@yishi/protocol';
import { averageBySector, yearFrom, yearsUpTo } from './records';

const row = (sector: string | null, score: number) => ({ sector, score }) as DutyRow;

describe('duty records in the browser', () => {
  it('offers this year and the four before it', () => {
    expect(yearsUpTo(2026)).toEqual([2026, 2025, 2024, 2023, 2022]);
  });

  it('reads the year of the address, or falls back', () => {
    expect(yearFrom(new URLSearchParams('year=2025'), 2026)).toBe(2025);
    for (const query of ['', 'year=abc', 'year=1999', 'year=2025.5']) {
      expect(yearFrom(new URLSearchParams(query), 2026), query).toBe(2026);
    }
  });

  it('averages the scores of each sector to one decimal, keeping the table’s order', () => {
    const rows = [row('教育界', 10), row('教育界', 5), row('经济界', 20), row(null, 1)];
    expect(averageBySector(rows)).toEqual([
      { sector: '教育界', average: 7.5, members: 2 },
      { sector: '经济界', average: 20, members: 1 },
      { sector: null, average: 1, members: 1 },
    ]);
    expect(averageBySector([row('a', 1), row('a', 1), row('a', 2)])).toEqual([
      { sector: 'a', average: 1.3, members: 3 },
    ]);
  });
});
