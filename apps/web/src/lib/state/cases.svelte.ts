import type { CaseDetail, CasesPage, CaseSummary } from '@yishi/protocol';
import { api } from '../api';
import { casesQuery, type CaseFilters } from '../followUp/cases';
import { Pager, withCursor } from './pager.svelte';

const enc = encodeURIComponent;

/**
 * The case library's search: the cases matching some filters a page at a time (those whose title
 * holds the words first, then the newest), how many match in all, or why the search failed.
 */
export class CaseLibrary {
  #pages = new Pager<CaseSummary>(async (query, cursor) => {
    const page = await api.get<CasesPage>(`/api/cases${withCursor(query, cursor)}`);
    return { items: page.cases, next: page.next, total: page.total };
  });

  get cases(): CaseSummary[] {
    return this.#pages.items;
  }
  /** How many cases match the filters, shown or not. */
  get total(): number {
    return this.#pages.total;
  }
  /** Whether more cases match than are shown. */
  get more(): boolean {
    return this.#pages.more;
  }
  /** `true` once a list has arrived. */
  get loaded(): boolean {
    return this.#pages.loaded;
  }
  get loading(): boolean {
    return this.#pages.loading;
  }
  /** Why the latest search failed (the server refused it, or could not be reached); `null` if it did not. */
  get error(): unknown {
    return this.#pages.error;
  }

  /** The first page of the cases matching `filters`. */
  search(filters: CaseFilters): Promise<void> {
    return this.#pages.first(casesQuery(filters));
  }

  /** The next page, after those shown. */
  loadMore(): Promise<void> {
    return this.#pages.loadMore();
  }
}

/** One case, as published. */
export class CaseView {
  readonly id: string;
  #case = $state.raw<CaseDetail | null>(null);
  #loadError = $state.raw<unknown>(null);

  constructor(id: string) {
    this.id = id;
  }

  get case(): CaseDetail | null {
    return this.#case;
  }
  get loadError(): unknown {
    return this.#loadError;
  }

  async load(): Promise<void> {
    try {
      const { case: detail } = await api.get<{ case: CaseDetail }>(`/api/cases/${enc(this.id)}`);
      this.#case = detail;
      this.#loadError = null;
    } catch (error) {
      this.#loadError = error;
    }
  }
}

/** Publishes a closed topic to the case library; resolves with the new case's id. */
export async function publishTopic(topicId: string): Promise<string> {
  const { case: detail } = await api.post<{ case: CaseDetail }>(`/api/topics/${enc(topicId)}/publish`);
  return detail.id;
}
