/** The audit page's filters, as the page's address holds them and as the server's query takes them. */
import { AuditActions, type AuditAction } from '@yishi/protocol';
import { SITE_LOG } from './access';

/** The filters of the audit page; empty strings mean "any". Days are `YYYY-MM-DD` in the reader's time zone. */
export interface AuditFilters {
  action: AuditAction | '';
  /** A user's id. */
  actor: string;
  from: string;
  to: string;
}

export const noAuditFilters = (): AuditFilters => ({ action: '', actor: '', from: '', to: '' });

/** How many entries a page asks for. */
export const AUDIT_PAGE_SIZE = 50;

/** The same characters as the server's ids (`idSchema`). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const isAction = (value: string): value is AuditAction => (AuditActions as readonly string[]).includes(value);

/** A `YYYY-MM-DD` that names a real day. */
function isDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

/** The log in a page address (`/audit?log=…`): an organisation's id, `site`, or '' for none chosen. */
export function auditLogFrom(params: URLSearchParams): string {
  const log = (params.get('log') ?? '').trim();
  return ID.test(log) ? log : '';
}

/** The filters in a page address (`/audit?action=…&from=…`); anything invalid is left out. */
export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const get = (name: string) => (params.get(name) ?? '').trim();
  const [action, actor, from, to] = [get('action'), get('actor'), get('from'), get('to')];
  return {
    action: isAction(action) ? action : '',
    actor: ID.test(actor) ? actor : '',
    from: isDay(from) ? from : '',
    to: isDay(to) ? to : '',
  };
}

/** Whether any filter is set. */
export function hasAuditFilters(filters: AuditFilters): boolean {
  return Boolean(filters.action || filters.actor || filters.from || filters.to);
}

/** The first moment of a day in the reader's time zone, as ISO-8601. */
function dayStart(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).toISOString();
}

/** The last millisecond of a day in the reader's time zone (the range includes the whole day). */
function dayEnd(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new Date(year, month - 1, date + 1).getTime() - 1).toISOString();
}

/** `GET /api/orgs/:orgId/audit`, or `/api/audit` for the installation's log; `suffix` e.g. `/verify`. */
export function auditPath(log: string, suffix = ''): string {
  return log === SITE_LOG ? `/api/audit${suffix}` : `/api/orgs/${encodeURIComponent(log)}/audit${suffix}`;
}

/** The `?actor=&action=&from=&to=&before=&limit=` of a page of the log (empty filters left out). */
export function auditQuery(filters: AuditFilters, before?: number, limit = AUDIT_PAGE_SIZE): string {
  const pairs: [string, string][] = [
    ['actor', ID.test(filters.actor) ? filters.actor : ''],
    ['action', isAction(filters.action) ? filters.action : ''],
    ['from', isDay(filters.from) ? dayStart(filters.from) : ''],
    ['to', isDay(filters.to) ? dayEnd(filters.to) : ''],
    ['before', before === undefined ? '' : String(before)],
    ['limit', String(limit)],
  ];
  return `?${new URLSearchParams(pairs.filter(([, value]) => value !== '')).toString()}`;
}
