import type { CaseDetail, CaseSummary, Org } from '@yishi/protocol';
import { api, ApiError } from '../api';
import { casesQuery, type CaseFilters } from '../followUp/cases';

const enc = encodeURIComponent;

/** The case library's search: the cases matching some filters, newest first. */
export class CaseLibrary {
  #cases = $state.raw<CaseSummary[]>([]);
  #loaded = $state(false);
  #loading = $state(false);
  /** Guards against a slow answer for filters that have changed since. */
  #request = 0;

  get cases(): CaseSummary[] {
    return this.#cases;
  }
  /** `true` once a list has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async search(filters: CaseFilters): Promise<void> {
    const request = ++this.#request;
    this.#loading = true;
    try {
      const { cases } = await api.get<{ cases: CaseSummary[] }>(`/api/cases${casesQuery(filters)}`);
      if (request !== this.#request) return;
      this.#cases = cases;
      this.#loaded = true;
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

/**
 * A closed topic and the case library: whether it is in it already, and publishing it. The topic
 * (`GET /api/topics/:id`) does not say which case it became, so the library is searched for it.
 */
export class TopicCase {
  readonly topicId: string;
  #caseId = $state<string | null>(null);
  #checked = $state(false);
  #orgs = $state.raw<Org[]>([]);

  constructor(topicId: string) {
    this.topicId = topicId;
  }

  /** The case the topic became, once known. */
  get caseId(): string | null {
    return this.#caseId;
  }
  /** `true` once the library has been searched for the topic. */
  get checked(): boolean {
    return this.#checked;
  }
  /** The organisations the user can see (to tell who runs the topic's organisation). */
  get orgs(): Org[] {
    return this.#orgs;
  }

  async loadOrgs(): Promise<void> {
    const { orgs } = await api.get<{ orgs: Org[] }>('/api/orgs');
    this.#orgs = orgs;
  }

  /** Looks for the topic's case in the library. */
  async find(): Promise<void> {
    const { cases } = await api.get<{ cases: CaseSummary[] }>('/api/cases');
    this.#caseId = cases.find((c) => c.topicId === this.topicId)?.id ?? null;
    this.#checked = true;
  }

  /**
   * Publishes the topic (`POST /api/topics/:id/publish`); resolves with the case's id. A topic
   * someone else published meanwhile answers CONFLICT: its case is then looked up instead.
   */
  async publish(): Promise<string> {
    try {
      const { case: detail } = await api.post<{ case: CaseDetail }>(`/api/topics/${enc(this.topicId)}/publish`);
      this.#caseId = detail.id;
      return detail.id;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'CONFLICT')) throw error;
      await this.find();
      if (this.#caseId === null) throw error;
      return this.#caseId;
    }
  }
}
