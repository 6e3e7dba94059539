import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { markdownTable, textTable, writeFigures } from './report.js';

/**
 * The scale part's figures: one row per store, size, person and request, judged against the
 * goals where the issue sets one (on the p95), and against the figures recorded by the last
 * full-size run (apps/server/bench/scale-figures.json), where a median or a payload more than twice
 * the recorded one is a REGRESSION. The median, not the p95: a p95 of 50 requests is their third
 * slowest, which on a busy machine moves by more than twice from run to run.
 */

/** The goal of a first page of the case library (issue 16). */
export const CASES_GOAL = { p95Ms: 50, kb: 100 } as const;
/**
 * A median counts as a regression only when it is also this much slower in absolute terms: at a
 * few milliseconds, twice as slow is what a busy machine does to a request now and then.
 */
export const REGRESSION_SLACK_MS = 5;
export const REGRESSION_RATIO = 2;

export interface ScaleRow {
  store: string;
  cases: number;
  topics: number;
  members: number;
  who: 'admin' | 'member';
  measurement: string;
  requests: number;
  p50: number;
  p95: number;
  bytes: number;
  /** Items in the answer (cases or topics), and the total it says there are (undefined when it says none). */
  items?: number | undefined;
  total?: number | undefined;
  goal?: typeof CASES_GOAL | undefined;
}

/** What a later run compares against: the same key, its median (p95 for reading) and its payload. */
export interface RecordedFigure {
  key: string;
  p50: number;
  p95: number;
  bytes: number;
}

export interface RecordedFigures {
  recorded: string;
  machine: string;
  figures: RecordedFigure[];
}

export const keyOf = (row: ScaleRow) =>
  [row.store, `${row.cases} cases`, `${row.topics} topics`, `${row.members} members`, row.who, row.measurement].join(
    ' | ',
  );

export const goalMet = (row: ScaleRow) =>
  row.goal === undefined || (row.p95 <= row.goal.p95Ms && row.bytes / 1024 <= row.goal.kb);

/** The comparison of a row with its recorded figure, if there is one. */
export interface Comparison {
  recorded: RecordedFigure;
  ratio: number;
  bytesRatio: number;
  regression: boolean;
}

export function compare(row: ScaleRow, recorded: readonly RecordedFigure[]): Comparison | undefined {
  const before = recorded.find((r) => r.key === keyOf(row));
  if (!before) return undefined;
  const ratio = row.p50 / before.p50;
  const bytesRatio = row.bytes / before.bytes;
  const slower = ratio > REGRESSION_RATIO && row.p50 - before.p50 > REGRESSION_SLACK_MS;
  return { recorded: before, ratio, bytesRatio, regression: slower || bytesRatio > REGRESSION_RATIO };
}

export function readRecorded(file: string): RecordedFigures | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as RecordedFigures;
}

export function writeRecorded(file: string, rows: readonly ScaleRow[], machine: string, date: string): void {
  const figures = rows.map((row) => ({ key: keyOf(row), p50: round(row.p50), p95: round(row.p95), bytes: row.bytes }));
  writeFileSync(file, `${JSON.stringify({ recorded: date, machine, figures } satisfies RecordedFigures, null, 2)}\n`);
}

const round = (value: number) => Math.round(value * 100) / 100;
const ms = (value: number) => value.toFixed(2);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');

function rowCells(row: ScaleRow, comparison: Comparison | undefined): string[] {
  const items =
    row.items === undefined
      ? '—'
      : row.total === undefined
        ? count(row.items)
        : `${count(row.items)} of ${count(row.total)}`;
  const goal = row.goal ? `p95 ≤ ${row.goal.p95Ms} ms, ≤ ${row.goal.kb} KB` : '—';
  const result = row.goal ? (goalMet(row) ? 'PASS' : 'MISS') : '—';
  const versus = comparison
    ? `×${comparison.ratio.toFixed(2)} (KB ×${comparison.bytesRatio.toFixed(2)})${comparison.regression ? ' REGRESSION' : ''}`
    : 'nothing recorded';
  return [
    row.store,
    count(row.cases),
    row.who,
    row.measurement,
    ms(row.p50),
    ms(row.p95),
    kb(row.bytes),
    items,
    goal,
    result,
    versus,
  ];
}

