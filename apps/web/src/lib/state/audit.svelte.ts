import type { AuditEntry, AuditPage, AuditVerification, Member, Org, PersonRef, TopicSummary } from '@yishi/protocol';
import { api } from '../api';
import { SITE_LOG } from '../audit/access';
import { auditPath, auditQuery, type AuditFilters } from '../audit/filters';
import { meetingTitlesIn, peopleIn, titlesById } from '../audit/names';

const enc = encodeURIComponent;

/**
 * The audit page's data: the organisations (to choose a log), one log's entries page by page from
 * the newest, the names its entries refer to, and the last verification of its chain. Methods call
 * the server and are the only way to change it.
 */
export class AuditLog {
  #orgs = $state.raw<Org[]>([]);
  #log = $state<string | null>(null);
  #filters: AuditFilters | null = null;
  #entries = $state.raw<AuditEntry[]>([]);
  #next = $state<number | null>(null);
  #loaded = $state(false);
  #loading = $state(false);
  #loadingMore = $state(false);
  #members = $state.raw<Member[]>([]);
  #topics = $state.raw<ReadonlyMap<string, string>>(titlesById([]));
  /** The log whose members and topics are loaded. */
  #namesOf: string | null = null;
  #verification = $state.raw<AuditVerification | null>(null);
  #verifying = $state(false);
  /** Guards against a slow answer for a log or filters that have changed since. */
  #request = 0;

  /** Every name the entries' ids may refer to: the log's members, then whoever acted in the entries. */
  #people = $derived(peopleIn(this.#members, this.#entries));
  /** Meeting titles, from the entries that scheduled them. */
  #meetings = $derived(meetingTitlesIn(this.#entries));

  get orgs(): Org[] {
    return this.#orgs;
  }
  /** The log shown: an organisation's id, or `SITE_LOG`. */
  get log(): string | null {
    return this.#log;
  }
  /** Newest first. */
  get entries(): AuditEntry[] {
    return this.#entries;
  }
  /** Whether older entries remain to be loaded. */
  get hasMore(): boolean {
    return this.#next !== null;
  }
  /** `true` once the first page of the current log and filters has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get loadingMore(): boolean {
    return this.#loadingMore;
  }
  get verification(): AuditVerification | null {
    return this.#verification;
  }
  get verifying(): boolean {
    return this.#verifying;
  }
  /** The people the actor filter offers, by name. */
  get people(): PersonRef[] {
    return [...this.#people].map(([id, displayName]) => ({ id, displayName }));
  }

  person = (userId: string): string | undefined => this.#people.get(userId);
  topic = (topicId: string): string | undefined => this.#topics.get(topicId);
  meeting = (meetingId: string): string | undefined => this.#meetings.get(meetingId);
  org = (orgId: string): string | undefined => this.#orgs.find((o) => o.id === orgId)?.name;

  async loadOrgs(): Promise<void> {
    const { orgs } = await api.get<{ orgs: Org[] }>('/api/orgs');
    this.#orgs = orgs;
  }

  /**
   * Shows the newest entries of `log` that match `filters`. Another log starts afresh: its names are
   * loaded and the verification of the previous one is dropped.
   */
  async show(log: string, filters: AuditFilters): Promise<void> {
    const request = ++this.#request;
    const otherLog = log !== this.#log;
    this.#log = log;
    this.#filters = filters;
    this.#loading = true;
    this.#loadingMore = false;
    if (otherLog) {
      this.#entries = [];
      this.#loaded = false;
      this.#verification = null;
      this.#members = [];
      this.#topics = titlesById([]);
      this.#namesOf = null;
    }
    try {
      const [page] = await Promise.all([
        api.get<AuditPage>(`${auditPath(log)}${auditQuery(filters)}`),
        this.#namesOf === log ? undefined : this.#loadNames(log),
      ]);
      if (request !== this.#request) return;
      this.#entries = page.entries;
      this.#next = page.next;
      this.#loaded = true;
    } finally {
      if (request === this.#request) this.#loading = false;
    }
  }

  /** The next (older) page, after those shown. */
  async loadMore(): Promise<void> {
    const [log, filters, before] = [this.#log, this.#filters, this.#next];
    if (log === null || filters === null || before === null || this.#loadingMore) return;
    const request = this.#request;
    this.#loadingMore = true;
    try {
      const page = await api.get<AuditPage>(`${auditPath(log)}${auditQuery(filters, before)}`);
      if (request !== this.#request) return;
      this.#entries = [...this.#entries, ...page.entries];
      this.#next = page.next;
    } finally {
      if (request === this.#request) this.#loadingMore = false;
    }
  }

  /** Recomputes the shown log's chain on the server. */
  async verify(): Promise<void> {
    const log = this.#log;
    if (log === null) return;
    this.#verifying = true;
    this.#verification = null;
    try {
      const verification = await api.get<AuditVerification>(auditPath(log, '/verify'));
      if (log === this.#log) this.#verification = verification;
    } finally {
      this.#verifying = false;
    }
  }

  /** The members and topic titles of an organisation's log, for naming the ids in its entries. */
  async #loadNames(log: string): Promise<void> {
    if (log === SITE_LOG) return;
    const [{ members }, { topics }] = await Promise.all([
      api.get<{ members: Member[] }>(`/api/orgs/${enc(log)}/members`),
      api.get<{ topics: TopicSummary[] }>(`/api/topics?orgId=${enc(log)}`),
    ]);
    if (log !== this.#log) return;
    this.#members = members;
    this.#topics = titlesById(topics);
    this.#namesOf = log;
  }
}
