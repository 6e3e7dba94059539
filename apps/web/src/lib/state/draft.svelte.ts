import type { DraftBlock, DraftVersion, DraftVersionContent, Meeting, Speech, TopicDetail } from '@yishi/protocol';
import { api } from '../api';
import { blocksOf, hasText, plainText } from '../draft/blocks';
import { SharedDoc, type Peer, type YjsClosedReason, type YjsStatus } from '../realtime/yjs.svelte';

const enc = encodeURIComponent;

/** The signed-in person as the other editors see them. */
export interface DraftUser {
  id: string;
  name: string;
}

/**
 * One topic's outcome draft being edited here: the shared document (`draft:<topicId>`), kept in
 * IndexedDB too so that edits made offline survive and merge on reconnect.
 *
 * The server silently drops what a connection that may not write sends. So after every (re)sync in
 * which the server turns out not to hold everything this copy had, the session asks whether this
 * person may still write (`confirmWritable`, which fetches the topic again). If they may, the server
 * has just taken those edits; if not (the draft was frozen meanwhile), the edits were never
 * accepted: their text is kept for the person to copy (`rejected`), the local copy is deleted and
 * the document is opened afresh, showing the server's version.
 */
export class DraftSession {
  readonly topicId: string;
  readonly #user: DraftUser;
  readonly #confirmWritable: () => Promise<boolean>;

  #shared = $state.raw<SharedDoc | null>(null);
  /** Grows each time the document is opened anew (an editor is bound to one document). */
  #generation = $state(0);
  #rejected = $state.raw<string | null>(null);
  /** Grows with every change to the document, for what is computed from its content. */
  #revision = $state(0);
  #writable = false;
  #stopped = false;

  constructor(topicId: string, user: DraftUser, confirmWritable: () => Promise<boolean>) {
    this.topicId = topicId;
    this.#user = user;
    this.#confirmWritable = confirmWritable;
  }

  get docName(): string {
    return `draft:${this.topicId}`;
  }
  /** The open document; null while it is being opened anew. */
  get shared(): SharedDoc | null {
    return this.#shared;
  }
  get generation(): number {
    return this.#generation;
  }
  get status(): YjsStatus {
    return this.#shared?.status ?? 'connecting';
  }
  get closed(): YjsClosedReason | null {
    return this.#shared?.closed ?? null;
  }
  get peers(): Peer[] {
    return this.#shared?.peers ?? [];
  }
  get offlineEdits(): boolean {
    return this.#shared?.offlineEdits ?? false;
  }
  /** The text of edits the server did not accept, for the person to copy; null when there are none. */
  get rejected(): string | null {
    return this.#rejected;
  }
  get user(): DraftUser {
    return this.#user;
  }

  /** The draft's blocks now (read where it should follow every change). */
  currentBlocks(): DraftBlock[] {
    void this.#revision;
    const shared = this.#shared;
    return shared ? blocksOf(shared.doc.getXmlFragment('body')) : [];
  }

  /** The draft has some text now (read where it should follow every change). */
  hasText(): boolean {
    void this.#revision;
    const shared = this.#shared;
    return shared !== null && hasText(shared.doc.getXmlFragment('body'));
  }

  /** Opens the document; the returned function closes it. */
  start(): () => void {
    this.#stopped = false;
    this.#open();
    return () => {
      this.#stopped = true;
      const shared = this.#shared;
      this.#shared = null;
      void shared?.destroy();
    };
  }

  /**
   * Follows whether this person may write, as the topic says. When writing stops while connected
   * (the stage moved on), the connection is opened again so that the server says what it holds:
   * edits typed in the moment before would otherwise be lost without a word.
   */
  setWritable(writable: boolean): void {
    const was = this.#writable;
    this.#writable = writable;
    if (was && !writable && this.#shared?.synced) this.#shared.reconnect();
  }

  dismissRejected(): void {
    this.#rejected = null;
  }

  #open(): SharedDoc {
    const shared: SharedDoc = new SharedDoc(this.docName, {
      offlineKey: `yishi:${this.#user.id}:${this.docName}`,
      onsync: (serverHadAll) => void this.#afterSync(shared, serverHadAll),
    });
    shared.doc.on('update', () => this.#revision++);
    this.#shared = shared;
    this.#generation++;
    shared.start();
    return shared;
  }

  /** The document is still the one open here (not replaced, not closed). */
  #isCurrent(shared: SharedDoc): boolean {
    return shared === this.#shared && !this.#stopped;
  }