const header = [
  'store',
  'cases',
  'who',
  'measurement',
  'p50 ms',
  'p95 ms',
  'KB',
  'items',
  'goal',
  'result',
  'p50 against recorded',
];

function cells(rows: readonly ScaleRow[], recorded: readonly RecordedFigure[]): string[][] {
  return rows.map((row) => rowCells(row, compare(row, recorded)));
}

export const printScale = (rows: readonly ScaleRow[], recorded: readonly RecordedFigure[]) =>
  textTable(header, cells(rows, recorded));
export const markdownScale = (rows: readonly ScaleRow[], recorded: readonly RecordedFigure[]) =>
  markdownTable(header, cells(rows, recorded));

/**
 * How each figure grows with the store: one line per person and request, the p95 and payload at
 * each size measured, side by side for the two stores.
 */
export function markdownGrowth(rows: readonly ScaleRow[]): string {
  const stores = [...new Set(rows.map((r) => r.store))];
  const sizes = [...new Set(rows.map((r) => r.cases))].sort((a, b) => a - b);
  const lines = [...new Set(rows.map((r) => `${r.who}\u0000${r.measurement}`))];
  const head = [
    'who',
    'measurement',
    ...stores.flatMap((store) => sizes.map((size) => `${store} ${count(size)}: p95 ms / KB`)),
  ];
  const body = lines.map((line) => {
    const [who, measurement] = line.split('\u0000') as [string, string];
    const cellsOf = (store: string, size: number) => {
      const row = rows.find(
        (r) => r.store === store && r.cases === size && r.who === who && r.measurement === measurement,
      );
      return row ? `${ms(row.p95)} / ${kb(row.bytes)}` : '—';
    };
    return [who, measurement, ...stores.flatMap((store) => sizes.map((size) => cellsOf(store, size)))];
  });
  return markdownTable(head, body);
}

/** Where the scale part's figures go, and how the run speaks. */
export interface ScaleOutput {
  /** Whether the part ran at its full size, the only size whose figures are recorded. */
  full: boolean;
  figuresFile: string;
  docsFile: string;
  machine: string;
  date: string;
  out(text: string): void;
  say(line: string): void;
}

/**
 * Prints the table against the recorded figures; after a full-size run without a regression,
 * records its figures (scale-figures.json) and writes them into docs/performance.md. A run with a
 * regression keeps the recorded figures, so that the next run is held to them too.
 */
export function reportScale(
  scaled: { rows: ScaleRow[]; notes: string[] },
  to: ScaleOutput,
): { missed: number; regressions: number } {
  const recorded = readRecorded(to.figuresFile)?.figures ?? [];
  to.out(`\n${printScale(scaled.rows, recorded)}\n`);
  for (const note of scaled.notes) to.out(note);
  const missed = scaled.rows.filter((row) => !goalMet(row)).length;
  const regressions = scaled.rows.filter((row) => compare(row, recorded)?.regression).length;
  if (!to.full) {
    to.say('scale: not the full size (BENCH_SCALE_* set): its figures left as they are');
  } else if (regressions > 0) {
    to.say(`scale: ${regressions} REGRESSION(S): the recorded figures are kept, nothing written`);
  } else {
    const figures = [
      `Run of ${to.date} on ${to.machine}.`,
      '',
      markdownScale(scaled.rows, recorded),
      '',
      'How each grows from a tenth of the store to all of it (p95 ms / payload KB):',
      '',
      markdownGrowth(scaled.rows),
      '',
      ...scaled.notes.map((note) => `- ${note}`),
    ];
    writeFigures(to.docsFile, figures.join('\n'), 'scale');
    writeRecorded(to.figuresFile, scaled.rows, to.machine, to.date);
    const where = (file: string) => path.relative(process.cwd(), file);
    to.say(`scale figures written to ${where(to.docsFile)} and ${where(to.figuresFile)}`);
  }
  return { missed, regressions };
}
