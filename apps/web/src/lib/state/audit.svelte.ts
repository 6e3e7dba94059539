import type { AuditEntry, AuditNames, AuditPage, AuditVerification, Member, Org, PersonRef } from '@yishi/protocol';
import { api } from '../api';
import { allMembers } from '../members';
import { SITE_LOG } from '../audit/access';
import { auditPath, auditQuery, type AuditFilters } from '../audit/filters';
import { noNames, peopleIn, withNames } from '../audit/names';

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
  /** What the loaded pages' entries refer to by id, named by the server. */
  #names = $state.raw<AuditNames>(noNames());
  /** The log whose members are loaded. */
  #membersOf: string | null = null;
  #verification = $state.raw<AuditVerification | null>(null);
  #verifying = $state(false);
  /** Guards against a slow answer for a log or filters that have changed since. */
  #request = 0;

  /** Every name the entries' ids may refer to: the log's members, then the people the pages name. */
  #people = $derived(peopleIn(this.#members, this.#names));

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
  topic = (topicId: string): string | undefined => this.#names.topics[topicId];
  meeting = (meetingId: string): string | undefined => this.#names.meetings[meetingId];
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
      this.#names = noNames();
      this.#membersOf = null;
    }
    try {
      const [page] = await Promise.all([
        api.get<AuditPage>(`${auditPath(log)}${auditQuery(filters)}`),
        this.#membersOf === log ? undefined : this.#loadMembers(log),
      ]);
      if (request !== this.#request) return;
      this.#entries = page.entries;
      this.#names = page.names;
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
      this.#names = withNames(this.#names, page.names);
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

  /** The members of an organisation's log, whom the actor filter offers. */
  async #loadMembers(log: string): Promise<void> {
    if (log === SITE_LOG) return;
    const members = await allMembers(log);
    if (log !== this.#log) return;
    this.#members = members;
    this.#membersOf = log;
  }
}
