/**
 * The speaking clock as every screen shows it: this browser's offset from the server's clock, and
 * the countdown in whole seconds and as mm:ss. Pure, so that the same numbers come out everywhere.
 */

/** One `time:sync` round trip: when it was sent and answered (this browser's clock), and the server's answer. */
export interface ClockSample {
  sent: number;
  received: number;
  serverNow: number;
}

/** The server's clock minus this browser's, assuming the answer took as long to come back as to go. */
export function offsetOf(sample: ClockSample): number {
  return sample.serverNow - (sample.sent + sample.received) / 2;
}

/**
 * The offset from the sample with the shortest round trip: the less time a round trip took, the
 * less an uneven delay between the two directions can distort it. `null` without samples.
 */
export function bestOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | undefined;
  for (const sample of samples) {
    if (sample.received < sample.sent) continue;
    if (!best || sample.received - sample.sent < best.received - best.sent) best = sample;
  }
  return best ? Math.round(offsetOf(best)) : null;
}

/**
 * Whole seconds in `ms`, rounded down: 179.4 s left shows 179, and 0.3 s past the limit shows -1,
 * so the number turns negative exactly when the speaker is over time.
 */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) + 0; // `+ 0` turns -0 into 0
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Seconds as mm:ss, with a leading "-" when negative: 185 → "03:05", -5 → "-00:05", 6000 → "100:00". */
export function formatClock(seconds: number): string {
  const whole = Math.trunc(seconds);
  const size = Math.abs(whole);
  return `${whole < 0 ? '-' : ''}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}
