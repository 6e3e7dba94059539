/** The duty pages' own logic: the years offered and the table's sectors. */
import type { DutyRow } from '@yishi/protocol';

/** The years a reader may pick: this one and the four before it, newest first. */
export function yearsUpTo(current: number, count = 5): number[] {
  return Array.from({ length: count }, (_, i) => current - i);
}

/** The year an address asks for (`?year=2025`), or `fallback` when it asks for none or a malformed one. */
export function yearFrom(params: URLSearchParams, fallback: number): number {
  const year = Number(params.get('year'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fallback;
}

/** Each sector's average score, one decimal, in the order the table lists sectors; no sector last. */
export function averageBySector(
  rows: readonly DutyRow[],
): { sector: string | null; average: number; members: number }[] {
  const sums = new Map<string | null, { total: number; members: number }>();
  for (const row of rows) {
    const sum = sums.get(row.sector) ?? { total: 0, members: 0 };
    sum.total += row.score;
    sum.members += 1;
    sums.set(row.sector, sum);
  }
  return [...sums].map(([sector, { total, members }]) => ({
    sector,
    average: Math.round((total / members) * 10) / 10,
    members,
  }));
}
