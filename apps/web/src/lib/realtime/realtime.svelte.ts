/**
 * The browser's one Socket.IO connection (the only module that touches Socket.IO). It follows the
 * signed-in session: `start()` after sign-in, `stop()` on sign-out. It reconnects by itself, watches
 * again every topic a page watches after a reconnect, and tells that page to fetch again, since
 * changes made while the connection was down were not announced to it. Likewise it joins the
 * meeting room a page is in again after a reconnect, and measures the clock offset anew. It hands the
 * signed-in person's notifications to the notification bell.
 *
 * Commands go out only over a connection that is in the meeting room, and fail at once when it is
 * not, or when it drops before the answer: Socket.IO would otherwise keep them in its buffer and
 * send them after the reconnect, seconds or minutes later, unseen. What to do with a command given
 * offline is the room's decision, made in sight of the user (`MeetingRoom`).
 */
import { io, type Socket } from 'socket.io-client';
import {
  httpStatusOf,
  type Ack,
  type ApiError as ApiErrorBody,
  type ClientToServerEvents,
  type MeetingJoined,
  type Notification,
  type PollResultEvent,
  type PollView,
  type PresenceView,
  type QueueView,
  type ServerToClientEvents,
} from '@yishi/protocol';
import { ApiError, NetworkError } from '../api-errors';
import { bestOffset, type ClockSample } from '../room/clock';

type YishiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** `idle`: not started (nobody signed in). `offline`: the browser is offline or the server unreachable. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What a page wants to hear about a watched topic. */
export interface TopicWatcher {
  /** The topic changed on the server, or may have while the connection was down: fetch it again. */
  onchange: () => void;
  /** The server refused to send this topic's changes (`FORBIDDEN`, `NOT_FOUND`, ...), or did not answer. */
  onerror?: (error: ApiErrorBody | Error) => void;
  /** The server confirmed the watch: changes will be announced from now on. */
  onwatching?: () => void;
}

/** What a meeting page hears from the room it is in. */
export interface RoomListener {
  /** Joined, the first time or again after a reconnect: everything to draw the room. */
  onjoined: (joined: MeetingJoined) => void;
  /** A copy of the queue (every one the server sends; the page keeps only newer ones). */
  onqueue: (view: QueueView) => void;
  onpresence: (view: PresenceView) => void;
  /** A poll of the meeting after every change (how many voted; the result once closed). */
  onpoll?: (view: PollView) => void;
  /** A poll of the meeting closed: its tally, and who chose what unless it was secret. */
  onpollresult?: (result: PollResultEvent) => void;
  /** The server's clock minus this browser's (ms), measured after every join. */
  onclock: (offsetMs: number) => void;
  /** The connection dropped: the room is no longer joined until `onjoined` comes again. */
  onlost?: () => void;
  /** The server refused the join (`ApiError`: FORBIDDEN, NOT_FOUND, ...) or did not answer (`NetworkError`). */
  onerror: (error: ApiError | NetworkError) => void;
}

/** What the notification bell hears: each new notification, and when some may have been missed. */
export interface NotificationListener {
  onnotification: (notification: Notification) => void;
  /** Connected, the first time or again: notifications sent before never arrived here, so fetch the list. */
  onresync: () => void;
}

/** The queue commands, each acting on the meeting the socket has joined. */
export type QueueCommandEvent = Exclude<Extract<keyof ClientToServerEvents, `queue:${string}`>, 'queue:snapshot'>;
/** The poll commands of the joined meeting. */
export type PollCommandEvent = Extract<keyof ClientToServerEvents, `poll:${string}`>;
/** Every command of the joined meeting: the queue's, the polls', and saying where someone takes part. */
type RoomCommandEvent = QueueCommandEvent | PollCommandEvent | 'presence:where';
/** The payload of a client event. */
export type PayloadOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
/** The successful acknowledgement of a client event. */
export type AnswerOf<E extends keyof ClientToServerEvents> = Extract<
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0],
  { ok: true }
>;

/**
 * A socket seen as the sender of one command `E`: the event map types each command's ack on its
 * own, which a call generic over the command cannot name.
 */
interface CommandEmitter<E extends RoomCommandEvent> {
  emitWithAck(event: E, payload: PayloadOf<E>): Promise<Ack<object>>;
}

