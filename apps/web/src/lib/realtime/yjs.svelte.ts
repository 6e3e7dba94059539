/**
 * Shared Yjs documents over the server's `/yjs/<docName>` endpoint (the only module that touches
 * y-websocket and y-indexeddb). A `SharedDoc` is one document: the Y.Doc, its connection state for
 * an indicator, the other people on it (awareness), and optionally a copy in IndexedDB, so that
 * someone whose connection drops keeps writing and their edits merge when it comes back.
 *
 * It also tells its owner, after every (re)sync, whether the server already held everything this
 * copy had: the server silently discards what a read-only connection sends, so a copy holding more
 * than the server, on a connection that may not write, holds edits that were never accepted.
 */
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseSyncMessage, serverHasAll } from '../draft/sync';

/** The indicator's states: `offline` also covers a connection the server closed for good. */
export type YjsStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Why the server closed the connection for good (close codes of `YjsCloseCodes`, docs/protocol.md). */
export type YjsClosedReason = 'malformed' | 'session' | 'forbidden' | 'notFound' | 'tooBig';

/**
 * Close codes after which connecting again cannot help. 4503 (shutting down), 4409 (out of sync) and
 * 4429 (too many changes this minute) are retried: y-websocket reconnects with its backoff.
 */
const TERMINAL_CLOSES: Readonly<Record<number, YjsClosedReason>> = {
  4400: 'malformed',
  4401: 'session',
  4403: 'forbidden',
  4404: 'notFound',
  4413: 'tooBig',
  4507: 'tooBig',
};

/** Failed attempts in a row after which the indicator says offline rather than reconnecting. */
const OFFLINE_AFTER_FAILURES = 3;
/** How long to wait for the IndexedDB copy before connecting without it (storage can be blocked). */
const OFFLINE_COPY_WAIT_MS = 3000;
/** The y-websocket message type of sync messages. */
const MESSAGE_SYNC = 0;

/** Someone else on the document, as their awareness state describes them. */
export interface Peer {
  clientId: number;
  /** Their user id, when their client says it (the draft's carets do). */
  id: string;
  name: string;
  /** Their client says they may write (the draft's editors set `editing` in their user state). */
  editing: boolean;
}

export interface SharedDocOptions {
  /** Keep a copy of the document in this IndexedDB database (offline editing). */
  offlineKey?: string;
  /**
   * Called after every (re)sync with the server: whether the server already held everything this
   * copy had when the connection opened.
   */
  onsync?: (serverHadAll: boolean) => void;
}

