import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { YjsCloseCodes } from '@yishi/protocol';
import type { Clock } from '../deps.js';
import type { Logger } from '../logger.js';
import type { Repositories, Store } from '../store/store.js';
import { noRelay, type RelayMessage, type YjsRelay } from './relay.js';
import {
  awarenessMessage,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  send,
  updateMessage,
  type YjsConnection,
} from './wire.js';
import { structProblem } from './structs.js';
import { Integration, MAX_BATCH, takeUpdates, type InboxItem, type WriterUpdate } from './inbox.js';
import { sanitizeAwareness } from './awareness.js';
import { AppliedSequence } from './sequence.js';
import { WriteBudget } from './budget.js';

/**
 * The origin of changes that came from another node, or were read again from the store: applied and
 * sent to this node's connections, never stored or published again.
 */
const FROM_PEER = Symbol('from another node');
/** How long a gap in the applied updates may last before it is filled from the store. */
const GAP_GRACE_MS = 200;

export type { YjsConnection } from './wire.js';

export interface YjsLimits {
  /** Largest message a client may send (bytes). */
  maxMessageBytes: number;
  /** Largest a document may grow (bytes of its encoded state). */
  maxDocBytes: number;
  /**
   * Most bytes a document's stored updates may take before they are replaced by the live state (a
   * writer's deletions shrink the document, not the updates that made and removed the text).
   */
  maxStoredBytes: number;
  /** Bytes of changes each writer may have stored per minute in one document (0: no budget). */
  writerBytesPerMinute: number;
  /** How long a document with no connection stays loaded. */
  idleUnloadMs: number;
}

export const defaultYjsLimits: YjsLimits = {
  maxMessageBytes: 1_000_000,
  maxDocBytes: 10_000_000,
  maxStoredBytes: 20_000_000,
  writerBytesPerMinute: 20_000_000,
  idleUnloadMs: 30_000,
};

interface LoadedDoc {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Set<YjsConnection>;
  /**
   * Messages waiting, handled one after another in the order they came, so that an update is stored
   * before what follows it; updates that wait side by side are stored in one transaction.
   */
  inbox: InboxItem[];
  /** The loop working through the inbox, while it runs. */
  working: Promise<void> | undefined;
  unloadTimer: NodeJS.Timeout | undefined;
  /** The stored updates applied here, to notice one that another node stored but never relayed. */
  applied: AppliedSequence;
  /**
   * An upper bound of the document's encoded size, kept as updates are stored (deletions are not
   * subtracted); measured exactly only when it passes the limit.
   */
  sizeBound: number;
  /** The bytes the document's stored updates take, as far as this node saw them stored. */
  storedBytes: number;
  gapTimer: NodeJS.Timeout | undefined;
}

/**
 * The y-websocket protocol on our own terms: a document is loaded completely from the store before
 * sync step 1 is sent; an update from a connection that may write is appended to the store before it
 * is applied and relayed; updates from read-only connections are read and discarded, never stored
 * nor relayed. Documents are kept per server instance and unloaded when idle.
 *
 * Across nodes (hocuspocus's Redis extension has the same shape): a node subscribes to a document's
 * relay before it loads it from the store, publishes each update after storing it and each awareness
 * change of its own connections, and applies what other nodes publish without storing it again.
 */
