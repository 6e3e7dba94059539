import type { InboxItem } from '@yishi/protocol';
import { api } from '../api';
import { sortByDueDate } from '../followUp/inbox';

/** The official's inbox (`GET /api/inbox`): outcomes delivered to them, earliest due first. */
export class Inbox {
  #items = $state.raw<InboxItem[]>([]);
  #loaded = $state(false);

  get items(): InboxItem[] {
    return this.#items;
  }
  /** `true` once a list has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get overdue(): number {
    return this.#items.filter((item) => item.overdue && !item.answered).length;
  }

  async load(): Promise<void> {
    const { items } = await api.get<{ items: InboxItem[] }>('/api/inbox');
    this.#items = sortByDueDate(items);
    this.#loaded = true;
  }
}
