import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { MAX_EXPORT_CHARACTERS } from '../src/documents/renderer.js';
import { synced, wsWithCookie } from '../src/test/yjs-client.js';
import type { ServerProcess } from './processes.js';
import type { StallRow } from './report.js';
import type { Meeting } from './seed.js';
import { summarise, type Latency } from './stats.js';

/** The draft exported: nine tenths of the longest that is drawn, the worst case a client can ask for. */
export const EXPORT_CHARACTERS = Math.floor(MAX_EXPORT_CHARACTERS * 0.9);
const ROUNDS = 5;
const SENTENCE = '建议设立中小企业应急转贷资金池，缓解续贷压力，并由市财政按年度安排风险补偿资金。';

/** One export as the server lived it: how long it took, and the longest its event loop stood still. */
interface Served {
  ms: number;
  stallMs: number;
  roundTrips: number[];
}

/** Exports of one format, each measured. */
interface ExportMeasure {
  format: 'pdf' | 'md';
  rounds: Served[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
/** The median of the rounds' longest stalls: one garbage collection in one round does not decide it. */
const stallMs = (m: ExportMeasure) => median(m.rounds.map((r) => r.stallMs));
const medianMs = (m: ExportMeasure) => median(m.rounds.map((r) => r.ms));
const roundTrips = (m: ExportMeasure): Latency =>
  summarise(
    m.rounds.flatMap((r) => r.roundTrips),
    0,
  );

function provider(wsUrl: string, docName: string, cookie: string | undefined): WebsocketProvider {
  return new WebsocketProvider(`${wsUrl}/yjs`, docName, new Y.Doc(), {
    WebSocketPolyfill: wsWithCookie(cookie) as never,
    disableBc: true,
  });
}

const draftLength = (doc: Y.Doc) =>
  doc
    .getXmlFragment('body')
    .toArray()
    .reduce((sum, p) => sum + (p instanceof Y.XmlElement ? p.toArray().join('').length : 0), 0);

/**
 * A member types the draft through y-websocket, as the editor does (paragraphs of 400 characters,
 * twenty a change); done when the chair, reading, has all of it, so the store has it too.
 */
async function writeDraft(server: ServerProcess, meeting: Meeting): Promise<void> {
  const docName = `draft:${meeting.topicId}`;
  const writer = provider(server.wsUrl, docName, meeting.members[0]);
  const reader = provider(server.wsUrl, docName, meeting.chair);
  try {
    await Promise.all([synced(writer), synced(reader)]);
    const body = writer.doc.getXmlFragment('body');
    const text = SENTENCE.repeat(Math.ceil(400 / SENTENCE.length)).slice(0, 400);
    for (let length = draftLength(writer.doc); length < EXPORT_CHARACTERS; length += 20 * text.length) {
      writer.doc.transact(() => {
        body.push(
          Array.from({ length: 20 }, () => {
            const paragraph = new Y.XmlElement('paragraph');
            paragraph.insert(0, [new Y.XmlText(text)]);
            return paragraph;
          }),
        );
      });
    }
    const target = draftLength(writer.doc);
    await new Promise<void>((resolve) => {
      const check = () => {
        if (draftLength(reader.doc) < target) return;
        reader.doc.off('update', check);
        resolve();
      };
      reader.doc.on('update', check);
      check();
    });
  } finally {
    for (const p of [writer, reader]) {
      p.destroy();
      p.doc.destroy();
    }
  }
}

/** The server's longest event-loop delay since the last scrape (prom-client resets it on each). */
async function lagMaxMs(server: ServerProcess, token: string): Promise<number> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const line = (await res.text()).split('\n').find((l) => l.startsWith('nodejs_eventloop_lag_max_seconds '));
  if (!line) throw new Error('/metrics has no nodejs_eventloop_lag_max_seconds');
  return Number(line.split(' ')[1]) * 1000;
}

/**
 * One export, and meanwhile a client's `time:sync` round trips one after another: the stall is the
 * longest event-loop delay the server itself saw from the scrape before the export to the one after.
 */
async function serve(server: ServerProcess, url: string, cookie: string, probe: Socket, token: string) {
  await lagMaxMs(server, token);
  const roundTrips: number[] = [];
  let done = false;
  const started = performance.now();
  const exported = fetch(url, { headers: { cookie } })
    .then(async (res) => {
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      await res.arrayBuffer();
      return performance.now() - started;
    })
    .finally(() => (done = true));
  while (!done) {
    const sent = performance.now();
    await new Promise((resolve) => probe.emit('time:sync', {}, resolve));
    roundTrips.push(performance.now() - sent);
    // About a hundred round trips a second: a room's clocks and commands, not a flood.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ms = await exported;
  return { ms, stallMs: await lagMaxMs(server, token), roundTrips };
}

/**
 * The event loop while the outcome of a long draft is exported: as a PDF (drawn by a worker) and,
 * for reference, as Markdown (everything but the drawing), the formats taking turns.
 */
async function measureExports(server: ServerProcess, meeting: Meeting, token: string) {
  await writeDraft(server, meeting);
  const probe = ioClient(server.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: meeting.chair },
  });
  await new Promise<void>((resolve, reject) => {
    probe.once('connect', () => resolve());
    probe.once('connect_error', reject);
  });
  try {
    const base = `${server.url}/api/topics/${meeting.topicId}/outcome/document?format=`;
    const measures: Record<'pdf' | 'md', ExportMeasure> = {
      pdf: { format: 'pdf', rounds: [] },
      md: { format: 'md', rounds: [] },
    };
    // The first of each starts the worker thread and loads what it draws with; not counted.
    for (let round = -1; round < ROUNDS; round++) {
      for (const format of ['pdf', 'md'] as const) {
        const served = await serve(server, base + format, meeting.chair, probe, token);
        if (round >= 0) measures[format].rounds.push(served);
      }
    }
    return measures;
  } finally {
    probe.close();
  }
}

