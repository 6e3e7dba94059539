/** The committee's calendar: years begin at midnight in China's time zone (UTC+8, no daylight saving). */

const OFFSET_MS = 8 * 3600 * 1000;

/** The year containing `now` in China's time zone. */
export const yearOf = (now: Date): number => new Date(now.getTime() + OFFSET_MS).getUTCFullYear();

/** 1 January 00:00 of `year` in China's time zone, as an instant. */
export const yearStart = (year: number): string => new Date(Date.UTC(year, 0, 1) - OFFSET_MS).toISOString();

/** The calendar day containing `now` in China's time zone, as `YYYY-MM-DD`. */
export const dayOf = (now: Date): string => new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
