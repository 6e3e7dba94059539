import type { CreateTopicBody, Org, TopicDetail, TopicsPage, TopicSummary } from '@yishi/protocol';
import { api } from '../api';
import { topicsQuery, type TopicFilters } from '../topicFilters';
import { Pager, withCursor } from './pager.svelte';

/**
 * The topics page: the topics of the organisations the user can see, filtered, a page at a time
 * (the most recently changed first), how many match in all, and proposing one.
 */
export class TopicList {
  #pages = new Pager<TopicSummary>(async (query, cursor) => {
    const page = await api.get<TopicsPage>(`/api/topics${withCursor(query, cursor)}`);
    return { items: page.topics, next: page.next, total: page.total };
  });
  #orgs = $state.raw<Org[]>([]);

  get topics(): TopicSummary[] {
    return this.#pages.items;
  }
  /** How many topics match the filters, shown or not. */
  get total(): number {
    return this.#pages.total;
  }
  /** Whether more topics match than are shown. */
  get more(): boolean {
    return this.#pages.more;
  }
  /** The organisations the user can see (for the filter and the proposal form). */
  get orgs(): Org[] {
    return this.#orgs;
  }
  /** `true` once a list has arrived. */
  get loaded(): boolean {
    return this.#pages.loaded;
  }
  get loading(): boolean {
    return this.#pages.loading;
  }
  /** Why the latest read of the list failed; `null` if it did not. */
  get error(): unknown {
    return this.#pages.error;
  }

  async loadOrgs(): Promise<void> {
    const { orgs } = await api.get<{ orgs: Org[] }>('/api/orgs');
    this.#orgs = orgs;
  }

  /** The first page of the topics matching `filters`. */
  load(filters: TopicFilters): Promise<void> {
    return this.#pages.first(topicsQuery(filters));
  }

  /** The next page, after those shown. */
  loadMore(): Promise<void> {
    return this.#pages.loadMore();
  }

  /** Proposes a topic; resolves with it as the server stored it (stage `proposed`). */
  async propose(body: CreateTopicBody): Promise<TopicDetail> {
    const { topic } = await api.post<{ topic: TopicDetail }>('/api/topics', body);
    return topic;
  }
}
