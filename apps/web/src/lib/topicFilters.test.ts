import { describe, expect, it } from 'vitest';
import { noFilters, topicsQuery } from './topicFilters';

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
