import type { DocumentLanguage } from './i18n.js';

/** Times and dates in documents are Beijing time, as the organisations that issue them keep it. */
const ZONE = 'Asia/Shanghai';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A calendar date (`2026-11-30`) is that day wherever it is read; an instant is read in Beijing. */
const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function fields(value: string | Date): { year: number; month: number; day: number; time: string } {
  const calendar = typeof value === 'string' ? calendarDate.exec(value) : null;
  if (calendar) return { year: Number(calendar[1]), month: Number(calendar[2]), day: Number(calendar[3]), time: '' };
  const of = Object.fromEntries(parts.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return {
    year: Number(of.year),
    month: Number(of.month),
    day: Number(of.day),
    time: `${of.hour}:${of.minute}`,
  };
}

/**
 * The one date style of every exported document: "2026年11月30日" in Chinese (GB/T 9704's
 * 成文日期, Arabic numerals, no leading zeros) and "30 November 2026" in English.
 */
export function documentDate(value: string | Date, lang: DocumentLanguage): string {
  const { year, month, day } = fields(value);
  return lang === 'en' ? `${day} ${MONTHS[month - 1]} ${year}` : `${year}年${month}月${day}日`;
}

/** A time of day on the 24-hour clock, Beijing time: "09:10". */
export function documentTime(value: string | Date): string {
  return fields(value).time;
}

/** A date with its time: "2026年12月1日 09:10", "1 December 2026, 09:10". */
export function documentDateTime(value: string | Date, lang: DocumentLanguage): string {
  return `${documentDate(value, lang)}${lang === 'en' ? ', ' : ' '}${documentTime(value)}`;
}
