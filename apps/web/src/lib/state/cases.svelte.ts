import type { CaseDetail, CasesPage, CaseSummary } from '@yishi/protocol';
import { api } from '../api';
import { casesQuery, type CaseFilters } from '../followUp/cases';

const enc = encodeURIComponent;

/**
 * The case library's search: the cases matching some filters a page at a time (those whose title
 * holds the words first, then the newest), how many match in all, or why the search failed.
 */
export class CaseLibrary {
  #cases = $state.raw<CaseSummary[]>([]);
  #total = $state(0);
  #next = $state<string | null>(null);
  #loaded = $state(false);
  #loading = $state(false);
  #error = $state.raw<unknown>(null);
  /** The query of the pages shown, for the next one. */
  #query = '';
  /** Guards against a slow answer, or failure, for filters that have changed since. */
  #request = 0;

  get cases(): CaseSummary[] {
    return this.#cases;
  }
  /** How many cases match the filters, shown or not. */
  get total(): number {
    return this.#total;
  }
  /** Whether more cases match than are shown. */
  get more(): boolean {
    return this.#next !== null;
  }
  /** `true` once a list has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }
  /** Why the latest search failed (the server refused it, or could not be reached); `null` if it did not. */
  get error(): unknown {
    return this.#error;
  }

  /** The first page of the cases matching `filters`. */
  async search(filters: CaseFilters): Promise<void> {
    this.#query = casesQuery(filters);
    await this.#load(null);
  }

  /** The next page, after those shown. */
  async loadMore(): Promise<void> {
    if (this.#next !== null) await this.#load(this.#next);
  }

  async #load(cursor: string | null): Promise<void> {
    const request = ++this.#request;
    this.#loading = true;
    this.#error = null;
    try {
      const query = cursor === null ? this.#query : `${this.#query}${this.#query ? '&' : '?'}cursor=${enc(cursor)}`;
      const page = await api.get<CasesPage>(`/api/cases${query}`);
      if (request !== this.#request) return;
      this.#cases = cursor === null ? page.cases : [...this.#cases, ...page.cases];
      this.#total = page.total;
      this.#next = page.next;
      this.#loaded = true;
    } catch (error) {
      if (request === this.#request) this.#error = error;
    } finally {
      if (request === this.#request) this.#loading = false;
    }
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
