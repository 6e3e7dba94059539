import type { Notification, NotificationsPage } from '@yishi/protocol';
import { api } from '../api';
import { markedRead, NOTIFICATIONS_PAGE, withNotification, withPage } from '../followUp/notifications';
import { realtime } from '../realtime/realtime.svelte';

const enc = encodeURIComponent;

/**
 * The signed-in person's notifications: the latest page the server lists (and more pages on
 * request), how many there are, the unread count, and new ones as they arrive live. Reading one
 * marks it read on the server; the count on screen changes at once and is corrected by the next
 * fetch should the server disagree.
 */
class Notifications {
  #list = $state.raw<Notification[]>([]);
  #unread = $state(0);
  #total = $state(0);
  /** The cursor of the page after those shown; null when every one is shown. */
  #next = $state<string | null>(null);
  #loadingMore = $state(false);
  #loaded = $state(false);
  #error = $state.raw<unknown>(null);
  /** The last notification that arrived live (announced to screen readers). */
  #arrived = $state.raw<Notification | null>(null);
  /** Bumped on every start and fetch, so that a late answer for an earlier one is dropped. */
  #request = 0;
  #loading: Promise<void> | null = null;
  #loadAgain = false;

  get list(): Notification[] {
    return this.#list;
  }
  get unread(): number {
    return this.#unread;
  }
  /** How many notifications the person has, shown or not. */
  get total(): number {
    return this.#total;
  }
  /** Whether there are more than are shown. */
  get more(): boolean {
    return this.#next !== null;
  }
  /** A further page is on its way. */
  get loadingMore(): boolean {
    return this.#loadingMore;
  }
  /** `true` once a list has arrived. */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** Why the list could not be fetched (or a notification not marked read). */
  get error(): unknown {
    return this.#error;
  }
  get arrived(): Notification | null {
    return this.#arrived;
  }

  /** Starts over for the signed-in person: fetches the list and hears new ones until the returned function runs. */
  start(): () => void {
    ++this.#request;
    this.#list = [];
    this.#unread = 0;
    this.#total = 0;
    this.#next = null;
    this.#loaded = false;
    this.#error = null;
    this.#arrived = null;
    void this.load();
    const stop = realtime.listenNotifications({
      onnotification: (notification) => this.#receive(notification),
      onresync: () => void this.load(),
    });
    return () => {
      stop();
      ++this.#request;
    };
  }

  /** Fetches the first page again; a call while a fetch is under way is folded into one more fetch after it. */
  load(): Promise<void> {
    if (this.#loading) {
      this.#loadAgain = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      try {
        do {
          this.#loadAgain = false;
          await this.#fetch();
        } while (this.#loadAgain);
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  async #fetch(): Promise<void> {
    const request = ++this.#request;
    try {
      const page = await api.get<NotificationsPage>(`/api/notifications?limit=${NOTIFICATIONS_PAGE}`);
      if (request !== this.#request) return;
      this.#list = page.notifications;
      this.#show(page);
      this.#loaded = true;
      this.#error = null;
    } catch (error) {
      if (request === this.#request) this.#error = error;
    }
  }

  /** Fetches the page after those shown and adds it at the end; dropped if the list is fetched again meanwhile. */
  async loadMore(): Promise<void> {
    const cursor = this.#next;
    if (cursor === null || this.#loadingMore) return;
    const request = this.#request;
    this.#loadingMore = true;
    try {
      const page = await api.get<NotificationsPage>(
        `/api/notifications?limit=${NOTIFICATIONS_PAGE}&cursor=${enc(cursor)}`,
      );
      if (request !== this.#request) return;
      this.#list = withPage(this.#list, page.notifications);
      this.#show(page);
      this.#error = null;
    } catch (error) {
      if (request === this.#request) this.#error = error;
    } finally {
      this.#loadingMore = false;
    }
  }

  #show(page: NotificationsPage): void {
    this.#unread = page.unread;
    this.#total = page.total;
    this.#next = page.next;
  }

  #receive(notification: Notification): void {
    const known = this.#list.some((n) => n.id === notification.id);
    this.#list = withNotification(this.#list, notification);
    if (!known) this.#total += 1;
    if (!known && notification.readAt === null) this.#unread += 1;
    this.#arrived = notification;
  }

  /** Marks one notification read (it was opened). */
  async markRead(id: string): Promise<void> {
    const target = this.#list.find((n) => n.id === id);
    if (!target || target.readAt !== null) return;
    this.#list = markedRead(this.#list, [id], new Date().toISOString());
    this.#unread = Math.max(0, this.#unread - 1);
    try {
      await api.post<void>(`/api/notifications/${enc(id)}/read`);
    } catch (error) {
      this.#error = error;
      void this.load();
    }
  }

  async markAllRead(): Promise<void> {
    this.#list = markedRead(this.#list, 'all', new Date().toISOString());
    this.#unread = 0;
    try {
      await api.post<void>('/api/notifications/read-all');
    } catch (error) {
      this.#error = error;
      void this.load();
    }
  }
}

/** The notifications of whoever is signed in in this tab. */
export const notifications = new Notifications();