const ms = (value: number) => value.toFixed(0);

/**
 * The export part of the bench: the longest stall of the event loop while a PDF of a long outcome
 * draft is drawn, against the stall while the same outcome is exported as Markdown (read from the
 * store and composed on the event loop, but not drawn): drawing in a worker should add nothing.
 */
export async function exportPart(
  server: ServerProcess,
  meeting: Meeting,
  token: string,
): Promise<{ rows: StallRow[]; notes: string[] }> {
  const { pdf, md } = await measureExports(server, meeting, token);
  const row: StallRow = {
    name: `PDF of a ${EXPORT_CHARACTERS.toLocaleString('en')}-character draft`,
    exportMs: medianMs(pdf),
    stallMs: stallMs(pdf),
    roundTrip: roundTrips(pdf),
    baselineName: 'the same outcome as Markdown',
    baselineStallMs: stallMs(md),
    goal: 2,
  };
  const stalls = (m: ExportMeasure) => m.rounds.map((r) => ms(r.stallMs)).join(', ');
  return {
    rows: [row],
    notes: [
      `Export: ${ROUNDS} PDF and ${ROUNDS} Markdown exports of the outcome, taking turns after one of each not counted; ` +
        `each round's stall is the server's \`nodejs_eventloop_lag_max_seconds\` between the scrapes before and after ` +
        `the export (PDF ${stalls(pdf)} ms; Markdown ${stalls(md)} ms, median export ${ms(medianMs(md))} ms); the table has their medians.`,
      `Export: a client's \`time:sync\` round trips meanwhile, one every 10 ms: ${roundTrips(pdf).samples} during the PDFs ` +
        `(p50 ${roundTrips(pdf).p50.toFixed(2)} ms), ${roundTrips(md).samples} during the Markdown exports ` +
        `(p99 ${roundTrips(md).p99.toFixed(2)} ms, max ${roundTrips(md).max.toFixed(2)} ms).`,
    ],
  };
}