  async #afterSync(shared: SharedDoc, serverHadAll: boolean): Promise<void> {
    if (serverHadAll || !this.#isCurrent(shared)) return;
    let writable = this.#writable;
    try {
      writable = await this.#confirmWritable();
    } catch {
      // Keep what the topic said last.
    }
    if (writable || !this.#isCurrent(shared)) return;
    const text = plainText(shared.doc.getXmlFragment('body'));
    this.#shared = null;
    await shared.destroy(true);
    if (this.#stopped) return;
    const fresh = this.#open();
    await fresh.whenSynced();
    if (!this.#isCurrent(fresh)) return;
    // Nothing to tell when the edits changed nothing in the end (typed, then undone).
    if (plainText(fresh.doc.getXmlFragment('body')) !== text) this.#rejected = text;
  }
}

/** The named versions of a topic's draft, and their contents (fetched once each). */
export class DraftVersions {
  readonly topicId: string;
  #list = $state.raw<DraftVersion[]>([]);
  #loaded = $state(false);
  #loadError = $state.raw<unknown>(null);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of requests; nothing renders from it
  #contents = new Map<string, Promise<DraftBlock[]>>();
  #request = 0;

  constructor(topicId: string) {
    this.topicId = topicId;
  }

  /** Oldest first, as the server lists them. */
  get list(): DraftVersion[] {
    return this.#list;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get loadError(): unknown {
    return this.#loadError;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const { versions } = await api.get<{ versions: DraftVersion[] }>(
        `/api/topics/${enc(this.topicId)}/draft/versions`,
      );
      if (request !== this.#request) return;
      this.#list = versions;
      this.#loaded = true;
      this.#loadError = null;
    } catch (error) {
      if (request === this.#request) this.#loadError = error;
    }
  }

  /** Saves the draft as it stands on the server under `name` (the chair and the secretariat). */
  async save(name: string): Promise<DraftVersion> {
    const { version } = await api.post<{ version: DraftVersion }>(`/api/topics/${enc(this.topicId)}/draft/versions`, {
      name,
    });
    await this.load();
    return version;
  }

  /** A version's blocks; a failed fetch is not kept, so that the next call tries again. */
  blocks(versionId: string): Promise<DraftBlock[]> {
    let content = this.#contents.get(versionId);
    if (!content) {
      content = api
        .get<{ version: DraftVersionContent }>(`/api/topics/${enc(this.topicId)}/draft/versions/${enc(versionId)}`)
        .then(({ version }) => version.blocks);
      content.catch(() => this.#contents.delete(versionId));
      this.#contents.set(versionId, content);
    }
    return content;
  }
}

/** A meeting's speech log, for linking paragraphs to speeches. */
export interface MeetingLog {
  meeting: Meeting;
  speeches: Speech[];
}

/**
 * What a paragraph of the draft can be linked to: the speeches in the speech logs of the topic's
 * meetings (fetched here) and its research reports (in the topic itself).
 */
export class DraftSources {
  #logs = $state.raw<MeetingLog[]>([]);
  #loadedFor = '';

  get logs(): MeetingLog[] {
    return this.#logs;
  }

  /**
   * Fetches the speech logs of the topic's meetings that have opened. Logs already fetched are kept
   * unless the meetings changed, or `force` (a meeting under way keeps adding speeches).
   */
  async load(topic: TopicDetail, force = false): Promise<void> {
    const meetings = topic.meetings.filter((m) => m.status !== 'scheduled');
    const key = meetings.map((m) => `${m.id}:${m.status}:${m.distinctSpeakers}`).join();
    if (!force && key === this.#loadedFor) return;
    this.#loadedFor = key;
    const logs = await Promise.all(
      meetings.map(async (meeting): Promise<MeetingLog> => {
        try {
          const { speeches } = await api.get<{ speeches: Speech[] }>(`/api/meetings/${enc(meeting.id)}`);
          return { meeting, speeches };
        } catch {
          // Without its log, a meeting's speeches cannot be linked (or named) until the next load.
          return { meeting, speeches: [] };
        }
      }),
    );
    if (this.#loadedFor === key) this.#logs = logs;
  }
}
