/** The case library's filters, as the page's address holds them and as the server's query takes them. */
import { CaseSearchLimits, OrgLevels, type OrgLevel } from '@yishi/protocol';
import { ApiError } from '../api-errors';

/** The filters of the case search; empty strings mean "any". */
export interface CaseFilters {
  q: string;
  sector: string;
  level: OrgLevel | '';
  year: string;
}

export const noCaseFilters = (): CaseFilters => ({ q: '', sector: '', level: '', year: '' });

/** The longest search text the server takes. */
export const MAX_QUERY_LENGTH = CaseSearchLimits.length;

const isLevel = (value: string): value is OrgLevel => (OrgLevels as readonly string[]).includes(value);

/** The filters in a page address (`/cases?q=…&level=…`); anything invalid is left out. */
export function caseFiltersFrom(params: URLSearchParams): CaseFilters {
  const level = params.get('level') ?? '';
  const year = (params.get('year') ?? '').trim();
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    sector: (params.get('sector') ?? '').trim(),
    level: isLevel(level) ? level : '',
    year: /^\d{4}$/.test(year) ? year : '',
  };
}

/** Whether any filter is set. */
export function hasCaseFilters(filters: CaseFilters): boolean {
  return Boolean(filters.q.trim() || filters.sector.trim() || filters.level || filters.year.trim());
}

/** The `?q=&sector=&level=&year=` of `GET /api/cases` (empty and invalid ones left out). */
export function casesQuery(filters: CaseFilters): string {
  const year = filters.year.trim();
  const pairs: [string, string][] = [
    ['q', filters.q.trim().slice(0, MAX_QUERY_LENGTH)],
    ['sector', filters.sector.trim()],
    ['level', isLevel(filters.level) ? filters.level : ''],
    ['year', /^\d{4}$/.test(year) ? year : ''],
  ];
  const query = new URLSearchParams(pairs.filter(([, value]) => value !== '')).toString();
  return query ? `?${query}` : '';
}

/**
 * What the case list shows: why the search failed, the wait for its first answer, why it found
 * nothing, or the cases. A failure is never shown as "no case matches".
 */
export type CaseListView =
  | { show: 'error'; error: unknown; wordsRefused: boolean }
  | { show: 'loading' }
  | { show: 'empty'; filtered: boolean }
  | { show: 'cases' };

/** The case list's view of the last search, made with `filters`. */
export function caseListView(
  search: { error: unknown; loaded: boolean; count: number },
  filters: CaseFilters,
): CaseListView {
  if (search.error) return { show: 'error', error: search.error, wordsRefused: refusesWords(search.error) };
  if (!search.loaded) return { show: 'loading' };
  if (search.count === 0) return { show: 'empty', filtered: hasCaseFilters(filters) };
  return { show: 'cases' };
}

/** Whether the server refused the search's words (too many, or one too long), as VALIDATION on `q`. */
function refusesWords(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION' || !Array.isArray(error.details)) return false;
  return error.details.some((detail: unknown) => {
    const path = typeof detail === 'object' && detail !== null ? (detail as { path?: unknown }).path : undefined;
    return typeof path === 'string' && (path === 'q' || path.startsWith('q.'));
  });
}
