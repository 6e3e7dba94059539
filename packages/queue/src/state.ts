/**
 * A fresh queue, its settings, and the speaking totals the UI shows.
 */
import { elapsedMs } from './timer.js';
import type { QueueSettings, QueueState, SpeechKind } from './types.js';

/** The defaults of a meeting that sets nothing. */
export const defaultSettings: QueueSettings = {
  limits: { speech: 180, reply: 60, point_of_order: 60, question: 120, answer: 120 },
  maxRepliesPerSpeech: 2,
  speechPolicy: 'first_time_first',
  sectorBalance: false,
};

/** Settings as a meeting gives them: any part may be left out and takes the default. */
export type QueueSettingsInput = Partial<Omit<QueueSettings, 'limits'>> & {
  limits?: Partial<Record<SpeechKind, number>>;
};

/** An empty, open queue at version 0. */
export function createQueue(settings: QueueSettingsInput = {}): QueueState {
  return {
    version: 0,
    current: null,
    waiting: [],
    spoken: {},
    sectorTotals: {},
    repliesTo: {},
    settings: {
      ...defaultSettings,
      ...settings,
      limits: { ...defaultSettings.limits, ...settings.limits },
    },
    closed: false,
  };
}

/** One person's speaking so far. */
export interface PersonTotal {
  userId: string;
  displayName: string;
  sector: string | null;
  /** Turns of every kind. */
  count: number;
  totalMs: number;
}

/** One sector's speaking so far. */
export interface SectorTotal {
  sector: string;
  totalMs: number;
  /** Distinct people of the sector who spoke. */
  speakers: number;
}

export interface QueueTotals {
  /** Most speaking time first. */
  people: PersonTotal[];
  /** Most speaking time first. */
  sectors: SectorTotal[];
}

/**
 * Speaking totals per person and per sector, from finished turns. Given `now`, the turn on the floor
 * counts too, up to `now`, so a live display does not jump when the speaker finishes.
 */
export function totals(state: QueueState, now?: number): QueueTotals {
  const people = new Map<string, PersonTotal>();
  for (const [userId, record] of Object.entries(state.spoken)) {
    const { displayName, sector, count, totalMs } = record;
    people.set(userId, { userId, displayName, sector, count, totalMs });
  }
  const current = state.current;
  if (current && now !== undefined) {
    const { userId, displayName, sector } = current;
    const before = people.get(userId) ?? { userId, displayName, sector, count: 0, totalMs: 0 };
    people.set(userId, { ...before, count: before.count + 1, totalMs: before.totalMs + elapsedMs(current, now) });
  }
  // Sector time comes from sectorTotals, which books each turn under the sector it was given in.
  const sectors = new Map<string, SectorTotal>();
  const sectorOf = (sector: string): SectorTotal => sectors.get(sector) ?? { sector, totalMs: 0, speakers: 0 };
  for (const [sector, totalMs] of Object.entries(state.sectorTotals))
    sectors.set(sector, { sector, totalMs, speakers: 0 });
  if (current && current.sector !== null && now !== undefined) {
    const before = sectorOf(current.sector);
    sectors.set(current.sector, { ...before, totalMs: before.totalMs + elapsedMs(current, now) });
  }
  for (const person of people.values()) {
    if (person.sector === null) continue;
    const before = sectorOf(person.sector);
    sectors.set(person.sector, { ...before, speakers: before.speakers + 1 });
  }
  const byTime = <T extends { totalMs: number }>(a: T, b: T): number => b.totalMs - a.totalMs;
  return { people: [...people.values()].sort(byTime), sectors: [...sectors.values()].sort(byTime) };
}
