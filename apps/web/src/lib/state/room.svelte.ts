import { commandRules, type RaisableKind } from '@yishi/queue';
import type {
  AgendaItemView,
  Current,
  Entry,
  MeetingJoined,
  ParticipantView,
  PresenceParticipant,
  QueueRole,
  QueueSettings,
  QueueTotals,
  QueueView,
  Site,
  Speech,
  TopicDetail,
} from '@yishi/protocol';
import { api, NetworkError } from '../api';
import { UserError } from '../errors';
import { realtime, type ConnectionStatus, type PayloadOf, type QueueCommandEvent } from '../realtime/realtime.svelte';
import { newCommandId } from '../room/commandId';
import { basisOf, staleness, type HeldCommand, type QueueAction, type Staleness } from '../room/held';
import { clockState, phaseOf, versionStep, type ClockPhase, type ClockState } from '../room/queue';
import { roster, type RosterGroup } from '../room/roster';
import { finishedTurns, liveTotals } from '../room/totals';
import { RoomPolls } from './polls.svelte';
import { session } from './session.svelte';

const enc = encodeURIComponent;

/** How often the clock on screen moves: often enough that every screen turns the second together. */
const TICK_MS = 200;

/** The meeting as the room shows it. */
export type RoomMeeting = MeetingJoined['meeting'];

/** What a user can ask of the room; a failure is reported under this name. */
export type RoomAction =
  'raise' | 'withdraw' | 'grant' | 'next' | 'move' | 'remove' | 'finish' | 'pause' | 'resume' | 'extend' | 'close';

/** The last action that failed, and why. */
export interface RoomFailure {
  action: RoomAction;
  error: unknown;
}

/** A command given offline that was not sent when the room came back, and why. */
export interface DroppedCommand {
  command: HeldCommand;
  why: Staleness;
}

/**
 * The room's link to the server: `live` (in the room), `rejoining` (connected, entering the room
 * again), `reconnecting` (the connection dropped, trying again) or `offline` (the server cannot be
 * reached, or the browser is offline).
 */
export type RoomConnection = 'live' | 'rejoining' | 'reconnecting' | 'offline';

/** What a command given offline carries until it is sent or dropped. */
interface Held {
  command: HeldCommand;
  send: () => Promise<unknown>;
}

const connectionOf: Record<ConnectionStatus, Exclude<RoomConnection, 'live'>> = {
  idle: 'offline',
  connecting: 'reconnecting',
  connected: 'rejoining',
  reconnecting: 'reconnecting',
  offline: 'offline',
};

const noTotals: QueueTotals = { people: [], sectors: [] };

/**
 * One meeting's live room: the queue, presence and agenda as the server last sent them, the speech
 * log, and a clock corrected to the server's, so that this screen shows the same countdown as every
 * other. The server decides everything; the methods only send commands, and what is shown changes
 * when the server's answer (`queue:state`) arrives.
 */
export class MeetingRoom {
  readonly id: string;
  /** The meeting's straw polls, asked, voted on and closed in this room. */
  readonly polls: RoomPolls;

  #meeting = $state.raw<RoomMeeting | null>(null);
  #role = $state<QueueRole>('observer');
  #queue = $state.raw<QueueView | null>(null);
  #presence = $state.raw<PresenceParticipant[]>([]);
  #agenda = $state.raw<AgendaItemView[]>([]);
  #participants = $state.raw<ParticipantView[]>([]);
  #speeches = $state.raw<Speech[]>([]);
  #joinError = $state.raw<unknown>(null);
  /** The server's clock minus this browser's. */
  #offset = $state(0);
  #clockMeasured = false;
  /** This browser's clock, moved by the one timer of the room. */
  #localNow = $state(Date.now());
  #pending = $state<RoomAction | null>(null);
  #failure = $state.raw<RoomFailure | null>(null);
  /** In the room over a live connection: commands go out now. */
  #live = $state(false);
  #held = $state.raw<Held | null>(null);
  #dropped = $state.raw<DroppedCommand | null>(null);
  #logRequest = 0;

