/** Latency samples of one measurement, in milliseconds. */
export interface Latency {
  samples: number;
  /** Deliveries that never came within the round's time limit. */
  lost: number;
  p50: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarise(samples: readonly number[], lost: number): Latency {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  return {
    samples: values.length,
    lost,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.at(-1) ?? Number.NaN,
  };
}
