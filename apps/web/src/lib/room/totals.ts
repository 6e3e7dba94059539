/**
 * Speaking totals as the room shows them: `QueueView.totals` counts finished turns only, so the turn
 * on the floor is added here, up to `now`, and the totals grow while someone speaks.
 */
import { elapsedMs, type Current, type QueueTotals } from '@yishi/queue';

/** The totals with the current turn's time so far added to its speaker and their sector. */
export function liveTotals(totals: QueueTotals, current: Current | null, now: number): QueueTotals {
  if (!current) return totals;
  const spoken = elapsedMs(current, now);
  const { userId, displayName, sector } = current;
  const before = totals.people.find((p) => p.userId === userId);
  const people = [
    ...totals.people.filter((p) => p.userId !== userId),
    before
      ? { ...before, count: before.count + 1, totalMs: before.totalMs + spoken }
      : { userId, displayName, sector, count: 1, totalMs: spoken },
  ];
  let sectors = totals.sectors;
  if (sector !== null) {
    const was = sectors.find((s) => s.sector === sector) ?? { sector, totalMs: 0, speakers: 0 };
    sectors = [
      ...sectors.filter((s) => s.sector !== sector),
      { ...was, totalMs: was.totalMs + spoken, speakers: was.speakers + (before ? 0 : 1) },
    ];
  }
  return { people: people.sort(byTime), sectors: sectors.sort(byTime) };
}

/** Finished turns in the totals: it grows exactly when a turn ends, which adds to the speech log. */
export function finishedTurns(totals: QueueTotals): number {
  return totals.people.reduce((sum, person) => sum + person.count, 0);
}

/** Most speaking time first; equal times keep their order. */
const byTime = <T extends { totalMs: number }>(a: T, b: T): number => b.totalMs - a.totalMs;
