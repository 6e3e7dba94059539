import { mayRunPolls, mayVote } from '@yishi/polls';
import type {
  MeetingPolls,
  PollCreatePayload,
  PollResultEvent,
  PollStatus,
  PollView,
  QueueRole,
} from '@yishi/protocol';
import { api } from '../api';
import { UserError } from '../errors';
import { realtime } from '../realtime/realtime.svelte';
import {
  closedPolls,
  mergePoll,
  mergeResult,
  openPoll,
  projectedPoll,
  type PollAction,
  type RoomPoll,
} from '../room/polls';

const enc = encodeURIComponent;

/** The last poll action that failed, and why. */
export interface PollFailure {
  action: PollAction;
  error: unknown;
}

/** A poll that opened or closed while this screen watched (what a screen reader is told). */
export interface PollNews {
  pollId: string;
  status: 'open' | 'closed';
}

/** What the polls need to know of the room they are in. */
export interface PollsHost {
  /** The signed-in person's role in the room. */
  readonly role: QueueRole;
  /** The meeting is open: polls are asked and voted on only then. */
  readonly open: boolean;
  /** In the room over a live connection: a command given now is sent now. */
  readonly live: boolean;
}

/**
 * The straw polls of one meeting's room, as the server last sent them, with the signed-in person's
 * own ballots. The server decides everything: the methods send a command, and what is shown
 * changes when `poll:state` arrives (or the ack, for my own ballot).
 */
export class RoomPolls {
  readonly #meetingId: string;
  readonly #host: PollsHost;

  #polls = $state.raw<RoomPoll[]>([]);
  #pending = $state<PollAction | null>(null);
  #failure = $state.raw<PollFailure | null>(null);
  #news = $state.raw<PollNews | null>(null);
  #loadRequest = 0;
  /** The polls have been fetched once. */
  #loaded = false;
  /** Bumped by each ballot of mine, so that a list fetched before it does not undo it. */
  #ballotsCast = 0;

  #active = $derived(openPoll(this.#polls));
  #closed = $derived(closedPolls(this.#polls));
  #drafts = $derived(this.#polls.filter((p) => p.poll.status === 'draft'));

  constructor(meetingId: string, host: PollsHost) {
    this.#meetingId = meetingId;
    this.#host = host;
  }

  /** Every poll of the meeting, oldest first. */
  get all(): RoomPoll[] {
    return this.#polls;
  }
  /** The poll open for ballots, if any (one at a time). */
  get active(): RoomPoll | null {
    return this.#active;
  }
  /** The closed polls, the last closed first. */
  get closed(): RoomPoll[] {
    return this.#closed;
  }
  /** Polls asked but not opened yet. */
  get drafts(): RoomPoll[] {
    return this.#drafts;
  }
  /** The chair or the secretariat of an open meeting: asks, opens and closes polls. */
  get runs(): boolean {
    return this.#host.open && mayRunPolls(this.#host.role);
  }
  /** A participant (member or official) of an open meeting: votes. */
  get votes(): boolean {
    return this.#host.open && mayVote(this.#host.role);
  }
  get pending(): PollAction | null {
    return this.#pending;
  }
  /** In the room over a live connection: poll commands are refused, in sight, while it is not. */
  get live(): boolean {
    return this.#host.live;
  }
  get failure(): PollFailure | null {
    return this.#failure;
  }
  /** The last poll to open or close since this screen entered the room (not what it found there). */
  get news(): PollNews | null {
    return this.#news;
  }

  /** What the hall's screen shows, given when the turn on the floor began (null: nobody speaks). */
  projected(turnStartedAt: number | null): RoomPoll | null {
    return projectedPoll(this.#polls, turnStartedAt);
  }

  /** Fetches every poll and my ballots (on entering the room, and again after each reconnect). */
  async load(): Promise<void> {
    const request = ++this.#loadRequest;
    const ballotsBefore = this.#ballotsCast;
    let listed: MeetingPolls['polls'];
    try {
      ({ polls: listed } = await api.get<MeetingPolls>(`/api/meetings/${enc(this.#meetingId)}/polls`));
    } catch {
      // The events keep the polls on screen up to date; the next join fetches them again.
      return;
    }
    if (request !== this.#loadRequest) return;
    const keepMine = ballotsBefore !== this.#ballotsCast;
    for (const { myChoices, ...view } of listed) {
      const before = this.#statusOf(view.poll.id);
      this.#polls = mergePoll(this.#polls, view);
      if (!keepMine) this.#polls = this.#polls.map((p) => (p.poll.id === view.poll.id ? { ...p, myChoices } : p));
      // What this screen finds on entering is no news; what changed while it was away is.
      if (this.#loaded) this.#noteChange(view.poll.id, before);
    }
    this.#loaded = true;
  }

  /** A `poll:state` of this meeting (or the view in an ack of mine). */
  receive(view: PollView): void {
    const before = this.#statusOf(view.poll.id);
    this.#polls = mergePoll(this.#polls, view);
    this.#noteChange(view.poll.id, before);
  }

  /** A `poll:result` of this meeting. */
  receiveResult(result: PollResultEvent): void {
    const before = this.#statusOf(result.pollId);
    const merged = mergeResult(this.#polls, result);
    if (!merged) {
      void this.load();
      return;
    }
    this.#polls = merged;
    this.#noteChange(result.pollId, before);
  }

  /** Asks a new poll (a draft until it is opened); resolves with its id, or null if refused. */
  async create(payload: PollCreatePayload): Promise<string | null> {
    const answer = await this.#send('create', () => realtime.pollCommand('poll:create', payload));
    if (!answer) return null;
    this.receive(answer.poll);
    return answer.poll.poll.id;
  }

  async open(pollId: string): Promise<boolean> {
    const answer = await this.#send('open', () => realtime.pollCommand('poll:open', { pollId }));
    if (answer) this.receive(answer.poll);
    return answer !== null;
  }

  /** Casts my ballot, replacing my last one until the poll closes. */
  async vote(pollId: string, choices: number[]): Promise<boolean> {
    const answer = await this.#send('vote', () => realtime.pollCommand('poll:vote', { pollId, choices }));
    if (!answer) return false;
    this.#ballotsCast += 1;
    this.#polls = this.#polls.map((p) => (p.poll.id === pollId ? { ...p, myChoices: answer.choices } : p));
    return true;
  }

  async close(pollId: string): Promise<boolean> {
    return (await this.#send('close', () => realtime.pollCommand('poll:close', { pollId }))) !== null;
  }

  dismissFailure(): void {
    this.#failure = null;
  }

  #statusOf(pollId: string): PollStatus | undefined {
    return this.#polls.find((p) => p.poll.id === pollId)?.poll.status;
  }

  /** Remembers a poll that has just opened or closed, as news for the screen reader. */
  #noteChange(pollId: string, before: PollStatus | undefined): void {
    const now = this.#statusOf(pollId);
    if (now !== before && (now === 'open' || now === 'closed')) this.#news = { pollId, status: now };
  }

  /**
   * One action at a time: a double click must not ask the same poll twice. Offline, the command is
   * refused at once with words that say so: a ballot or a close sent minutes later could count
   * against a poll that has moved on.
   */
  async #send<T>(action: PollAction, command: () => Promise<T>): Promise<T | null> {
    if (this.#pending) return null;
    if (!this.#host.live) {
      this.#failure = { action, error: new UserError('room.offline.refused') };
      return null;
    }
    this.#pending = action;
    this.#failure = null;
    try {
      return await command();
    } catch (error) {
      this.#failure = { action, error };
      return null;
    } finally {
      this.#pending = null;
    }
  }
}
