import { randomUUID } from 'node:crypto';

/** Time, injected so that tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Ids of stored rows: random UUIDs, portable across SQLite and PostgreSQL. */
export const newId = (): string => randomUUID();