  #now = $derived(this.#localNow + this.#offset);
  #current = $derived(this.#queue?.current ?? null);
  #clock = $derived(this.#current ? clockState(this.#current, this.#now) : null);
  #phase = $derived(phaseOf(this.#clock));
  #totals = $derived(this.#queue ? liveTotals(this.#queue.totals, this.#current, this.#now) : noTotals);
  #roster = $derived(roster(this.#presence, this.#participants));
  #open = $derived(this.#meeting?.status === 'open' && !this.#queue?.closed);

  constructor(id: string) {
    this.id = id;
    this.polls = new RoomPolls(id, this);
  }

  get meeting(): RoomMeeting | null {
    return this.#meeting;
  }
  /** Why the room could not be entered (shown instead of it). */
  get joinError(): unknown {
    return this.#joinError;
  }
  get role(): QueueRole {
    return this.#role;
  }
  get queue(): QueueView | null {
    return this.#queue;
  }
  get current(): Current | null {
    return this.#current;
  }
  get waiting(): Entry[] {
    return this.#queue?.waiting ?? [];
  }
  /** The time limits and ordering rules of the queue, as the server last sent them. */
  get settings(): QueueSettings | null {
    return this.#queue?.settings ?? null;
  }
  /** The server's time now, as this browser's clock corrected by the measured offset (epoch ms). */
  get now(): number {
    return this.#now;
  }
  /** The speaking clock of the turn on the floor; null when nobody speaks. */
  get clock(): ClockState | null {
    return this.#clock;
  }
  get phase(): ClockPhase {
    return this.#phase;
  }
  /** Speaking totals with the turn on the floor counted up to now. */
  get totals(): QueueTotals {
    return this.#totals;
  }
  get roster(): RosterGroup[] {
    return this.#roster;
  }
  get agenda(): AgendaItemView[] {
    return this.#agenda;
  }
  /** The agenda item under way, if any. */
  get activeAgendaItem(): AgendaItemView | null {
    return this.#agenda.find((item) => item.status === 'active') ?? null;
  }
  /** The topic's officials: the people a question can be put to. */
  get officials(): ParticipantView[] {
    return this.#participants.filter((p) => p.role === 'official');
  }
  get speeches(): Speech[] {
    return this.#speeches;
  }
  /** The meeting is open and its queue takes commands. */
  get open(): boolean {
    return this.#open;
  }
  get closed(): boolean {
    return this.#meeting?.status === 'ended' || this.#queue?.closed === true;
  }
  /** The action waiting for the server's answer; the controls wait too. */
  get pending(): RoomAction | null {
    return this.#pending;
  }
  get failure(): RoomFailure | null {
    return this.#failure;
  }
  /** A command is on its way or held for the connection: the controls wait (one at a time). */
  get busy(): boolean {
    return this.#pending !== null || this.#held !== null;
  }
  /** In the room over a live connection: a command given now is sent now. */
  get live(): boolean {
    return this.#live;
  }
  /** The room's link to the server, for the banner that says it is down. */
  get connection(): RoomConnection {
    return this.#live ? 'live' : connectionOf[realtime.status];
  }
  /**
   * The command given while offline, waiting in sight for the connection; it is sent when the room
   * is back only if it still means the same (`staleness`), and can be cancelled until then.
   */
  get held(): HeldCommand | null {
    return this.#held?.command ?? null;
  }
  /** The held command that was not sent when the room came back, and why. */
  get dropped(): DroppedCommand | null {
    return this.#dropped;
  }

