import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { DomainError } from '../errors.js';
import type { RenderJob } from './render.worker.js';

/**
 * The longest Markdown drawn as DOCX or PDF, in characters: 2.5 times the longest minutes one may
 * type (200,000), and about a second of a worker's time for a PDF. A longer outcome draft is still
 * exported as Markdown; drawing it would hold a worker (and its memory) for as long as it takes.
 */
export const MAX_EXPORT_CHARACTERS = 500_000;

/**
 * Worker threads drawing files: never every core, so that the event loop keeps one (one worker on
 * the 2-core machines Yishi is measured on), and at most two.
 */
export const EXPORT_THREADS = Math.min(2, Math.max(1, availableParallelism() - 1));

/** Exports waiting for a worker before more are refused (RATE_LIMITED) rather than queued. */
export const MAX_WAITING_EXPORTS = 16;

/** How an export ended, for the metrics: drawn, failed in the worker, refused as too long or too many. */
export type RenderResult = 'ok' | 'failed' | 'too_large' | 'busy';

/** Told of every export handed to the renderer (the metrics, and tests that wait for a render). */
export interface RenderObserver {
  started?(format: RenderJob['format']): void;
  ended?(format: RenderJob['format'], result: RenderResult, seconds: number): void;
}

const here = fileURLToPath(import.meta.url);
/**
 * The worker's entry beside this file: `render.worker.js` in `dist/` (`tsc -b`, `npm start`), and
 * `render.worker.ts` when this runs from source (vitest, the bench, `npm run dev`), where the worker
 * thread, which vitest's or tsx's hooks of this thread do not reach, loads it through tsx.
 */
const fromSource = path.extname(here) === '.ts';
const workerEntry = path.join(path.dirname(here), `render.worker${path.extname(here)}`);
const workerExecArgv = fromSource
  ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
  : undefined;

/**
 * Draws DOCX and PDF exports off the event loop, in a bounded pool of worker threads (piscina),
 * started when the first export comes and ended after a minute without one. A file drawn on the
 * main thread held every other client's round trip for as long as it took (1.4 s for a 2 MB draft).
 */
export class DocumentRenderer {
  private readonly pool: Piscina<RenderJob, Uint8Array>;

  constructor(private readonly observer: RenderObserver = {}) {
    this.pool = new Piscina<RenderJob, Uint8Array>({
      filename: workerEntry,
      minThreads: 0,
      maxThreads: EXPORT_THREADS,
      idleTimeout: 60_000,
      maxQueue: MAX_WAITING_EXPORTS,
      // A worker that runs out of memory dies alone (the export fails) and the pool starts another.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      ...(workerExecArgv ? { execArgv: workerExecArgv } : {}),
    });
  }

  /** Exports waiting for a worker now. */
  get waiting(): number {
    return this.pool.queueSize;
  }

  /**
   * The file, drawn by a worker. Refuses Markdown over MAX_EXPORT_CHARACTERS with CONFLICT, and an
   * export when MAX_WAITING_EXPORTS already wait with RATE_LIMITED, before any work is done.
   */
  async render(job: RenderJob): Promise<Buffer> {
    if (job.markdown.length > MAX_EXPORT_CHARACTERS) {
      this.observer.ended?.(job.format, 'too_large', 0);
      throw new DomainError(
        'CONFLICT',
        `The document is too long to export as ${job.format.toUpperCase()} (at most ${MAX_EXPORT_CHARACTERS} characters); export it as Markdown`,
        { maxCharacters: MAX_EXPORT_CHARACTERS, characters: job.markdown.length },
      );
    }
    if (this.pool.queueSize >= MAX_WAITING_EXPORTS) {
      this.observer.ended?.(job.format, 'busy', 0);
      throw new DomainError('RATE_LIMITED', 'Too many exports are being drawn; try again in a moment', {
        retryAfterSeconds: 5,
      });
    }
    const started = performance.now();
    this.observer.started?.(job.format);
    try {
      const body = await this.pool.run(job);
      this.observer.ended?.(job.format, 'ok', (performance.now() - started) / 1000);
      return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    } catch (error) {
      this.observer.ended?.(job.format, 'failed', (performance.now() - started) / 1000);
      throw error;
    }
  }

  /** Ends the workers; exports still drawing fail. */
  close(): Promise<void> {
    return this.pool.destroy();
  }
}
