import { describe, expect, it } from 'vitest';
import { noFilters, topicFiltersFrom, topicsQuery } from './topicFilters';

describe('topicsQuery', () => {
  it('is empty without filters', () => {
    expect(topicsQuery(noFilters())).toBe('');
  });

  it('sends the filters that are set, trimmed and encoded', () => {
    expect(topicsQuery({ orgId: 'o1', stage: 'vetting', tag: ' 营商环境 ', year: '2025' })).toBe(
      `?orgId=o1&stage=vetting&tag=${encodeURIComponent('营商环境')}&year=2025`,
    );
  });

  it('leaves out a year that is not four digits', () => {
    expect(topicsQuery({ ...noFilters(), year: '25' })).toBe('');
  });
});

describe('topicFiltersFrom', () => {
  it('reads back what topicsQuery wrote', () => {
    const filters = { orgId: 'o1', stage: 'vetting' as const, tag: '营商环境', year: '2025' };
    expect(topicFiltersFrom(new URLSearchParams(topicsQuery(filters)))).toEqual(filters);
    expect(topicFiltersFrom(new URLSearchParams(''))).toEqual(noFilters());
  });

  it('leaves out an unknown stage and a malformed year', () => {
    expect(topicFiltersFrom(new URLSearchParams('stage=bogus&year=20x5&tag=+a+'))).toEqual({
      ...noFilters(),
      tag: 'a',
    });
  });
});
