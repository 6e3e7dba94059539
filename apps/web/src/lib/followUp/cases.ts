/** The case library's filters, as the page's address holds them and as the server's query takes them. */
import { OrgLevels, type OrgLevel } from '@yishi/protocol';

/** The filters of the case search; empty strings mean "any". */
export interface CaseFilters {
  q: string;
  sector: string;
  level: OrgLevel | '';
  year: string;
}

export const noCaseFilters = (): CaseFilters => ({ q: '', sector: '', level: '', year: '' });

/** The longest phrase the server searches for. */
export const MAX_QUERY_LENGTH = 100;

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
