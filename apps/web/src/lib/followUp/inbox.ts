/** The official's inbox: outcomes to answer, in the order they fall due. */
import type { InboxItem } from '@yishi/protocol';

const DAY_MS = 24 * 3600 * 1000;

/** Where an item stands for the official: answered, overdue, or still to answer. */
export type InboxStatus = 'answered' | 'overdue' | 'open';

export function inboxStatus(item: Pick<InboxItem, 'answered' | 'overdue'>): InboxStatus {
  if (item.answered) return 'answered';
  return item.overdue ? 'overdue' : 'open';
}

/** By due date, earliest first, items without one last; on the same day those still to answer first; then by title. */
export function sortByDueDate<T extends Pick<InboxItem, 'dueDate' | 'title' | 'answered'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    if (a.answered !== b.answered) return a.answered ? 1 : -1;
    return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
  });
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
