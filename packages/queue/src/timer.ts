/**
 * The speaking clock as pure functions of the turn on the floor and a time. The server and every
 * client call the same functions with their own `now`, so they all show the same countdown without
 * the server sending ticks.
 */
import type { Current } from './types.js';

/** The warning starts when this much time is left. */
export const WARNING_MS = 30_000;

/**
 * Time on the floor at `now` (epoch ms), pauses excluded. While paused the clock stands at the
 * moment the pause began. Never negative, so a client whose clock runs behind the server's shows a
 * full limit rather than more than the limit.
 */
export function elapsedMs(current: Current, now: number): number {
  const end = current.pausedAt ?? now;
  return Math.max(0, end - current.startedAt - current.pausedMs);
}

/** Time left at `now`; negative once the speaker is over time. */
export function remainingMs(current: Current, now: number): number {
  return current.limitSeconds * 1000 - elapsedMs(current, now);
}

/** Over time: strictly past the limit (at exactly the limit the time is used up, not exceeded). */
export function isOverTime(current: Current, now: number): boolean {
  return remainingMs(current, now) < 0;
}

/** The last 30 seconds of the limit, up to and including the limit itself; false once over time. */
export function isWarning(current: Current, now: number): boolean {
  const left = remainingMs(current, now);
  return left >= 0 && left <= WARNING_MS;
}

/** All paused time of a turn at `now`, the running pause included. */
export function pausedTotalMs(current: Current, now: number): number {
  return current.pausedMs + (current.pausedAt === null ? 0 : Math.max(0, now - current.pausedAt));
}
