import type { TopicDetail } from '@yishi/protocol';
import * as Y from 'yjs';
import { api } from '../api';
import {
  activate,
  cleanMinutes,
  duplicatePositions,
  MAX_PRESENTER,
  MAX_TITLE,
  readItems,
  type AgendaFields,
  type AgendaItem,
  type AgendaStatus,
} from '../draft/agenda';
import { realtime } from '../realtime/realtime.svelte';
import { SharedDoc, type YjsClosedReason, type YjsStatus } from '../realtime/yjs.svelte';
import { newCommandId } from '../room/commandId';

const enc = encodeURIComponent;

type Items = Y.Array<Y.Map<unknown>>;

/** A whole item as stored, from what the chair typed. */
function cleanFields(fields: AgendaFields): AgendaFields {
  return {
    title: fields.title.trim().slice(0, MAX_TITLE),
    minutes: cleanMinutes(fields.minutes),
    presenter: fields.presenter.trim().slice(0, MAX_PRESENTER),
  };
}

function itemMap(item: AgendaItem): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(item));
}

/**
 * A meeting's live agenda (`agenda:<meetingId>`): everyone who may see the topic sees every change
 * at once; the chair and the secretariat change it (the server discards anyone else's changes, and
 * theirs once the meeting has ended). Whether this person may change it comes from the topic, which
 * is fetched and watched for that when `manage` is asked for.
 */
export class LiveAgenda {
  readonly meetingId: string;
  readonly #topicId: string | null;
  #shared = $state.raw<SharedDoc | null>(null);
  #items = $state.raw<AgendaItem[]>([]);
  #topic = $state.raw<TopicDetail | null>(null);
  #topicRequest = 0;

  /** `topicId`: watch the meeting's topic, to know whether this person may edit the agenda. */
  constructor(meetingId: string, topicId: string | null = null) {
    this.meetingId = meetingId;
    this.#topicId = topicId;
  }

  get items(): AgendaItem[] {
    return this.#items;
  }
  get active(): AgendaItem | null {
    return this.#items.find((item) => item.status === 'active') ?? null;
  }
  get status(): YjsStatus {
    return this.#shared?.status ?? 'connecting';
  }
  get closed(): YjsClosedReason | null {
    return this.#shared?.closed ?? null;
  }
  /** Synced at least once: the list shown is the agenda, not an empty placeholder. */
  get ready(): boolean {
    return this.#shared?.synced === true || this.#items.length > 0;
  }
  /**
   * The chair or the secretariat, in preparation or consultation, and the meeting has not ended
   * (the server's rule). The controls also wait for the connection, since changes made offline
   * might be refused later without a word.
   */
  get mayEdit(): boolean {
    const topic = this.#topic;
    if (!topic?.permissions.editAgenda) return false;
    const meeting = topic.meetings.find((m) => m.id === this.meetingId);
    return meeting !== undefined && meeting.status !== 'ended';
  }
  get editable(): boolean {
    return this.mayEdit && this.status === 'connected';
  }

  /** Opens the document (and watches the topic); the returned function closes both. */
  start(): () => void {
    const shared = new SharedDoc(`agenda:${this.meetingId}`);
    this.#shared = shared;
    const items = this.#array(shared);
    const read = () => {
      const raw = items.toArray().map((entry) => (entry instanceof Y.Map ? entry.toJSON() : null));
      this.#items = readItems(raw);
      if (this.editable) this.#dropDuplicates(items, raw);
    };
    items.observeDeep(read);
    read();
    shared.start();
    const unwatch = this.#topicId ? this.#watchTopic(this.#topicId) : () => {};
    return () => {
      unwatch();
      items.unobserveDeep(read);
      this.#shared = null;
      void shared.destroy();
    };
  }

  add(fields: AgendaFields): void {
    this.#change((items) => {
      items.push([itemMap({ id: newCommandId(), ...cleanFields(fields), status: 'pending' })]);
    });
  }

  update(id: string, fields: AgendaFields): void {
    this.#change((items) => {
      const map = this.#find(items, id);
      if (!map) return;
      for (const [key, value] of Object.entries(cleanFields(fields))) map.set(key, value);
    });
  }

  /** Puts the item at `index` of the list as shown. */
  move(id: string, index: number): void {
    this.#change((items) => {
      const from = this.#positionOf(items, id);
      const item = this.#items.find((i) => i.id === id);
      if (from < 0 || !item) return;
      const shown = this.#items.filter((i) => i.id !== id);
      const target = Math.max(0, Math.min(index, shown.length));
      // Y.Array has no move: the item is taken out and put back as a copy, before the item that
      // will follow it (or at the end).
      items.delete(from, 1);
      const before = shown[target];
      const at = before ? this.#positionOf(items, before.id) : items.length;
      items.insert(at < 0 ? items.length : at, [itemMap(item)]);
    });
  }

  remove(id: string): void {
    this.#change((items) => {
      const at = this.#positionOf(items, id);
      if (at >= 0) items.delete(at, 1);
    });
  }

  /** Makes the item the one under way; see `activate` for what happens to the others. */
  activate(id: string): void {
    this.#setStatuses(activate(this.#items, id));
  }

  /** Marks the item done. */
  finish(id: string): void {
    this.#setStatuses([[id, 'done']]);
  }

  #setStatuses(changes: Iterable<[string, AgendaStatus]>): void {
    const list = [...changes];
    if (list.length === 0) return;
    this.#change((items) => {
      for (const [id, status] of list) this.#find(items, id)?.set('status', status);
    });
  }

  #array(shared: SharedDoc): Items {
    return shared.doc.getArray<Y.Map<unknown>>('items');
  }

  #change(apply: (items: Items) => void): void {
    const shared = this.#shared;
    if (!shared || !this.editable) return;
    shared.doc.transact(() => apply(this.#array(shared)));
  }

  #positionOf(items: Items, id: string): number {
    return items.toArray().findIndex((entry) => entry instanceof Y.Map && entry.get('id') === id);
  }

  #find(items: Items, id: string): Y.Map<unknown> | undefined {
    const at = this.#positionOf(items, id);
    return at >= 0 ? items.get(at) : undefined;
  }

  /** Two editors moving the same item at once leave two copies of it: one of them removes the later one. */
  #dropDuplicates(items: Items, raw: readonly unknown[]): void {
    const extra = duplicatePositions(raw);
    if (extra.length === 0) return;
    queueMicrotask(() => {
      const shared = this.#shared;
      if (!shared) return;
      shared.doc.transact(() => {
        for (const at of duplicatePositions(
          items.toArray().map((e) => (e instanceof Y.Map ? e.toJSON() : null)),
        ).reverse()) {
          items.delete(at, 1);
        }
      });
    });
  }

  #watchTopic(topicId: string): () => void {
    const load = async () => {
      const request = ++this.#topicRequest;
      try {
        const { topic } = await api.get<{ topic: TopicDetail }>(`/api/topics/${enc(topicId)}`);
        if (request === this.#topicRequest) this.#topic = topic;
      } catch {
        // Without the topic, the agenda is shown read-only; the next change fetches it again.
      }
    };
    void load();
    return realtime.watchTopic(topicId, { onchange: () => void load() });
  }
}
