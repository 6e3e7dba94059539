import { readFileSync, writeFileSync } from 'node:fs';
import type { Latency } from './stats.js';

/** A latency of Yishi's against its baseline's, judged on the ratio of their p99. */
export interface LatencyRow {
  name: string;
  measured: Latency;
  baselineName: string;
  baseline: Latency;
  /** The largest p99 ratio that meets the goal. */
  goal: number;
}

/** Growth of a server process per room client, in KB, judged on its own (the bare server is for reference). */
export interface MemoryRow {
  name: string;
  clients: number;
  yishiKb: number;
  bareKb: number;
  goalKb: number;
}

/**
 * The longest event-loop stall while an export is served (the median over rounds), against the
 * same for a baseline export of the same text, judged on their ratio.
 */
export interface StallRow {
  name: string;
  exportMs: number;
  stallMs: number;
  /** A client's round trips (Socket.IO `time:sync`) while the exports were served. */
  roundTrip: Latency;
  baselineName: string;
  baselineStallMs: number;
  /** The largest stall ratio that meets the goal. */
  goal: number;
}

export const ratio = (row: LatencyRow) => row.measured.p99 / row.baseline.p99;
export const latencyMet = (row: LatencyRow) => row.measured.lost === 0 && ratio(row) <= row.goal;
export const memoryMet = (row: MemoryRow) => row.yishiKb <= row.goalKb;
export const stallRatio = (row: StallRow) => row.stallMs / row.baselineStallMs;
export const stallMet = (row: StallRow) => stallRatio(row) <= row.goal;

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const kb = (value: number) => value.toFixed(1);
const verdict = (met: boolean) => (met ? 'PASS' : 'MISS');
const lostNote = (row: LatencyRow) => (row.measured.lost > 0 ? ` (${row.measured.lost} lost)` : '');

function latencyCells(row: LatencyRow): string[] {
  return [
    row.name,
    ms(row.measured.p50),
    ms(row.measured.p99),
    row.baselineName,
    ms(row.baseline.p50),
    ms(row.baseline.p99),
    ratio(row).toFixed(2),
    `≤ ${row.goal.toFixed(1)}`,
    verdict(latencyMet(row)) + lostNote(row),
  ];
}

const latencyHeader = [
  'measurement',
  'p50 ms',
  'p99 ms',
  'baseline',
  'p50 ms',
  'p99 ms',
  'p99 ratio',
  'goal',
  'result',
];

function memoryCells(row: MemoryRow): string[] {
  return [row.name, String(row.clients), kb(row.yishiKb), kb(row.bareKb), `≤ ${row.goalKb}`, verdict(memoryMet(row))];
}

const memoryHeader = ['memory per room client', 'clients', 'Yishi KB', 'bare Socket.IO KB', 'goal KB', 'result'];

function stallCells(row: StallRow): string[] {
  return [
    row.name,
    ms(row.exportMs),
    ms(row.stallMs),
    ms(row.roundTrip.p99),
    ms(row.roundTrip.max),
    row.baselineName,
    ms(row.baselineStallMs),
    stallRatio(row).toFixed(2),
    `≤ ${row.goal.toFixed(1)}`,
    verdict(stallMet(row)),
  ];
}

const stallHeader = [
  'event loop while exporting',
  'export ms',
  'stall ms',
  'round trip p99 ms',
  'max ms',
  'baseline',
  'stall ms',
  'stall ratio',
  'goal',
  'result',
];

/** Columns padded to their widest cell, for the terminal. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

type Table = (header: string[], rows: string[][]) => string;

function tables(table: Table, latency: LatencyRow[], memory: MemoryRow[], stall: StallRow[]): string {
  return [
    latency.length > 0 ? table(latencyHeader, latency.map(latencyCells)) : '',
    memory.length > 0 ? table(memoryHeader, memory.map(memoryCells)) : '',
    stall.length > 0 ? table(stallHeader, stall.map(stallCells)) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export const printTables = (latency: LatencyRow[], memory: MemoryRow[], stall: StallRow[] = []) =>
  tables(textTable, latency, memory, stall);
export const markdownTables = (latency: LatencyRow[], memory: MemoryRow[], stall: StallRow[] = []) =>
  tables(markdownTable, latency, memory, stall);

/** The sections of docs/performance.md the bench rewrites: the full run's, the export part's and the scale part's. */
const SECTIONS = {
  full: { begin: '<!-- bench:begin (written by `npm run bench`) -->', end: '<!-- bench:end -->' },
  export: {
    begin: '<!-- bench-export:begin (written by `npm run bench` whenever it runs the export part) -->',
    end: '<!-- bench-export:end -->',
  },
  duty: {
    begin: '<!-- bench-duty:begin (written by `npm run bench` whenever it runs the duty part at full size) -->',
    end: '<!-- bench-duty:end -->',
  },
  scale: {
    begin: '<!-- bench-scale:begin (written by `npm run bench` whenever it runs the scale part at full size) -->',
    end: '<!-- bench-scale:end -->',
  },
} as const;

/** Replaces what lies between a section's markers in docs/performance.md; the text around them is kept. */
export function writeFigures(file: string, figures: string, section: keyof typeof SECTIONS = 'full'): void {
  const { begin, end: endMarker } = SECTIONS[section];
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(begin);
  const end = text.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`${file} has no ${begin} … ${endMarker} section`);
  writeFileSync(file, `${text.slice(0, start + begin.length)}\n\n${figures.trim()}\n\n${text.slice(end)}`);
}
