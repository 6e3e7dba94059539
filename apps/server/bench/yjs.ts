import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { synced, wsWithCookie } from '../src/test/yjs-client.js';
import { summarise, type Latency } from './stats.js';

/** Where the writers and the readers of one document connect, and as whom. */
export interface YjsPlan {
  docName: string;
  writerUrl: string;
  readerUrl: string;
  writerCookie(index: number): string | undefined;
  readerCookie(index: number): string | undefined;
}

export interface YjsSizes {
  writers: number;
  readers: number;
  edits: number;
  warmupEdits: number;
  editIntervalMs: number;
}

/** What one block of edits measured; blocks of the same server are added up. */
export interface YjsResult {
  samples: number[];
  /** Edits a reader never saw within the time limit. */
  lost: number;
  /** The size of one edit's Yjs update, in bytes. */
  updateBytes: number;
}

/** Every block of one server's edits, summarised. */
export function yjsLatency(blocks: readonly YjsResult[]): Latency {
  return summarise(
    blocks.flatMap((b) => b.samples),
    blocks.reduce((sum, b) => sum + b.lost, 0),
  );
}

/** The stock y-websocket provider, as the web app uses it, with the cookie a browser would send. */
function provider(wsUrl: string, docName: string, cookie: string | undefined): WebsocketProvider {
  return new WebsocketProvider(`${wsUrl}/yjs`, docName, new Y.Doc(), {
    WebSocketPolyfill: wsWithCookie(cookie) as never,
    disableBc: true,
  });
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Writers and readers of one document. Writer w sets key `w` of the map `bench` to its edit's number,
 * one edit every `editIntervalMs`, the writers spread evenly over the interval; a reader that sees
 * the key change takes the time since the writer made that edit (and every earlier one the same
 * update carried). Edits of the warm-up are not counted.
 */
export async function runYjs(plan: YjsPlan, sizes: YjsSizes): Promise<YjsResult> {
  // Each provider listens for the process's exit; dozens at once are expected here, not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), sizes.writers + sizes.readers + 10));
  const writers = Array.from({ length: sizes.writers }, (_, i) =>
    provider(plan.writerUrl, plan.docName, plan.writerCookie(i)),
  );
  const readers = Array.from({ length: sizes.readers }, (_, i) =>
    provider(plan.readerUrl, plan.docName, plan.readerCookie(i)),
  );
  const all = [...writers, ...readers];
  try {
    await within(Promise.all(all.map((p) => synced(p))), 60_000, 'the first sync');
    const total = sizes.warmupEdits + sizes.edits;
    const madeAt = writers.map(() => new Float64Array(total));
    const samples: number[] = [];
    const seen = readers.map(() => new Int32Array(sizes.writers).fill(-1));
    let complete = 0;
    let allSeen: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allSeen = resolve));

    readers.forEach((reader, r) => {
      const map = reader.doc.getMap<number>('bench');
      map.observe((event) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          const w = Number(key);
          const edit = map.get(key);
          if (edit === undefined || !(w >= 0 && w < sizes.writers)) continue;
          for (let k = seen[r]![w]! + 1; k <= edit; k++) {
            if (k >= sizes.warmupEdits) samples.push(now - madeAt[w]![k]!);
          }
          if (edit > seen[r]![w]!) {
            seen[r]![w] = edit;
            if (edit === total - 1 && ++complete === sizes.readers * sizes.writers) allSeen();
          }
        }
      });
    });

    let updateBytes = 0;
    // A local edit has no origin; what the provider applies from the server has the provider as its origin.
    writers[0]!.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === null) updateBytes ||= update.byteLength;
    });
    // Everyone has connected and announced themselves before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const start = performance.now() + 100;
    await Promise.all(
      writers.map(async (writer, w) => {
        const map = writer.doc.getMap<number>('bench');
        const offset = (w * sizes.editIntervalMs) / sizes.writers;
        for (let k = 0; k < total; k++) {
          await sleepUntil(start + offset + k * sizes.editIntervalMs);
          madeAt[w]![k] = performance.now();
          map.set(String(w), k);
        }
      }),
    );
    await within(done, 20_000, 'delivery').catch(() => undefined);
    const expected = sizes.edits * sizes.writers * sizes.readers;
    return { samples, lost: expected - samples.length, updateBytes };
  } finally {
    for (const p of all) {
      p.destroy();
      // The provider's awareness keeps an interval until its document is destroyed.
      p.doc.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
