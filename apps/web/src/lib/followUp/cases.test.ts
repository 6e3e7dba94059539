import { describe, expect, it } from 'vitest';
import { caseFiltersFrom, casesQuery, hasCaseFilters, noCaseFilters } from './cases';

describe('caseFiltersFrom', () => {
  it('reads the filters of a page address', () => {
    const params = new URLSearchParams({ q: ' 应急转贷 ', sector: '经济界', level: 'city', year: '2025' });
    expect(caseFiltersFrom(params)).toEqual({ q: '应急转贷', sector: '经济界', level: 'city', year: '2025' });
  });

  it('leaves out a level and a year that are not valid', () => {
    const params = new URLSearchParams({ level: 'planet', year: '25' });
    expect(caseFiltersFrom(params)).toEqual(noCaseFilters());
  });

  it('cuts a phrase to the length the server searches', () => {
    expect(caseFiltersFrom(new URLSearchParams({ q: '字'.repeat(150) })).q).toHaveLength(100);
  });
});

describe('casesQuery', () => {
  it('is empty without filters', () => {
    expect(casesQuery(noCaseFilters())).toBe('');
    expect(hasCaseFilters(noCaseFilters())).toBe(false);
  });

  it('sends the filters that are set, trimmed and encoded', () => {
    const filters = { q: ' 应急转贷 ', sector: '', level: 'county' as const, year: '2024' };
    expect(casesQuery(filters)).toBe(`?q=${encodeURIComponent('应急转贷')}&level=county&year=2024`);
    expect(hasCaseFilters(filters)).toBe(true);
  });

  it('leaves out a year that is not four digits', () => {
    expect(casesQuery({ ...noCaseFilters(), year: '二〇二五' })).toBe('');
  });
});
