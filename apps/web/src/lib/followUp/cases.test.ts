import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api-errors';
import en from '../i18n/messages/followUp.en.json';
import zhCN from '../i18n/messages/followUp.zh-CN.json';
import { caseFiltersFrom, caseListView, casesQuery, hasCaseFilters, noCaseFilters } from './cases';

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

describe('caseListView', () => {
  const refused = (path: string) =>
    new ApiError('VALIDATION', 'Invalid query', [{ path, message: 'at most 8 words' }], 400);
  const filtered = { ...noCaseFilters(), q: '一 二 三 四 五 六 七 八 九' };

  it('shows a refused search as an error, not as "no case matches"', () => {
    // The list of an earlier search may still be there, and the search found nothing: the error wins.
    for (const loaded of [false, true]) {
      const view = caseListView({ error: refused('q'), loaded, count: 0 }, filtered);
      expect(view).toMatchObject({ show: 'error', wordsRefused: true });
    }
  });

  it('tells refused words (too many, one too long) from other refusals and failures', () => {
    const wordsRefused = (error: unknown) => {
      const view = caseListView({ error, loaded: true, count: 2 }, filtered);
      return view.show === 'error' ? view.wordsRefused : 'not an error';
    };
    expect(wordsRefused(refused('q.3'))).toBe(true);
    expect(wordsRefused(refused('year'))).toBe(false);
    expect(wordsRefused(new ApiError('VALIDATION', 'Invalid query', undefined, 400))).toBe(false);
    expect(wordsRefused(new ApiError('INTERNAL', 'Internal error', undefined, 500))).toBe(false);
    expect(wordsRefused(new NetworkError(new Error('offline')))).toBe(false);
  });

  it('waits for the first answer, then says why the list is empty, or shows the cases', () => {
    expect(caseListView({ error: null, loaded: false, count: 0 }, filtered)).toEqual({ show: 'loading' });
    expect(caseListView({ error: null, loaded: true, count: 0 }, filtered)).toEqual({ show: 'empty', filtered: true });
    expect(caseListView({ error: null, loaded: true, count: 0 }, noCaseFilters())).toEqual({
      show: 'empty',
      filtered: false,
    });
    expect(caseListView({ error: null, loaded: true, count: 3 }, filtered)).toEqual({ show: 'cases' });
  });

  it('states the limits of the words in the hint and in the refusal, in both languages', () => {
    for (const messages of [en, zhCN]) {
      expect(messages.cases.searchHint).toContain('{{words}}');
      expect(messages.cases.wordsRefused).toContain('{{words}}');
      expect(messages.cases.wordsRefused).toContain('{{wordLength}}');
    }
  });
});
