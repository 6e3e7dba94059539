/** The dashboard's numbers shaped for its charts and tables. */
import { Stages, type Dashboard, type Stage } from '@yishi/protocol';

/** The side exits: shown only when some topic took them. */
const SIDE_EXITS: readonly Stage[] = ['rejected', 'withdrawn'];

/** Topics per stage in the procedure's order: every stage of the procedure, the side exits when used. */
export function stageCounts(byStage: Dashboard['topicsByStage']): { stage: Stage; count: number }[] {
  return Stages.map((stage) => ({ stage, count: byStage[stage] ?? 0 })).filter(
    (row) => row.count > 0 || !SIDE_EXITS.includes(row.stage),
  );
}

/** A sector's speaking time in minutes, to one decimal. */
export function minutesOf(seconds: number): number {
  return Math.round(seconds / 6) / 10;
}

/**
 * The `?orgId=&from=&to=&year=` of `GET /api/dashboard`; dates that are not `YYYY-MM-DD` are left
 * out, and so is the year when not given (the server then takes this year).
 */
export function dashboardQuery(orgId: string, from: string, to: string, year?: number): string {
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');
  const pairs: [string, string][] = [
    ['orgId', orgId],
    ['from', date(from)],
    ['to', date(to)],
    ['year', year === undefined ? '' : String(year)],
  ];
  return `?${new URLSearchParams(pairs.filter(([, value]) => value !== '')).toString()}`;
}

/** Whether a period is usable: both days given and the first not after the second. */
export function validPeriod(from: string, to: string): boolean {
  const pattern = /^\d{4}-\d{2}-\d{2}$/;
  return pattern.test(from) && pattern.test(to) && from <= to;
}

/** A chart's numbers as one sentence for its text alternative: "label: value, label: value". */
export function chartSummary(rows: readonly { label: string; value: string }[], separator: string): string {
  return rows.map((row) => `${row.label} ${row.value}`).join(separator);
}
