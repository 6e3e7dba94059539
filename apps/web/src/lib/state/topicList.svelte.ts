import type { CreateTopicBody, Org, TopicDetail, TopicSummary } from '@yishi/protocol';
import { api } from '../api';
import { topicsQuery, type TopicFilters } from '../topicFilters';

/** The topics page: the topics of the organisations the user can see, filtered, and proposing one. */
export class TopicList {
  #topics = $state.raw<TopicSummary[]>([]);
  #orgs = $state.raw<Org[]>([]);
  #loaded = $state(false);
  #loading = $state(false);
  /** Guards against a slow answer for filters that have changed since. */
  #request = 0;

  get topics(): TopicSummary[] {
    return this.#topics;
  }
  /** The organisations the user can see (for the filter and the proposal form). */
  get orgs(): Org[] {
    return this.#orgs;
  }
  /** `true` once a list has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async loadOrgs(): Promise<void> {
    const { orgs } = await api.get<{ orgs: Org[] }>('/api/orgs');
    this.#orgs = orgs;
  }

  async load(filters: TopicFilters): Promise<void> {
    const request = ++this.#request;
    this.#loading = true;
    try {
      const { topics } = await api.get<{ topics: TopicSummary[] }>(`/api/topics${topicsQuery(filters)}`);
      if (request !== this.#request) return;
      this.#topics = topics;
      this.#loaded = true;
    } finally {
      if (request === this.#request) this.#loading = false;
    }
  }

  /** Proposes a topic; resolves with it as the server stored it (stage `proposed`). */
  async propose(body: CreateTopicBody): Promise<TopicDetail> {
    const { topic } = await api.post<{ topic: TopicDetail }>('/api/topics', body);
    return topic;
  }
}