interface Room {
  meetingId: string;
  listener: RoomListener;
  /** The current socket has joined it (false again after a disconnect). */
  joined: boolean;
}

/** Failed attempts in a row after which the indicator says offline rather than reconnecting. */
const OFFLINE_AFTER_FAILURES = 3;
/** How long to wait before trying again when the server refused the connection for a reason of its own. */
const RETRY_AFTER_REFUSAL_MS = 10_000;
const ACK_TIMEOUT_MS = 10_000;
/**
 * A command that got no answer in time over a connection still up is sent again once, with the same
 * payload and so the same `commandId`.
 */
const COMMAND_ATTEMPTS = 2;
/** `time:sync` round trips per measurement; the fastest one is trusted. */
const CLOCK_SAMPLES = 5;

/** The socket events that change a meeting: never sent late. */
const commandEvent = /^(queue|poll):/;

/** Whether a packet in Socket.IO's send buffer carries a command (`data` is `[event, payload]`). */
function isCommandPacket(packet: { data?: unknown }): boolean {
  const event: unknown = Array.isArray(packet.data) ? packet.data[0] : undefined;
  return typeof event === 'string' && commandEvent.test(event);
}

/** The error of a refused acknowledgement, as the HTTP layer would have thrown it. */
const refused = (error: ApiErrorBody): ApiError =>
  new ApiError(error.code, error.message, error.details, httpStatusOf[error.code]);

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
  /** The meeting room a page is in (one at a time, as on the server). */
  #room: Room | null = null;
  /** Who hears the signed-in person's notifications (plain data: nothing renders from it). */
  #notificationListeners = new Set<NotificationListener>();

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
      // A command emitted as the connection failed sits in Socket.IO's buffer, to go out after the
      // reconnect; its sender has been told it failed (`#ask`), so it must not.
      socket.sendBuffer = socket.sendBuffer.filter((packet) => !isCommandPacket(packet));
      this.#leftRoom();
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
      const code = (error as Error & { data?: Partial<ApiErrorBody> }).data?.code;
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
    socket.on('queue:state', (view) => {
      if (this.#room?.meetingId === view.meetingId) this.#room.listener.onqueue(view);
    });
    socket.on('presence:state', (view) => {
      if (this.#room?.meetingId === view.meetingId) this.#room.listener.onpresence(view);
    });
    socket.on('poll:state', (view) => {
      if (this.#room?.meetingId === view.meetingId) this.#room.listener.onpoll?.(view);
    });
    socket.on('poll:result', (result) => {
      if (this.#room?.meetingId === result.meetingId) this.#room.listener.onpollresult?.(result);
    });
    socket.on('notification:new', (notification) => {
      for (const listener of this.#notificationListeners) listener.onnotification(notification);
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
    this.#leftRoom();
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

  /**
   * Tells `listener` of every notification the server sends to the signed-in person until the
   * returned function is called, and when it should fetch the list (on every connect).
   */
  listenNotifications(listener: NotificationListener): () => void {
    this.#notificationListeners.add(listener);
    return () => {
      this.#notificationListeners.delete(listener);
    };
  }

  /**
   * Enters a meeting's room for `listener` until the returned function is called; another call
   * leaves the room entered before. Safe before the connection is up: the join is sent once it is,
   * and again after every reconnect, each time followed by a clock measurement.
   */
  joinMeeting(meetingId: string, listener: RoomListener): () => void {
    const room: Room = { meetingId, listener, joined: false };
    this.#room = room;
    if (this.#socket?.connected) void this.#join(this.#socket, room);
    return () => {
      if (this.#room !== room) return;
      this.#room = null;
      if (this.#socket?.connected) this.#socket.emit('meeting:leave', {}, () => {});
    };
  }

  /**
   * Sends a queue command to the joined meeting and resolves with its answer. A refusal throws
   * `ApiError`. Without a connection in the room, or when it drops before the answer, it throws
   * `NetworkError` at once and nothing is sent later. No answer in time over a connection still up
   * is tried once more with the same payload: its `commandId` makes the server apply it only once.
   */
  command<E extends QueueCommandEvent>(event: E, payload: PayloadOf<E>): Promise<AnswerOf<E>> {
    return this.#emit(event, payload, COMMAND_ATTEMPTS);
  }

  /**
   * Sends a poll command to the joined meeting, like `command` but once: it carries no `commandId`,
   * so a second attempt could ask the same poll twice. After no answer (`NetworkError`), the
   * `poll:state` that follows says whether it was applied.
   */
  pollCommand<E extends PollCommandEvent>(event: E, payload: PayloadOf<E>): Promise<AnswerOf<E>> {
    return this.#emit(event, payload, 1);
  }

  /**
   * Says where someone takes part in the joined hybrid meeting (`presence:where`), like `command`:
   * saying the same twice changes nothing, so it may be tried again.
   */
  where(payload: PayloadOf<'presence:where'>): Promise<AnswerOf<'presence:where'>> {
    return this.#emit('presence:where', payload, COMMAND_ATTEMPTS);
  }

  async #emit<E extends RoomCommandEvent>(event: E, payload: PayloadOf<E>, attempts: number): Promise<AnswerOf<E>> {
    let lastFailure: unknown = new Error('not in the meeting room');
    for (let attempt = 0; attempt < attempts; attempt++) {
      const socket = this.#socket;
      // Only over a connection in the room: a command sent now goes out now, or not at all.
      if (!socket?.connected || !this.#room?.joined) break;
      let ack: Ack<object>;
      try {
        ack = await this.#ask(socket, event, payload);
      } catch (error) {
        lastFailure = error;
        continue;
      }
      if (!ack.ok) throw refused(ack.error);
      return ack as AnswerOf<E>;
    }
    throw new NetworkError(lastFailure);
  }

  /** Emits a command and waits for its answer; rejects as soon as the connection drops. */
  #ask<E extends RoomCommandEvent>(socket: YishiSocket, event: E, payload: PayloadOf<E>): Promise<Ack<object>> {
    return new Promise((resolve, reject) => {
      const lost = () => reject(new Error('the connection dropped before the answer'));
      socket.once('disconnect', lost);
      (socket.timeout(ACK_TIMEOUT_MS) as unknown as CommandEmitter<E>)
        .emitWithAck(event, payload)
        .then(resolve, reject)
        .finally(() => socket.off('disconnect', lost));
    });
  }

  /** Asks for the whole queue again (after a gap in versions); it arrives through `onqueue`. */
  async snapshot(): Promise<void> {
    const room = this.#room;
    const socket = this.#socket;
    if (!room?.joined || !socket?.connected) return;
    try {
      const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('queue:snapshot', {});
      if (ack.ok && this.#room === room) room.listener.onqueue(ack.queue);
    } catch {
      // No answer: the next change or reconnect brings the queue.
    }
  }

  async #join(socket: YishiSocket, room: Room): Promise<void> {
    let ack: Ack<MeetingJoined>;
    try {
      ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('meeting:join', { meetingId: room.meetingId });
    } catch (error) {
      if (this.#room === room) room.listener.onerror(new NetworkError(error));
      return;
    }
    if (this.#room !== room || this.#socket !== socket) return;
    if (!ack.ok) {
      room.listener.onerror(refused(ack.error));
      return;
    }
    const { ok: _ok, ...joined } = ack;
    room.joined = true;
    room.listener.onjoined(joined);
    const offset = await this.#measureClock(socket);
    if (offset !== null && this.#room === room) room.listener.onclock(offset);
  }

  /** This browser's offset from the server's clock, from a few `time:sync` round trips; null without an answer. */
  async #measureClock(socket: YishiSocket): Promise<number | null> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < CLOCK_SAMPLES && socket.connected; i++) {
      const sent = Date.now();
      try {
        const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('time:sync', {});
        if (ack.ok) samples.push({ sent, received: Date.now(), serverNow: ack.serverNow });
      } catch {
        break;
      }
    }
    return bestOffset(samples);
  }

  #connected(socket: YishiSocket): void {
    const reconnect = this.#wasConnected;
    this.#wasConnected = true;
    this.#failures = 0;
    this.#status = 'connected';
    if (this.#room) void this.#join(socket, this.#room);
    // Notifications are only pushed to a connected socket: whatever came before this connection
    // (or while it was down) is fetched.
    for (const listener of this.#notificationListeners) listener.onresync();
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

  /** The room a page is in is no longer joined: tell it, once. */
  #leftRoom(): void {
    const room = this.#room;
    if (!room?.joined) return;
    room.joined = false;
    room.listener.onlost?.();
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
