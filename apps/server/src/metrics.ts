import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RenderObserver, RenderResult } from './documents/renderer.js';
import type { RenderJob } from './documents/render.worker.js';

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics: CPU, memory, handles, GC and the event loop's lag
 * (`nodejs_eventloop_lag_seconds`, `nodejs_eventloop_lag_p99_seconds`, …). They describe the
 * process, so there is one set per process however many apps it runs (the tests run several),
 * made with the first app: its event-loop monitor runs from then on.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * What `GET /metrics` reports, in Prometheus's text format: the process's default metrics, then
 * Yishi's own (`yishi_*`) of this node. Gauges are read when scraped; the export counters are told
 * by the renderer as exports happen.
 */
export class Metrics implements RenderObserver {
  private readonly process = processMetrics();
  private readonly registry = new Registry();
  readonly contentType = this.registry.contentType;
  private readonly renders = new Counter({
    name: 'yishi_document_renders_total',
    help: 'DOCX and PDF exports by format and result: ok, failed, too_large (refused), busy (refused, too many waiting)',
    labelNames: ['format', 'result'] as const,
    registers: [this.registry],
  });
  private readonly renderSeconds = new Histogram({
    name: 'yishi_document_render_duration_seconds',
    help: 'Time from handing an export to the worker pool to the file, waiting for a worker included',
    labelNames: ['format'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly rendering = new Gauge({
    name: 'yishi_document_renders_in_progress',
    help: 'Exports handed to the worker pool and not finished (drawing or waiting for a worker)',
    registers: [this.registry],
  });

  /** A gauge whose value is read from the app when scraped. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  started(): void {
    this.rendering.inc();
  }

  ended(format: RenderJob['format'], result: RenderResult, seconds: number): void {
    this.renders.inc({ format, result });
    if (result === 'ok' || result === 'failed') this.rendering.dec();
    if (result === 'ok') this.renderSeconds.observe({ format }, seconds);
  }

  /** The exposition: every metric of the process and of this node. */
  async text(): Promise<string> {
    return `${await this.process.metrics()}\n${await this.registry.metrics()}`;
  }
}
