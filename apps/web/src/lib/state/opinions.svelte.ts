import type {
  BulletinBody,
  BulletinDetail,
  BulletinsPage,
  BulletinSummary,
  HandleOpinionBody,
  InstructionBody,
  OpinionBody,
  OpinionDetail,
  OpinionEditBody,
  OpinionsPage,
  OpinionSummary,
} from '@yishi/protocol';
import { api } from '../api';
import { Pager, withCursor } from './pager.svelte';

const enc = encodeURIComponent;

/**
 * One organisation's public-opinion reports matching some filters, a page at a time (the most
 * recently changed first); a member is given only their own.
 */
export class OpinionList {
  #orgId = '';
  #pages = new Pager<OpinionSummary>(async (query, cursor) => {
    const page = await api.get<OpinionsPage>(`/api/orgs/${enc(this.#orgId)}/opinions${withCursor(query, cursor)}`);
    return { items: page.opinions, next: page.next, total: page.total };
  });

  get opinions(): OpinionSummary[] {
    return this.#pages.items;
  }
  /** How many reports match, shown or not. */
  get total(): number {
    return this.#pages.total;
  }
  get more(): boolean {
    return this.#pages.more;
  }
  get loaded(): boolean {
    return this.#pages.loaded;
  }
  get loading(): boolean {
    return this.#pages.loading;
  }
  /** Why the latest read failed; `null` if it did not. */
  get error(): unknown {
    return this.#pages.error;
  }

  /** The first page of `orgId`'s reports for `query` (the API's query string). */
  load(orgId: string, query: string): Promise<void> {
    this.#orgId = orgId;
    return this.#pages.first(query);
  }

  loadMore(): Promise<void> {
    return this.#pages.loadMore();
  }
}

/** Submits a member's report in an organisation (it is submitted at once); resolves with it. */
export async function submitOpinion(orgId: string, body: OpinionBody): Promise<OpinionDetail> {
  return (await api.post<{ opinion: OpinionDetail }>(`/api/orgs/${enc(orgId)}/opinions`, body)).opinion;
}

/**
 * One report as its page shows it, and the commands taken on it. Each command answers with the
 * report as it now stands (the actions the reader may take next included), which replaces the one shown.
 */
export class OpinionView {
  readonly id: string;
  #opinion = $state.raw<OpinionDetail | null>(null);
  #loadError = $state.raw<unknown>(null);

  constructor(id: string) {
    this.id = id;
  }

  get opinion(): OpinionDetail | null {
    return this.#opinion;
  }
  get loadError(): unknown {
    return this.#loadError;
  }

  async load(): Promise<void> {
    try {
      this.#opinion = (await api.get<{ opinion: OpinionDetail }>(this.#path())).opinion;
      this.#loadError = null;
    } catch (error) {
      this.#loadError = error;
    }
  }

  /** The secretariat's edit, while the report is submitted. */
  edit(body: OpinionEditBody): Promise<void> {
    return this.#take(api.patch(this.#path(), body));
  }
  /** The secretariat adopts the report or declines it (saying why). */
  handle(body: HandleOpinionBody): Promise<void> {
    return this.#take(api.post(this.#path('/handle'), body));
  }
  /** A leader's instruction on an adopted report, recorded by the secretariat or a chair. */
  recordInstruction(body: InstructionBody): Promise<void> {
    return this.#take(api.post(this.#path('/instructions'), body));
  }

  async #take(answer: Promise<unknown>): Promise<void> {
    this.#opinion = ((await answer) as { opinion: OpinionDetail }).opinion;
  }

  #path(rest = ''): string {
    return `/api/opinions/${enc(this.id)}${rest}`;
  }
}

/** One organisation's bulletins, a page at a time, the latest compiled first. */
export class BulletinList {
  #orgId = '';
  #pages = new Pager<BulletinSummary>(async (query, cursor) => {
    const page = await api.get<BulletinsPage>(`/api/orgs/${enc(this.#orgId)}/bulletins${withCursor(query, cursor)}`);
    return { items: page.bulletins, next: page.next, total: page.total };
  });

  get bulletins(): BulletinSummary[] {
    return this.#pages.items;
  }
  get total(): number {
    return this.#pages.total;
  }
  get more(): boolean {
    return this.#pages.more;
  }
  get loaded(): boolean {
    return this.#pages.loaded;
  }
  get loading(): boolean {
    return this.#pages.loading;
  }
  get error(): unknown {
    return this.#pages.error;
  }

  load(orgId: string): Promise<void> {
    this.#orgId = orgId;
    return this.#pages.first('');
  }

  loadMore(): Promise<void> {
    return this.#pages.loadMore();
  }
}

/** The secretariat compiles adopted reports, in the order given, into a bulletin; resolves with it. */
export async function compileBulletin(orgId: string, body: BulletinBody): Promise<BulletinDetail> {
  return (await api.post<{ bulletin: BulletinDetail }>(`/api/orgs/${enc(orgId)}/bulletins`, body)).bulletin;
}

/** `GET /api/bulletins/:id`: a bulletin with its reports, in order. */
export async function readBulletin(id: string): Promise<BulletinDetail> {
  return (await api.get<{ bulletin: BulletinDetail }>(`/api/bulletins/${enc(id)}`)).bulletin;
}
