import type { InboxItem, InboxPage } from '@yishi/protocol';
import { api } from '../api';
import { Pager, withCursor } from './pager.svelte';

/**
 * The official's inbox (`GET /api/inbox`): the outcomes delivered to them a page at a time, the
 * latest delivered first, and how many there are in all.
 */
export class Inbox {
  #pages = new Pager<InboxItem>(async (query, cursor) => {
    const page = await api.get<InboxPage>(withCursor(query, cursor));
    return { items: page.items, next: page.next, total: page.total };
  });

  get items(): InboxItem[] {
    return this.#pages.items;
  }
  /** How many outcomes were delivered to the official, shown or not. */
  get total(): number {
    return this.#pages.total;
  }
  /** Whether there are more than are shown. */
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
  /** Of those shown, how many are overdue and not answered. */
  get overdue(): number {
    return this.#pages.items.filter((item) => item.overdue && !item.answered).length;
  }

  /** The first page; rejects when it cannot be fetched. */
  async load(): Promise<void> {
    await this.#pages.first('/api/inbox');
    this.#rethrow();
  }

  /** The page after those shown, added at the end; rejects when it cannot be fetched. */
  async loadMore(): Promise<void> {
    await this.#pages.loadMore();
    this.#rethrow();
  }

  #rethrow(): void {
    if (this.#pages.error !== null) throw this.#pages.error;
  }
}
