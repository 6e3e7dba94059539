/** The filters of the topic list and the query string they make. */
import { Stages, type Stage } from '@yishi/protocol';

/** The filters of the topic list; empty strings mean "any". */
export interface TopicFilters {
  orgId: string;
  stage: Stage | '';
  tag: string;
  year: string;
}

export const noFilters = (): TopicFilters => ({ orgId: '', stage: '', tag: '', year: '' });

/** The `?orgId=&stage=&tag=&year=` of `GET /api/topics` for some filters (empty ones left out). */
export function topicsQuery(filters: TopicFilters): string {
  const year = filters.year.trim();
  const pairs: [string, string][] = [
    ['orgId', filters.orgId],
    ['stage', filters.stage],
    ['tag', filters.tag.trim()],
    ['year', /^\d{4}$/.test(year) ? year : ''],
  ];
  const query = new URLSearchParams(pairs.filter(([, value]) => value !== '')).toString();
  return query ? `?${query}` : '';
}

const isStage = (value: string): value is Stage => (Stages as readonly string[]).includes(value);

/** The filters an address's `?orgId=&stage=&tag=&year=` says (unknown or malformed ones left empty). */
export function topicFiltersFrom(params: URLSearchParams): TopicFilters {
  const stage = params.get('stage') ?? '';
  const year = (params.get('year') ?? '').trim();
  return {
    orgId: (params.get('orgId') ?? '').trim(),
    stage: isStage(stage) ? stage : '',
    tag: (params.get('tag') ?? '').trim(),
    year: /^\d{4}$/.test(year) ? year : '',
  };
}
