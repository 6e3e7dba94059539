import type { PageInfo } from '@yishi/protocol';

/** One page of a list, its items under whatever key the endpoint names them. */
export interface Page<Item> extends PageInfo {
  items: Item[];
}

/**
 * A list read a page at a time (docs/api.yaml, Pagination): the first page for some query, then
 * each next one appended; how many there are in all; why the last read failed. `read` fetches one
 * page, after `cursor` when there is one.
 */
export class Pager<Item> {
  #items = $state.raw<Item[]>([]);
  #total = $state(0);
  #next = $state<string | null>(null);
  #loaded = $state(false);
  #loading = $state(false);
  #error = $state.raw<unknown>(null);
  /** The query of the pages shown, for the next one. */
  #query = '';
  /** Guards against a slow answer, or failure, for a query that has changed since. */
  #request = 0;

  constructor(private readonly read: (query: string, cursor: string | null) => Promise<Page<Item>>) {}

  get items(): Item[] {
    return this.#items;
  }
  /** How many there are in all, shown or not. */
  get total(): number {
    return this.#total;
  }
  /** Whether there are more than are shown. */
  get more(): boolean {
    return this.#next !== null;
  }
  /** `true` once a first page has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#loading;
  }
  /** Why the latest read failed (the server refused it, or could not be reached); `null` if it did not. */
  get error(): unknown {
    return this.#error;
  }

  /**
   * Changes the items shown as the server has just changed them (one added, one updated), without
   * reading them again; `added` is how many that makes more in all.
   */
  patch(change: (items: Item[]) => Item[], added = 0): void {
    this.#items = change(this.#items);
    this.#total += added;
  }

  /** The first page for `query`, in place of those shown. */
  async first(query: string): Promise<void> {
    this.#query = query;
    await this.#load(null);
  }

  /** The next page, after those shown. */
  async loadMore(): Promise<void> {
    if (this.#next !== null && !this.#loading) await this.#load(this.#next);
  }

  async #load(cursor: string | null): Promise<void> {
    const request = ++this.#request;
    this.#loading = true;
    this.#error = null;
    try {
      const page = await this.read(this.#query, cursor);
      if (request !== this.#request) return;
      this.#items = cursor === null ? page.items : [...this.#items, ...page.items];
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

/** An address or its query (`''`, `?…`, `/path`, `/path?…`) with the cursor of a next page added. */
export function withCursor(query: string, cursor: string | null): string {
  if (cursor === null) return query;
  return `${query}${query.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
}
