/** A moment's time of day as hours and minutes on a 24-hour clock ("14:05"), in the reader's time zone. */
export function clockTime(moment: number | string, locale: string): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** The meeting's start for planning: when it opened, else when it was scheduled to start (epoch ms). */
export function meetingStart(meeting: { openedAt: string | null; startsAt: string }): number | null {
  const start = Date.parse(meeting.openedAt ?? meeting.startsAt);
  return Number.isNaN(start) ? null : start;
}
