import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { MyMeeting, MyTask, Overview } from '@yishi/protocol';
import { api } from '../api';
import { realtime } from '../realtime/realtime.svelte';

/**
 * The home page's overview (`GET /api/me/overview`): meetings of my topics open now and coming up,
 * and my tasks. While it is shown it follows the topics of those meetings, and fetches itself again
 * when one changes: a meeting opened, ended or scheduled.
 */
export class HomeOverview {
  #overview = $state.raw<Overview | null>(null);
  #error = $state<unknown>(null);
  /** The topics followed, and the stop function of each. */
  #following = new SvelteMap<string, () => void>();
  /** The followed topics whose changes the server has confirmed it will announce. */
  #confirmed = new SvelteSet<string>();
  #request = 0;
  #reloading = false;
  #again = false;

  get loaded(): boolean {
    return this.#overview !== null;
  }
  get live(): MyMeeting[] {
    return this.#overview?.live ?? [];
  }
  get upcoming(): MyMeeting[] {
    return this.#overview?.upcoming ?? [];
  }
  get tasks(): MyTask[] {
    return this.#overview?.tasks ?? [];
  }
  get moreTasks(): boolean {
    return this.#overview?.moreTasks ?? false;
  }
  /** The last refresh failed (the overview shown is the one before). */
  get error(): unknown {
    return this.#error;
  }
  /** Every topic of the meetings shown is followed: a change to any of them will show here. */
  get following(): boolean {
    return this.loaded && [...this.#following.keys()].every((id) => this.#confirmed.has(id));
  }

  /** Fetches the overview and follows the topics of its meetings. */
  async load(): Promise<void> {
    const request = ++this.#request;
    const { overview } = await api.get<{ overview: Overview }>('/api/me/overview');
    if (request !== this.#request) return;
    this.#overview = overview;
    this.#error = null;
    this.#follow([...overview.live, ...overview.upcoming].map((m) => m.topicId));
  }

  /** Stops following topics (the page is left). */
  stop(): void {
    for (const stop of this.#following.values()) stop();
    this.#following.clear();
    this.#confirmed.clear();
  }

  #follow(topicIds: readonly string[]): void {
    for (const [id, stop] of this.#following) {
      if (topicIds.includes(id)) continue;
      stop();
      this.#following.delete(id);
      this.#confirmed.delete(id);
    }
    for (const id of topicIds) {
      if (this.#following.has(id)) continue;
      const stop = realtime.watchTopic(id, {
        onchange: () => this.refresh(),
        onwatching: () => this.#confirmed.add(id),
      });
      this.#following.set(id, stop);
    }
  }

  /**
   * Fetches again, keeping what is shown if that fails; changes that arrive meanwhile make one more
   * fetch after it, not one each.
   */
  refresh(): void {
    if (this.#reloading) {
      this.#again = true;
      return;
    }
    this.#reloading = true;
    this.load()
      .catch((error: unknown) => (this.#error = error))
      .finally(() => {
        this.#reloading = false;
        if (this.#again) {
          this.#again = false;
          this.refresh();
        }
      });
  }
}
