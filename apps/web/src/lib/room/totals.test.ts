import type { Current, QueueTotals } from '@yishi/queue';
import { describe, expect, it } from 'vitest';
import { finishedTurns, liveTotals } from './totals';

const T0 = Date.UTC(2025, 2, 4, 9, 0, 0);

const totals: QueueTotals = {
  people: [
    { userId: 'u-wang', displayName: '王秀兰', sector: '农业界', count: 1, totalMs: 90_000 },
    { userId: 'u-liu', displayName: '刘芳', sector: '医药卫生界', count: 2, totalMs: 60_000 },
  ],
  sectors: [
    { sector: '农业界', totalMs: 90_000, speakers: 1 },
    { sector: '医药卫生界', totalMs: 60_000, speakers: 1 },
  ],
};

const turn = (over: Partial<Current> = {}): Current => ({
  entryId: 'e9',
  userId: 'u-liu',
  displayName: '刘芳',
  sector: '医药卫生界',
  kind: 'speech',
  startedAt: T0,
  limitSeconds: 180,
  pausedAt: null,
  pausedMs: 0,
  ...over,
});

describe('liveTotals', () => {
  it('is the finished totals when nobody has the floor', () => {
    expect(liveTotals(totals, null, T0)).toBe(totals);
  });

  it('adds the running turn to its speaker and sector, and sorts again', () => {
    const live = liveTotals(totals, turn(), T0 + 45_000);
    expect(live.people.map((p) => [p.displayName, p.totalMs, p.count])).toEqual([
      ['刘芳', 105_000, 3],
      ['王秀兰', 90_000, 1],
    ]);
    expect(live.sectors.map((s) => [s.sector, s.totalMs, s.speakers])).toEqual([
      ['医药卫生界', 105_000, 1],
      ['农业界', 90_000, 1],
    ]);
  });

  it('leaves pauses out, as the server does', () => {
    const paused = turn({ pausedAt: T0 + 10_000, pausedMs: 0 });
    const liu = liveTotals(totals, paused, T0 + 70_000).people.find((p) => p.userId === 'u-liu');
    expect(liu?.totalMs).toBe(70_000);
  });

  it('adds a first-time speaker, and their sector with one speaker', () => {
    const first = turn({ userId: 'u-zhang', displayName: '张明远', sector: '教育界' });
    const live = liveTotals(totals, first, T0 + 5_000);
    expect(live.people.at(-1)).toEqual({
      userId: 'u-zhang',
      displayName: '张明远',
      sector: '教育界',
      count: 1,
      totalMs: 5_000,
    });
    expect(live.sectors.at(-1)).toEqual({ sector: '教育界', totalMs: 5_000, speakers: 1 });
  });

  it('counts a speaker outside the sectors (an official) in no sector', () => {
    const official = turn({ userId: 'u-official', displayName: '陈卫东', sector: null, kind: 'answer' });
    const live = liveTotals(totals, official, T0 + 200_000);
    expect(live.people[0]).toMatchObject({ userId: 'u-official', totalMs: 200_000 });
    expect(live.sectors).toEqual(totals.sectors);
  });

  it('does not change the totals it was given', () => {
    const copy = structuredClone(totals);
    liveTotals(totals, turn(), T0 + 1000);
    expect(totals).toEqual(copy);
  });
});

describe('finishedTurns', () => {
  it('sums the turns of every person', () => {
    expect(finishedTurns(totals)).toBe(3);
    expect(finishedTurns({ people: [], sectors: [] })).toBe(0);
  });
});