  /** The chair or the secretariat: they run the meeting (and may close it). */
  get runner(): boolean {
    return commandRules.close.roles.includes(this.#role);
  }
  /** A runner of an open meeting: gives the floor and runs the clock. */
  get runsRoom(): boolean {
    return this.#open && this.runner;
  }
  get mayRaise(): boolean {
    return this.#open && commandRules.raise.roles.includes(this.#role);
  }
  /** Runners end any turn; a speaker ends their own. */
  get mayFinish(): boolean {
    return this.#open && this.#current !== null && (this.runsRoom || this.#current.userId === this.#me());
  }
  /** The signed-in person's own waiting requests, with their place (1 = next). */
  get mine(): { entry: Entry; position: number }[] {
    const me = this.#me();
    return this.waiting.flatMap((entry, i) => (entry.userId === me ? [{ entry, position: i + 1 }] : []));
  }
  isMe(userId: string): boolean {
    return userId === this.#me();
  }
  /** A hybrid meeting: each person says whether they are in the hall or remote. */
  get hybrid(): boolean {
    return this.#meeting?.mode === 'hybrid';
  }
  /** Where the signed-in person takes part, as the room last said; null until said (hybrid). */
  get myWhere(): Site | null {
    const me = this.#me();
    return this.#presence.find((p) => p.userId === me)?.where ?? null;
  }
  /**
   * Says where someone takes part in a hybrid meeting: oneself, or (chair, secretariat) someone in
   * the room. What is shown changes when the server's `presence:state` arrives; a refusal throws.
   */
  async setWhere(where: Site, userId?: string): Promise<void> {
    await realtime.where(userId && !this.isMe(userId) ? { where, userId } : { where });
  }

  /**
   * Enters the room and starts the clock; the returned function leaves. After a reconnect the
   * connection joins again by itself and this room takes the fresh state and clock offset.
   */
  start(): () => void {
    const timer = setInterval(() => (this.#localNow = Date.now()), TICK_MS);
    const leave = realtime.joinMeeting(this.id, {
      onjoined: (joined) => this.#joined(joined),
      onqueue: (view) => this.#receive(view),
      onpresence: (view) => (this.#presence = view.participants),
      onpoll: (view) => this.polls.receive(view),
      onpollresult: (result) => this.polls.receiveResult(result),
      onclock: (offset) => {
        this.#offset = offset;
        this.#clockMeasured = true;
      },
      onlost: () => (this.#live = false),
      onerror: (error) => {
        if (!this.#meeting) this.#joinError = error;
      },
    });
    return () => {
      clearInterval(timer);
      this.#live = false;
      this.#held = null;
      leave();
    };
  }

  /** Fetches the meeting and its speech log again (after a turn ended, or the meeting opened). */
  async refreshLog(): Promise<void> {
    const request = ++this.#logRequest;
    try {
      const { meeting, speeches } = await api.get<{ meeting: Omit<RoomMeeting, 'topicTitle'>; speeches: Speech[] }>(
        `/api/meetings/${enc(this.id)}`,
      );
      if (request !== this.#logRequest) return;
      this.#speeches = speeches;
      if (this.#meeting) this.#meeting = { ...this.#meeting, ...meeting };
    } catch {
      // The log on screen stays; the next finished turn fetches it again.
    }
  }

  /**
   * The queue commands: each resolves true once the server has applied it, false if it was refused
   * (see `failure`), another is under way, or the room is offline (see `held`).
   */
  raise(kind: RaisableKind, questionTo?: string): Promise<boolean> {
    const payload = kind === 'question' ? { kind, questionTo } : { kind };
    return this.#send('raise', 'queue:raise', payload, { detail: kind });
  }
  withdraw(entryId: string): Promise<boolean> {
    return this.#send('withdraw', 'queue:withdraw', { entryId }, { entryId });
  }
  grant(entryId: string): Promise<boolean> {
    return this.#send('grant', 'queue:grant', { entryId }, { entryId });
  }
  next(): Promise<boolean> {
    return this.#send('next', 'queue:next', {});
  }
  /** Puts a waiting request at `index` (0 = next). */
  move(entryId: string, index: number): Promise<boolean> {
    return this.#send('move', 'queue:move', { entryId, index }, { entryId, detail: index });
  }
  remove(entryId: string): Promise<boolean> {
    return this.#send('remove', 'queue:remove', { entryId }, { entryId });
  }
  finish(): Promise<boolean> {
    return this.#send('finish', 'queue:finish', {});
  }
  pause(): Promise<boolean> {
    return this.#send('pause', 'queue:pause', {});
  }
  resume(): Promise<boolean> {
    return this.#send('resume', 'queue:resume', {});
  }
  extend(seconds: number): Promise<boolean> {
    return this.#send('extend', 'queue:extend', { seconds }, { detail: seconds });
  }

  /** Takes back the command held for the connection: it is never sent. */
  cancelHeld(): void {
    this.#held = null;
  }

  dismissDropped(): void {
    this.#dropped = null;
  }

  /** Ends the meeting (chair or secretariat); its queue closes with it. */
  async closeMeeting(): Promise<boolean> {
    if (this.#pending) return false;
    this.#pending = 'close';
    this.#failure = null;
    try {
      const { meeting } = await api.post<{ meeting: Omit<RoomMeeting, 'topicTitle'> }>(
        `/api/meetings/${enc(this.id)}/close`,
      );
      if (this.#meeting) this.#meeting = { ...this.#meeting, ...meeting };
      return true;
    } catch (error) {
      this.#failure = { action: 'close', error };
      return false;
    } finally {
      this.#pending = null;
    }
  }

  dismissFailure(): void {
    this.#failure = null;
  }

  /**
   * One user action: a fresh command id, kept for the retry should the first attempt get no answer.
   * Offline, the command is held in sight instead (`held`), with what it depends on in the queue.
   */
  async #send<E extends QueueCommandEvent>(
    action: QueueAction,
    event: E,
    payload: Omit<PayloadOf<E>, 'commandId'>,
    about: { entryId?: string; detail?: number | string } = {},
  ): Promise<boolean> {
    // One action at a time: a double click on "next" must not skip a speaker.
    if (this.busy) return false;
    const full = { ...payload, commandId: newCommandId() } as PayloadOf<E>;
    const send = () => realtime.command(event, full);
    this.#failure = null;
    this.#dropped = null;
    if (this.#live) return this.#dispatch(action, send);
    if (!this.#queue) return false;
    const entry = about.entryId ? this.waiting.find((e) => e.id === about.entryId) : undefined;
    const name = entry?.displayName ?? (about.entryId ? null : (this.#current?.displayName ?? null));
    const basis = basisOf(this.#queue, about.entryId);
    this.#held = { command: { action, madeAt: Date.now(), basis, name, detail: about.detail ?? null }, send };
    return false;
  }

  async #dispatch(action: RoomAction, send: () => Promise<unknown>): Promise<boolean> {
    this.#pending = action;
    try {
      await send();
      return true;
    } catch (error) {
      // The connection dropped before the answer: whether it was done shows in the queue once back.
      this.#failure = {
        action,
        error: error instanceof NetworkError ? new UserError('room.errors.unanswered') : error,
      };
      return false;
    } finally {
      this.#pending = null;
    }
  }

  /** Back in the room: the held command goes out if it still means the same, else it is dropped in sight. */
  #release(): void {
    const held = this.#held;
    if (!held || !this.#queue) return;
    this.#held = null;
    const why = staleness(held.command, this.#queue, Date.now());
    if (why) this.#dropped = { command: held.command, why };
    else void this.#dispatch(held.command.action, held.send);
  }

  #joined(joined: MeetingJoined): void {
    this.#meeting = joined.meeting;
    this.#role = joined.role;
    this.#agenda = joined.agenda;
    this.#presence = joined.presence.participants;
    this.#joinError = null;
    // Until the clock is measured, the queue's own timestamp is a fair first guess.
    if (!this.#clockMeasured) this.#offset = joined.queue.serverNow - Date.now();
    if (versionStep(this.#queue?.version ?? null, joined.queue.version) !== 'stale') this.#take(joined.queue);
    this.#live = true;
    this.#release();
    // Changes made while this screen was away: the log, the polls, and the participants (who may
    // question whom).
    void this.refreshLog();
    void this.polls.load();
    void this.#loadParticipants(joined.meeting.topicId);
  }

  #receive(view: QueueView): void {
    const step = versionStep(this.#queue?.version ?? null, view.version);
    if (step === 'stale') return;
    this.#take(view);
    if (step === 'gap') void realtime.snapshot();
  }

  #take(view: QueueView): void {
    const before = this.#queue;
    this.#queue = view;
    if (before && finishedTurns(view.totals) !== finishedTurns(before.totals)) void this.refreshLog();
    if (view.closed && this.#meeting?.status === 'open') void this.refreshLog();
  }

  async #loadParticipants(topicId: string): Promise<void> {
    try {
      const { topic } = await api.get<{ topic: TopicDetail }>(`/api/topics/${enc(topicId)}`);
      this.#participants = topic.participants;
    } catch {
      // Without them the room still works; questions wait until the next join.
    }
  }

  #me(): string | undefined {
    return session.user?.id;
  }
}
