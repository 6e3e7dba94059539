/** The official's inbox: outcomes to answer, each with where it stands and how far off its due date is. */
import type { InboxItem } from '@yishi/protocol';

const DAY_MS = 24 * 3600 * 1000;

/** Where an item stands for the official: answered, overdue, or still to answer. */
export type InboxStatus = 'answered' | 'overdue' | 'open';

export function inboxStatus(item: Pick<InboxItem, 'answered' | 'overdue'>): InboxStatus {
  if (item.answered) return 'answered';
  return item.overdue ? 'overdue' : 'open';
}

/**
 * Whole days from `today` to `dueDate` (both `YYYY-MM-DD`): 0 on the day, negative once past;
 * `null` when either is not a date.
 */
export function daysUntil(dueDate: string | null, today: string): number | null {
  if (!dueDate) return null;
  const due = Date.parse(`${dueDate}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(due) || Number.isNaN(now)) return null;
  return Math.round((due - now) / DAY_MS);
}