export class YjsServer {
  private readonly docs = new Map<string, Promise<LoadedDoc>>();
  private readonly budget: WriteBudget;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly limits: YjsLimits = defaultYjsLimits,
    /** Whether the document's stage still lets anyone write it, read in the append's transaction. */
    private readonly writable: (docName: string, tx: Repositories) => Promise<boolean> = () => Promise.resolve(true),
    private readonly relay: YjsRelay = noRelay,
  ) {
    this.budget = new WriteBudget(limits.writerBytesPerMinute);
  }

  /**
   * Serves a connection already authorised for `docName`. Listeners are attached at once, so that
   * what the client sends while the document loads (its sync step 1, its awareness) waits in order
   * rather than being lost.
   */
  connect(docName: string, conn: YjsConnection): Promise<void> {
    const { ws } = conn;
    const ready = this.load(docName).then(async (loaded) => {
      clearTimeout(loaded.unloadTimer);
      loaded.conns.add(conn);
      // Whatever the store holds that this node has not applied (a node that died between storing
      // an update and relaying it) is applied before the newcomer is greeted.
      if ((await this.store.docs.lastSeq(docName)) > loaded.applied.contiguous) await this.catchUp(loaded);
      this.greet(loaded, conn);
      return loaded;
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      if (data.byteLength > this.limits.maxMessageBytes) {
        ws.close(YjsCloseCodes.MessageTooBig.code, YjsCloseCodes.MessageTooBig.reason);
        return;
      }
      const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
      void ready.then((loaded) => {
        loaded.inbox.push({ conn, message });
        loaded.working ??= this.work(loaded).finally(() => (loaded.working = undefined));
      });
    });
    ws.on('close', () => void ready.then((loaded) => this.disconnect(loaded, conn)));
    ws.on('error', (err) => this.logger.debug({ err, doc: docName }, 'yjs socket error'));
    return ready.then(() => undefined);
  }

  /** Sync step 1 (our state vector, so the client sends what we lack) and everyone's awareness. */
  private greet(loaded: LoadedDoc, conn: YjsConnection): void {
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(step1, loaded.doc);
    send(conn, encoding.toUint8Array(step1));
    const states = [...loaded.awareness.getStates().keys()];
    if (states.length > 0) send(conn, awarenessMessage(loaded.awareness, states));
  }

  /** Changes write access of every open connection of a topic, e.g. after a stage change. */
  async regrant(
    which: { topicId: string } | { userId: string },
    decide: (conn: YjsConnection, docName: string) => Promise<boolean | null>,
  ): Promise<void> {
    const concerned = (conn: YjsConnection) =>
      'topicId' in which ? conn.topicId === which.topicId : conn.userId === which.userId;
    for (const pending of this.docs.values()) {
      const loaded = await pending;
      for (const conn of loaded.conns) {
        if (!concerned(conn)) continue;
        const canWrite = await decide(conn, loaded.name);
        if (canWrite === null) conn.ws.close(YjsCloseCodes.Forbidden.code, YjsCloseCodes.Forbidden.reason);
        else conn.canWrite = canWrite;
      }
    }
  }

  /** Closes the connections of ended sessions. */
  async endSessions(sessionIds: readonly string[]): Promise<void> {
    const ended = new Set(sessionIds);
    for (const pending of this.docs.values()) {
      for (const conn of (await pending).conns) {
        if (ended.has(conn.sessionId))
          conn.ws.close(YjsCloseCodes.Unauthorized.code, YjsCloseCodes.Unauthorized.reason);
      }
    }
  }

  async close(): Promise<void> {
    for (const pending of this.docs.values()) {
      const loaded = await pending;
      clearTimeout(loaded.unloadTimer);
      clearTimeout(loaded.gapTimer);
      for (const conn of loaded.conns)
        conn.ws.close(YjsCloseCodes.ShuttingDown.code, YjsCloseCodes.ShuttingDown.reason);
      await loaded.working;
    }
    this.docs.clear();
  }

  /** Documents loaded now (for tests and metrics). */
  loadedNames(): string[] {
    return [...this.docs.keys()];
  }

  private load(name: string): Promise<LoadedDoc> {
    let pending = this.docs.get(name);
    if (!pending) {
      // Subscribed first: what another node stores after this load reads the store arrives here,
      // and is applied once the document is wired (in the order it came).
      pending = this.relay
        .subscribe(name, (message) => void this.docs.get(name)?.then((loaded) => this.fromPeer(loaded, message)))
        .then(() => this.store.docs.loadWithSeq(name))
        .then(({ doc, seq, bytes }) => this.wire(name, doc, seq, bytes));
      pending.catch(() => {
        this.docs.delete(name);
        void this.relay.unsubscribe(name).catch(() => undefined);
      });
      this.docs.set(name, pending);
    }
    return pending;
  }

  private fromPeer(loaded: LoadedDoc, message: RelayMessage): void {
    try {
      if (message.kind === 'awareness') {
        awarenessProtocol.applyAwarenessUpdate(loaded.awareness, message.data, FROM_PEER);
        return;
      }
      Y.applyUpdate(loaded.doc, message.data, FROM_PEER);
      loaded.storedBytes += message.data.byteLength;
      this.applied(loaded, message.seq);
    } catch (err) {
      this.logger.warn({ err, doc: loaded.name }, 'malformed update from another node ignored');
    }
  }

  /** Records a stored update as applied; a gap that lasts is filled from the store. */
  private applied(loaded: LoadedDoc, seq: number): void {
    loaded.applied.applied(seq);
    if (!loaded.applied.hasGap || loaded.gapTimer) return;
    loaded.gapTimer = setTimeout(() => {
      loaded.gapTimer = undefined;
      if (!loaded.applied.hasGap || !this.docs.has(loaded.name)) return;
      this.catchUp(loaded).catch((err: unknown) => this.logger.warn({ err, doc: loaded.name }, 'yjs catch-up failed'));
    }, GAP_GRACE_MS);
    loaded.gapTimer.unref();
  }

  /** Applies the stored updates this node has not applied yet. */
  private async catchUp(loaded: LoadedDoc): Promise<void> {
    const rows = await this.store.docs.updatesAfter(loaded.name, loaded.applied.contiguous);
    for (const row of rows) Y.applyUpdate(loaded.doc, row.update, FROM_PEER);
    const last = rows.at(-1);
    if (last) loaded.applied.caughtUp(last.seq);
  }

  private publish(loaded: LoadedDoc, message: RelayMessage): void {
    // A document no longer served here (the server closed) has nobody left to speak for.
    if (!this.docs.has(loaded.name)) return;
    this.relay.publish(loaded.name, message).catch((err: unknown) => {
      this.logger.error({ err, doc: loaded.name }, 'yjs change not relayed to other nodes');
    });
  }

  private wire(name: string, doc: Y.Doc, seq: number, storedBytes: number): LoadedDoc {
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const loaded: LoadedDoc = {
      name,
      doc,
      awareness,
      conns: new Set(),
      inbox: [],
      working: undefined,
      unloadTimer: undefined,
      applied: new AppliedSequence(seq),
      gapTimer: undefined,
      sizeBound: Y.encodeStateAsUpdate(doc).byteLength,
      storedBytes,
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin instanceof Integration) origin.captured.push(update);
      else this.broadcast(loaded, update);
    });
    awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = [...added!, ...updated!, ...removed!];
      if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
        const conn = origin as YjsConnection;
        for (const id of added!) conn.awarenessIds.add(id);
        for (const id of removed!) conn.awarenessIds.delete(id);
      }
      const message = awarenessMessage(awareness, changed);
      for (const conn of loaded.conns) send(conn, message);
      if (origin !== FROM_PEER) {
        this.publish(loaded, { kind: 'awareness', data: awarenessProtocol.encodeAwarenessUpdate(awareness, changed) });
      }
    });
    return loaded;
  }

  private async receive(loaded: LoadedDoc, conn: YjsConnection, message: Uint8Array): Promise<void> {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) await this.receiveSync(loaded, conn, decoder);
      else if (type === MESSAGE_AWARENESS) {
        const update = sanitizeAwareness(decoding.readVarUint8Array(decoder), {
          ...conn,
          heldByOther: (id) => [...loaded.conns].some((other) => other !== conn && other.awarenessIds.has(id)),
        });
        if (update) awarenessProtocol.applyAwarenessUpdate(loaded.awareness, update, conn);
      } else if (type === MESSAGE_QUERY_AWARENESS) {
        send(conn, awarenessMessage(loaded.awareness, [...loaded.awareness.getStates().keys()]));
      }
    } catch (err) {
      this.logger.warn({ err, doc: loaded.name, userId: conn.userId }, 'malformed yjs message');
      conn.ws.close(YjsCloseCodes.BadMessage.code, YjsCloseCodes.BadMessage.reason);
    }
  }

  private async receiveSync(loaded: LoadedDoc, conn: YjsConnection, decoder: decoding.Decoder): Promise<void> {
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(reply, loaded.doc, decoding.readVarUint8Array(decoder));
      send(conn, encoding.toUint8Array(reply));
      return;
    }
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${type}`);
    }
    // A read-only connection still syncs, but what it sends is dropped here: never stored nor relayed.
    // (A writer's updates are taken from the inbox in batches, by `work`.)
    Y.decodeUpdate(decoding.readVarUint8Array(decoder)); // a malformed one still closes the connection
  }

  /** Works through a document's inbox: runs of writers' updates in one transaction each, the rest one by one. */
  private async work(loaded: LoadedDoc): Promise<void> {
    while (loaded.inbox.length > 0) {
      const updates = takeUpdates(loaded.inbox, MAX_BATCH);
      if (updates.length > 0) {
        const within = await this.withinBudget(loaded, updates);
        if (within.length > 0) await this.integrate(loaded, within);
        if (loaded.storedBytes > this.limits.maxStoredBytes) await this.compact(loaded);
      } else {
        const { conn, message } = loaded.inbox.shift()!;
        await this.receive(loaded, conn, message);
      }
    }
  }

  /** The updates whose writers have budget left; a writer without is told to come back later. */
  private async withinBudget(loaded: LoadedDoc, updates: WriterUpdate[]): Promise<WriterUpdate[]> {
    const within: WriterUpdate[] = [];
    const refused = new Set<YjsConnection>();
    for (const item of updates) {
      // A connection's later updates may build on a refused one: they are refused with it.
      if (refused.has(item.conn)) continue;
      if (await this.budget.spend(item.conn.userId, loaded.name, item.update.byteLength)) {
        within.push(item);
      } else {
        refused.add(item.conn);
        item.conn.ws.close(YjsCloseCodes.TooManyChanges.code, YjsCloseCodes.TooManyChanges.reason);
      }
    }
    return within;
  }

  /**
   * Replaces the document's stored updates by its live state (which holds every stored update this
   * node applied in order), so that what is stored stays bounded by the document's own size.
   */
  private async compact(loaded: LoadedDoc): Promise<void> {
    const upTo = loaded.applied.contiguous;
    const state = Y.encodeStateAsUpdate(loaded.doc);
    try {
      const now = this.clock.now().toISOString();
      await this.store.transaction((tx) => tx.docs.compactTo(loaded.name, upTo, state, now));
      loaded.storedBytes = state.byteLength;
    } catch (err) {
      this.logger.warn({ err, doc: loaded.name }, 'yjs compaction failed');
    }
  }

  /**
   * Integrates writers' updates into the live document and stores exactly what the document took in
   * — not the bytes that were sent, whose structs under a client id and clock the document already
   * holds would win over the live text when the store merges its updates — in one transaction that
   * reads the stage again, so that an update racing a freeze is either stored before it (and in the
   * final version) or refused after it. Only then is each sent and published. Several updates waiting
   * at once share the transaction: one commit (one disk flush) for all of them.
   */
  private async integrate(loaded: LoadedDoc, updates: WriterUpdate[]): Promise<void> {
    const now = this.clock.now().toISOString();
    const stored: { conn: YjsConnection; data: Uint8Array; seq: number }[] = [];
    let integrated = false;
    try {
      const allowed = await this.store.transaction(async (tx) => {
        if (!(await this.writable(loaded.name, tx))) return false;
        const taken: { conn: YjsConnection; data: Uint8Array }[] = [];
        for (const { conn, update } of updates) {
          const integration = this.integrateOne(loaded, conn, update);
          if (!integration) continue;
          integrated = true;
          taken.push({ conn, data: integration.length === 1 ? integration[0]! : Y.mergeUpdates(integration) });
        }
        const seqs = await tx.docs.appendMany(
          loaded.name,
          taken.map((t) => t.data),
          now,
        );
        taken.forEach((t, i) => stored.push({ ...t, seq: seqs[i]! }));
        return true;
      });
      if (!allowed) {
        // The stage moved on since these connections were granted; the regrant that follows confirms it.
        for (const { conn } of updates) conn.canWrite = false;
        return;
      }
    } catch (err) {
      this.logger.error({ err, doc: loaded.name }, 'yjs updates not stored');
      // Integrated in memory but not stored: the live document no longer matches the store.
      if (integrated) this.evict(loaded);
      return;
    }
    for (const { conn, data, seq } of stored) {
      loaded.sizeBound += data.byteLength;
      loaded.storedBytes += data.byteLength;
      this.broadcast(loaded, data, conn);
      this.applied(loaded, seq);
      this.publish(loaded, { kind: 'update', seq, data });
    }
  }

  /**
   * Checks one update against the live document and integrates it; returns what the document took
   * in (empty when it had it all), or undefined when the update was refused and its sender told.
   */
  private integrateOne(loaded: LoadedDoc, conn: YjsConnection, update: Uint8Array): Uint8Array[] | undefined {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (err) {
      this.logger.warn({ err, doc: loaded.name, userId: conn.userId }, 'malformed yjs update');
      conn.ws.close(YjsCloseCodes.BadMessage.code, YjsCloseCodes.BadMessage.reason);
      return undefined;
    }
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return undefined;
    const problem = structProblem(loaded.doc, decoded);
    if (problem) {
      const close = problem === 'out_of_sync' ? YjsCloseCodes.OutOfSync : YjsCloseCodes.BadMessage;
      if (problem === 'malformed')
        this.logger.warn({ doc: loaded.name, userId: conn.userId }, 'yjs update refused: items out of place');
      conn.ws.close(close.code, close.reason);
      return undefined;
    }
    if (!this.fits(loaded, update.byteLength)) {
      conn.ws.close(YjsCloseCodes.DocumentTooBig.code, YjsCloseCodes.DocumentTooBig.reason);
      return undefined;
    }
    const integration = new Integration(conn);
    try {
      Y.applyUpdate(loaded.doc, update, integration);
    } catch (err) {
      // What was integrated before the failure is in `captured` and is stored with the rest.
      this.logger.warn({ err, doc: loaded.name, userId: conn.userId }, 'yjs update failed to integrate');
      conn.ws.close(YjsCloseCodes.BadMessage.code, YjsCloseCodes.BadMessage.reason);
    }
    return integration.captured.length > 0 ? integration.captured : undefined;
  }

  /** Whether the document may grow by `bytes`; measured exactly only when the running bound says no. */
  private fits(loaded: LoadedDoc, bytes: number): boolean {
    if (loaded.sizeBound + bytes <= this.limits.maxDocBytes) return true;
    loaded.sizeBound = Y.encodeStateAsUpdate(loaded.doc).byteLength;
    return loaded.sizeBound + bytes <= this.limits.maxDocBytes;
  }

  /** Sends an update to the document's connections on this node, but to the one it came from. */
  private broadcast(loaded: LoadedDoc, update: Uint8Array, from?: YjsConnection): void {
    const message = updateMessage(update);
    for (const conn of loaded.conns) if (conn !== from) send(conn, message);
  }

  /** Drops a document that no longer matches its store: its clients reconnect and sync from the store. */
  private evict(loaded: LoadedDoc): void {
    this.logger.error({ doc: loaded.name }, 'yjs document dropped: an integrated update was not stored');
    this.docs.delete(loaded.name);
    clearTimeout(loaded.unloadTimer);
    clearTimeout(loaded.gapTimer);
    for (const conn of loaded.conns) conn.ws.close(YjsCloseCodes.ShuttingDown.code, YjsCloseCodes.ShuttingDown.reason);
    void this.relay.unsubscribe(loaded.name).catch(() => undefined);
  }

  private disconnect(loaded: LoadedDoc, conn: YjsConnection): void {
    if (!loaded.conns.delete(conn)) return;
    awarenessProtocol.removeAwarenessStates(loaded.awareness, [...conn.awarenessIds], null);
    if (loaded.conns.size > 0) return;
    loaded.unloadTimer = setTimeout(() => void this.unload(loaded), this.limits.idleUnloadMs);
    loaded.unloadTimer.unref();
  }

  /** Drops an idle document from memory and compacts its stored updates into one. */
  private async unload(loaded: LoadedDoc): Promise<void> {
    await loaded.working;
    if (loaded.conns.size > 0) return;
    this.docs.delete(loaded.name);
    clearTimeout(loaded.gapTimer);
    await this.relay.unsubscribe(loaded.name).catch((err: unknown) => {
      this.logger.warn({ err, doc: loaded.name }, 'yjs relay not unsubscribed');
    });
    await this.compact(loaded);
    loaded.awareness.destroy();
    loaded.doc.destroy();
  }
}
