/**
 * The live agenda of a meeting (`agenda:<meetingId>`, a Y.Array of Y.Maps): reading its items
 * defensively, the statuses after the chair moves to an item, and the planned times.
 */

export const AgendaStatuses = ['pending', 'active', 'done'] as const;
export type AgendaStatus = (typeof AgendaStatuses)[number];

export interface AgendaItem {
  id: string;
  title: string;
  minutes: number;
  presenter: string;
  status: AgendaStatus;
}

/** What a chair types for an item. */
export interface AgendaFields {
  title: string;
  minutes: number;
  presenter: string;
}

export const MAX_MINUTES = 600;
export const MAX_TITLE = 200;
export const MAX_PRESENTER = 100;

/** Whole minutes between 0 and `MAX_MINUTES` (anything else stored counts as 0). */
export function cleanMinutes(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return 0;
  return Math.min(MAX_MINUTES, Math.max(0, Math.round(n)));
}

/**
 * The items as stored (plain objects from the Y.Maps), made safe to show: missing fields filled in,
 * an unknown status read as pending, and an item that appears twice (two chairs moved it at the
 * same moment) kept only where it first appears.
 */
export function readItems(raw: readonly unknown[]): AgendaItem[] {
  const seen = new Set<string>();
  const items: AgendaItem[] = [];
  for (const value of raw) {
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    if (typeof record.id !== 'string' || record.id === '' || seen.has(record.id)) continue;
    seen.add(record.id);
    const status = AgendaStatuses.find((s) => s === record.status) ?? 'pending';
    items.push({
      id: record.id,
      title: typeof record.title === 'string' ? record.title : '',
      minutes: cleanMinutes(record.minutes),
      presenter: typeof record.presenter === 'string' ? record.presenter : '',
      status,
    });
  }
  return items;
}

/** Positions (in the stored array) of copies of an item after its first: to be cleaned up by a writer. */
export function duplicatePositions(raw: readonly unknown[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  raw.forEach((value, i) => {
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) out.push(i);
    else seen.add(id);
  });
  return out;
}

/**
 * The status of every item once `id` is under way: the items before it are done, an item that was
 * under way after it goes back to pending (it was interrupted), the rest keep theirs. Returns only
 * the items whose status changes.
 */
export function activate(items: readonly AgendaItem[], id: string): Map<string, AgendaStatus> {
  const at = items.findIndex((item) => item.id === id);
  const changes = new Map<string, AgendaStatus>();
  if (at < 0) return changes;
  items.forEach((item, i) => {
    let status: AgendaStatus = item.status;
    if (i < at) status = 'done';
    else if (i === at) status = 'active';
    else if (item.status === 'active') status = 'pending';
    if (status !== item.status) changes.set(item.id, status);
  });
  return changes;
}

export interface PlannedTime {
  /** Epoch ms. */
  start: number;
  end: number;
}

/** When each item is planned to start and end, one after another from `start` (epoch ms). */
export function schedule(start: number, items: readonly AgendaItem[]): PlannedTime[] {
  let at = start;
  return items.map((item) => {
    const time = { start: at, end: at + item.minutes * 60_000 };
    at = time.end;
    return time;
  });
}

/** When the meeting is planned to end: its start plus every item's minutes (epoch ms). */
export function plannedEnd(start: number, items: readonly AgendaItem[]): number {
  return start + items.reduce((sum, item) => sum + item.minutes, 0) * 60_000;
}

/** The index to move an item to, for a drop before the item at `target` (or at the end: `length`). */
export function dropIndex(from: number, target: number): number {
  return target > from ? target - 1 : target;
}
