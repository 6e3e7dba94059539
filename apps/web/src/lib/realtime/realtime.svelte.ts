/**
 * The browser's one Socket.IO connection (the only module that touches Socket.IO). It follows the
 * signed-in session: `start()` after sign-in, `stop()` on sign-out. It reconnects by itself, watches
 * again every topic a page watches after a reconnect, and tells that page to fetch again, since
 * changes made while the connection was down were not announced to it.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ApiError, ClientToServerEvents, ServerToClientEvents } from '@yishi/protocol';

type YishiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** `idle`: not started (nobody signed in). `offline`: the browser is offline or the server unreachable. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What a page wants to hear about a watched topic. */
export interface TopicWatcher {
  /** The topic changed on the server, or may have while the connection was down: fetch it again. */
  onchange: () => void;
  /** The server refused to send this topic's changes (`FORBIDDEN`, `NOT_FOUND`, ...), or did not answer. */
  onerror?: (error: ApiError | Error) => void;
  /** The server confirmed the watch: changes will be announced from now on. */
  onwatching?: () => void;
}

/** Failed attempts in a row after which the indicator says offline rather than reconnecting. */
const OFFLINE_AFTER_FAILURES = 3;
/** How long to wait before trying again when the server refused the connection for a reason of its own. */
const RETRY_AFTER_REFUSAL_MS = 10_000;
const ACK_TIMEOUT_MS = 10_000;

class Realtime {
  #status = $state<ConnectionStatus>('idle');
  #socket: YishiSocket | null = null;
  /** The watchers of each watched topic (plain data: nothing renders from it). */
  #watchers = new Map<string, readonly TopicWatcher[]>();
  #failures = 0;
  /** Whether the current socket has been connected before (a later `connect` is a reconnect). */
  #wasConnected = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #onSessionEnded: (() => void) | undefined;

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Connects for the signed-in session; `onSessionEnded` runs when the server says it has ended. */
  start(onSessionEnded: () => void): void {
    this.#onSessionEnded = onSessionEnded;
    if (this.#socket) return;
    const socket: YishiSocket = io({ path: '/socket.io', autoConnect: false, withCredentials: true });
    this.#socket = socket;
    this.#failures = 0;
    this.#wasConnected = false;
    this.#status = 'connecting';

    socket.on('connect', () => this.#connected(socket));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.#status = navigator.onLine ? 'reconnecting' : 'offline';
      // The server closed this socket itself: it does not come back on its own. If the session has
      // ended, `session:ended` came first and `stop()` has run; otherwise try again.
      if (!socket.active) this.#retrySoon(socket, 1000);
    });
    socket.on('connect_error', (error) => {
      if (socket.active) {
        // A network failure: Socket.IO tries again with back-off.
        this.#failures += 1;
        this.#status = this.#failures >= OFFLINE_AFTER_FAILURES || !navigator.onLine ? 'offline' : 'reconnecting';
        return;
      }
      // Refused by the server's middleware, which is not retried automatically.
      const code = (error as Error & { data?: Partial<ApiError> }).data?.code;
      if (code === 'UNAUTHENTICATED') {
        this.#sessionEnded();
        return;
      }
      this.#status = 'offline';
      this.#retrySoon(socket, RETRY_AFTER_REFUSAL_MS);
    });
    socket.on('session:ended', () => this.#sessionEnded());
    socket.on('topic:changed', ({ topicId }) => {
      for (const watcher of this.#watchers.get(topicId) ?? []) watcher.onchange();
    });

    window.addEventListener('online', this.#online);
    window.addEventListener('offline', this.#offline);
    socket.connect();
  }

  /** Disconnects (sign-out). Pages keep their watches; they are sent again after the next `start()`. */
  stop(): void {
    clearTimeout(this.#retryTimer);
    window.removeEventListener('online', this.#online);
    window.removeEventListener('offline', this.#offline);
    this.#socket?.removeAllListeners();
    this.#socket?.disconnect();
    this.#socket = null;
    this.#status = 'idle';
  }

  /**
   * Announces the topic's changes to `watcher` until the returned function is called. Safe to call
   * before the connection is up: the watch is sent once it is, and again after every reconnect.
   */
  watchTopic(topicId: string, watcher: TopicWatcher): () => void {
    this.#watchers.set(topicId, [...(this.#watchers.get(topicId) ?? []), watcher]);
    if (this.#socket?.connected) void this.#watch(this.#socket, topicId, [watcher]);
    return () => {
      const rest = (this.#watchers.get(topicId) ?? []).filter((w) => w !== watcher);
      if (rest.length > 0) {
        this.#watchers.set(topicId, rest);
        return;
      }
      this.#watchers.delete(topicId);
      if (this.#socket?.connected) this.#socket.emit('topic:unwatch', { topicId }, () => {});
    };
  }

  #connected(socket: YishiSocket): void {
    const reconnect = this.#wasConnected;
    this.#wasConnected = true;
    this.#failures = 0;
    this.#status = 'connected';
    for (const [topicId, watchers] of this.#watchers) {
      void this.#watch(socket, topicId, watchers).then((ok) => {
        if (ok && reconnect) for (const watcher of watchers) watcher.onchange();
      });
    }
  }

  /** Sends `topic:watch` and reports the answer to the watchers; resolves whether it was accepted. */
  async #watch(socket: YishiSocket, topicId: string, watchers: readonly TopicWatcher[]): Promise<boolean> {
    let ack: Ack;
    try {
      ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('topic:watch', { topicId });
    } catch (error) {
      // No answer in time: the next reconnect sends the watch again.
      for (const watcher of watchers) watcher.onerror?.(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
    for (const watcher of watchers) {
      if (ack.ok) watcher.onwatching?.();
      else watcher.onerror?.(ack.error);
    }
    return ack.ok;
  }

  #retrySoon(socket: YishiSocket, delay: number): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#socket === socket && !socket.connected) socket.connect();
    }, delay);
  }

  #sessionEnded(): void {
    const onSessionEnded = this.#onSessionEnded;
    this.stop();
    onSessionEnded?.();
  }

  #online = (): void => {
    const socket = this.#socket;
    if (!socket) return;
    if (socket.connected) {
      this.#status = 'connected';
      return;
    }
    this.#status = 'reconnecting';
    if (!socket.active) socket.connect();
  };

  #offline = (): void => {
    if (this.#socket) this.#status = 'offline';
  };
}

/** The connection of this browser tab. */
export const realtime = new Realtime();
