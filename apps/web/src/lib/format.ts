/**
 * Dates and times in the reader's language. Pure functions of their `locale` argument, so that a
 * template passing `i18n.locale` re-renders on a language switch.
 */

/** A moment (ISO-8601 with time), e.g. "2025年3月4日 14:30" or "4 Mar 2025, 14:30". */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The time of day of a moment (ISO-8601 or epoch ms), e.g. "14:30:05". */
export function formatTime(moment: string | number, locale: string): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium', hourCycle: 'h23' }).format(date);
}

/** The day of a moment (ISO-8601 with time), in the reader's time zone. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/**
 * A calendar date (`YYYY-MM-DD`, no time zone): formatted as that very day everywhere, which
 * reading it as a moment would not do west of Greenwich.
 */
export function formatCalendarDate(day: string, locale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of an `<input type="datetime-local">` for a moment, in the reader's time zone. */
export function toLocalInput(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** An `<input type="datetime-local">` value as an ISO-8601 moment; `undefined` when it is not one. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  // Without an offset, the Date constructor reads a date-time as local time, as the input shows it.
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Today in the reader's time zone, as `YYYY-MM-DD` (for `<input type="date">`). */
export function todayInput(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