/** `ws(s)://<this host>`: the server serves the pages and `/yjs` on the same origin. */
function wsOrigin(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** Reads `{id, name}` from an awareness state's `user` field, if it has one. */
function peerOf(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const { id, name, editing } = user as { id?: unknown; name?: unknown; editing?: unknown };
  if (typeof name !== 'string' || name === '') return null;
  return { clientId, id: typeof id === 'string' ? id : `client-${clientId}`, name, editing: editing === true };
}

export class SharedDoc {
  readonly name: string;
  readonly doc = new Y.Doc();
  readonly #provider: WebsocketProvider;
  readonly #options: SharedDocOptions;
  #persistence: IndexeddbPersistence | null = null;

  #status = $state<YjsStatus>('connecting');
  #closed = $state<YjsClosedReason | null>(null);
  #synced = $state(false);
  #peers = $state.raw<Peer[]>([]);
  /** Edits made here while not connected, not yet sent to the server. */
  #offlineEdits = $state(false);
  #failures = 0;
  #everSynced = false;
  /** The first connection was opened (after the offline copy loaded). */
  #started = false;
  #destroyed = false;
  #firstSync: Promise<void>;
  #resolveFirstSync: () => void = () => {};

  /** What this connection learnt in sync step 1: the server's state vector and this copy at that moment. */
  #serverStateVector: Uint8Array | null = null;
  #localAtStep1: Uint8Array | null = null;
  #checked = false;

  constructor(name: string, options: SharedDocOptions = {}) {
    this.name = name;
    this.#options = options;
    this.#firstSync = new Promise((resolve) => (this.#resolveFirstSync = resolve));
    this.#provider = new WebsocketProvider(`${wsOrigin()}/yjs`, name, this.doc, {
      connect: false,
      // Each tab talks to the server itself: a tab that may not write must not reach the server
      // through another tab's connection, and the server decides for each connection.
      disableBc: true,
      maxBackoffTime: 5000,
      shouldReconnect: (event) => !Object.hasOwn(TERMINAL_CLOSES, event.code),
    });
    this.#watchSyncMessages();
    this.#provider.on('status', ({ status }) => {
      if (status === 'connecting') this.#resetCheck();
      if (status === 'disconnected') this.#synced = false;
      this.#updateStatus();
    });
    this.#provider.on('sync', (synced) => {
      this.#synced = synced;
      if (synced) {
        this.#failures = 0;
        this.#everSynced = true;
        this.#offlineEdits = false;
        this.#resolveFirstSync();
      }
      this.#updateStatus();
    });
    this.#provider.on('connection-close', () => {
      this.#failures += 1;
      this.#updateStatus();
    });
    this.#provider.on('closed', ({ code }) => {
      this.#closed = TERMINAL_CLOSES[code] ?? 'forbidden';
      this.#updateStatus();
    });
    this.#provider.awareness.on('change', this.#readPeers);
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.#provider || origin === this.#persistence) return;
      if (!this.#synced) this.#offlineEdits = true;
    });
  }

  /** The connection's state, for an indicator. */
  get status(): YjsStatus {
    return this.#status;
  }
  /** Set once the server closed the connection for good. */
  get closed(): YjsClosedReason | null {
    return this.#closed;
  }
  /** In step with the server now. */
  get synced(): boolean {
    return this.#synced;
  }
  /** Others on the document now (one entry per person, however many tabs they have open). */
  get peers(): Peer[] {
    return this.#peers;
  }
  /** There are edits made here while disconnected, waiting for the connection. */
  get offlineEdits(): boolean {
    return this.#offlineEdits;
  }
  /** The awareness of the connection, for Tiptap's carets (`{ awareness }` stands in for the provider). */
  get awareness(): WebsocketProvider['awareness'] {
    return this.#provider.awareness;
  }
  /** Resolves once the document has first synced with the server. */
  whenSynced(): Promise<void> {
    return this.#firstSync;
  }

  /** Loads the offline copy (if any), then connects. */
  start(): void {
    window.addEventListener('online', this.#online);
    window.addEventListener('offline', this.#offline);
    const key = this.#options.offlineKey;
    if (!key) {
      this.#connect();
      return;
    }
    const persistence = new IndexeddbPersistence(key, this.doc);
    this.#persistence = persistence;
    // Connect only once the copy is loaded, so that the check after the sync covers it too.
    const loaded = Promise.race([
      persistence.whenSynced.then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, OFFLINE_COPY_WAIT_MS)),
    ]);
    void loaded.then(() => {
      if (!this.#destroyed) this.#connect();
    });
  }

  #connect(): void {
    this.#started = true;
    this.#provider.connect();
  }

  /** Drops the connection and opens it again (the server then says again what it holds). */
  reconnect(): void {
    if (this.#destroyed) return;
    this.#provider.disconnect();
    this.#provider.connect();
  }

  /** Disconnects and frees the document; `clearOffline` also deletes the IndexedDB copy. */
  async destroy(clearOffline = false): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    window.removeEventListener('online', this.#online);
    window.removeEventListener('offline', this.#offline);
    this.#provider.awareness.off('change', this.#readPeers);
    this.#provider.destroy();
    const persistence = this.#persistence;
    if (persistence) {
      await persistence.destroy();
      if (clearOffline) await clearDocument(persistence.name);
    }
    this.doc.destroy();
  }

  /**
   * The device lost its network: stop sending into a connection that may be dead (its frames would
   * be lost without an error), and keep the edits here until the network is back.
   */
  #offline = (): void => {
    if (this.#destroyed) return;
    this.#provider.disconnect();
    this.#updateStatus();
  };

  /** The network is back: connect afresh, so that both sides say again what they have. */
  #online = (): void => {
    if (this.#destroyed || this.#closed || !this.#started) return;
    this.#provider.disconnect();
    this.#provider.connect();
    this.#updateStatus();
  };

  #updateStatus = (): void => {
    if (this.#closed || !navigator.onLine) this.#status = 'offline';
    else if (this.#provider.wsconnected && this.#synced) this.#status = 'connected';
    else if (this.#failures >= OFFLINE_AFTER_FAILURES) this.#status = 'offline';
    else this.#status = this.#everSynced || this.#failures > 0 ? 'reconnecting' : 'connecting';
  };

  #readPeers = (): void => {
    const own = this.doc.clientID;
    const peers: Peer[] = [];
    for (const [clientId, state] of this.#provider.awareness.getStates()) {
      if (clientId === own) continue;
      const peer = peerOf(clientId, state);
      if (!peer) continue;
      const known = peers.findIndex((p) => p.id === peer.id);
      if (known < 0) peers.push(peer);
      // Someone with two tabs open, one of them editing, is editing.
      else if (peer.editing) peers[known] = peer;
    }
    this.#peers = peers;
  };

  #resetCheck(): void {
    this.#serverStateVector = null;
    this.#localAtStep1 = null;
    this.#checked = false;
  }

  /**
   * Reads the server's sync step 1 (its state vector; the server sends it first on every
   * connection) and step 2 (its answer to ours, with its whole delete set), then reports whether
   * the server held everything this copy held before they met.
   */
  #watchSyncMessages(): void {
    const onsync = this.#options.onsync;
    if (!onsync) return;
    const handlers = this.#provider.messageHandlers;
    const original = handlers[MESSAGE_SYNC]!;
    handlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
      const message = parseSyncMessage(decoder.arr.subarray(decoder.pos));
      if (message?.type === 'step1') {
        this.#serverStateVector = message.payload.slice();
        this.#localAtStep1 = Y.encodeStateAsUpdate(this.doc);
      }
      original(encoder, decoder, provider, emitSynced, messageType);
      if (message?.type !== 'step2' || this.#checked) return;
      const serverStateVector = this.#serverStateVector;
      const local = this.#localAtStep1;
      if (!serverStateVector || !local) return;
      this.#checked = true;
      let hadAll = true;
      try {
        hadAll = serverHasAll(serverStateVector, message.payload, local);
      } catch (error) {
        console.error(error);
      }
      onsync(hadAll);
    };
  }
}
