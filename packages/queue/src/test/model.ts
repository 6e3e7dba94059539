/**
 * An independent account of a queue, kept only from the events `apply` reports: the random test
 * replays every event into it and then compares it with the state `apply` answered. A client that
 * followed the events would therefore see the same list as the server.
 */
import { assert, expect } from 'vitest';
import { elapsedMs, isOverTime, isWarning, remainingMs } from '../timer.js';
import type { Entry, QueueEvent, QueueSettings, QueueState, SpeechKind } from '../types.js';

type Status = 'waiting' | 'current' | 'done';

interface Clock {
  entryId: string;
  userId: string;
  kind: SpeechKind;
  startedAt: number;
  pausedMs: number;
  pausedAt: number | null;
}

const tiers: Readonly<Record<SpeechKind, number>> = { point_of_order: 0, answer: 1, reply: 2, speech: 3, question: 3 };
const policyReasons = ['first_speech', 'repeat_speaker', 'sector_balance', 'request_time'];
const fixedReasons: Partial<Record<SpeechKind, string>> = {
  point_of_order: 'point_of_order',
  reply: 'reply_to',
  answer: 'answer_to_question',
};

export class Model {
  waiting: Entry[] = [];
  readonly status = new Map<string, Status>();
  clock: Clock | null = null;
  finishedMs = 0;
  finishedSectorMs = 0;
  /** Replies raised per speech, less those withdrawn or removed. */
  readonly replies = new Map<string, number>();
  /** Set by a finished question; the next event must be its answer slot. */
  private answerDue: string | null = null;
  /** Counts of what happened, so that the test can show it exercised everything. */
  readonly seen = new Map<string, number>();

  constructor(private readonly settings: QueueSettings) {}

  count(key: string): void {
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
  }

  /** Replays the events of one accepted command; `before` is the state it was applied to. */
  replay(events: QueueEvent[], before: QueueState): void {
    expect(events.length, 'every success reports what it did').toBeGreaterThan(0);
    for (const event of events) {
      if (this.answerDue !== null) {
        expect(event).toMatchObject({
          type: 'entry_added',
          entry: { kind: 'answer', answerTo: { entryId: this.answerDue } },
        });
        this.answerDue = null;
      }
      this.count(event.type);
      this.apply(event, before);
    }
    expect(this.answerDue, 'a finished question is followed by its answer slot').toBeNull();
  }

  private apply(event: QueueEvent, before: QueueState): void {
    switch (event.type) {
      case 'entry_added':
        return this.added(event.entry, event.index, before);
      case 'entry_removed':
        return this.removed(event.entry);
      case 'entry_moved':
        return this.moved(event.entryId, event.from, event.to);
      case 'speech_started':
        return this.started(event.current.entryId, event.current.startedAt);
      case 'speech_finished':
        return this.finished(event);
      case 'speech_paused':
        expect(this.clock?.pausedAt).toBeNull();
        this.clock = { ...this.clock!, pausedAt: event.at };
        return;
      case 'speech_resumed':
        this.clock = {
          ...this.clock!,
          pausedMs: this.clock!.pausedMs + event.at - this.clock!.pausedAt!,
          pausedAt: null,
        };
        expect(event.pausedMs).toBe(this.clock.pausedMs);
        return;
      case 'time_added':
      case 'queue_closed':
        return;
    }
  }

  private added(entry: Entry, index: number, before: QueueState): void {
    expect(this.status.has(entry.id), 'ids are never reused').toBe(false);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThanOrEqual(this.waiting.length);
    this.status.set(entry.id, 'waiting');
    this.waiting.splice(index, 0, entry);
    this.count(`added:${entry.kind}`);
    this.count(`reason:${entry.reason.code}`);
    this.checkPlace(entry, index);
    if (entry.kind === 'reply') {
      // A reply answers the speech that was on the floor when it was raised.
      expect(before.current).toMatchObject({ entryId: entry.replyTo?.entryId, kind: 'speech' });
      const raised = (this.replies.get(entry.replyTo!.entryId) ?? 0) + 1;
      expect(raised).toBeLessThanOrEqual(this.settings.maxRepliesPerSpeech);
      this.replies.set(entry.replyTo!.entryId, raised);
    }
  }

  /** Ranked entries ahead rank no lower; the entry lands right before a ranked entry, or last. */
  private checkPlace(entry: Entry, index: number): void {
    const ranked = (e: Entry): boolean => e.reason.code !== 'moved_by_chair';
    const tier = tiers[entry.kind];
    const ahead = this.waiting.slice(0, index).filter(ranked);
    assert(
      ahead.every((e) => tiers[e.kind] <= tier),
      `a ${entry.kind} placed behind ranked entries of no lower rank`,
    );
    // Entries of the same tier before the speech policy keep the order they came in.
    const behind = this.waiting.slice(index + 1).filter(ranked);
    assert(tier === 3 || behind.every((e) => tiers[e.kind] !== tier), `a ${entry.kind} queues behind its own kind`);
    const after = this.waiting[index + 1];
    assert(
      !after || (ranked(after) && tiers[after.kind] >= tier),
      `a ${entry.kind} placed right before one it outranks`,
    );
    const code = entry.reason.code;
    const fixed = fixedReasons[entry.kind];
    assert(fixed ? code === fixed : policyReasons.includes(code), `${code} explains a ${entry.kind}`);
    assert(this.settings.sectorBalance || code !== 'sector_balance', 'sector balance only when it is on');
    const byTime = this.settings.speechPolicy === 'by_request_time';
    assert(!byTime || (code !== 'first_speech' && code !== 'repeat_speaker'), 'no first-time rule by request time');
  }

  private removed(entry: Entry): void {
    expect(this.status.get(entry.id)).toBe('waiting');
    this.status.set(entry.id, 'done');
    this.waiting = this.waiting.filter((e) => e.id !== entry.id);
    const speech = entry.replyTo?.entryId;
    if (speech !== undefined && this.replies.has(speech)) this.replies.set(speech, this.replies.get(speech)! - 1);
  }

  private moved(entryId: string, from: number, to: number): void {
    const entry = this.waiting[from];
    expect(entry?.id).toBe(entryId);
    this.waiting.splice(from, 1);
    this.waiting.splice(to, 0, { ...entry!, reason: { code: 'moved_by_chair' } });
  }

  private started(entryId: string, startedAt: number): void {
    expect(this.clock, 'one speaker at a time: the floor is free before it is given').toBeNull();
    expect(this.status.get(entryId)).toBe('waiting');
    const entry = this.waiting.find((e) => e.id === entryId)!;
    this.status.set(entryId, 'current');
    this.waiting = this.waiting.filter((e) => e.id !== entryId);
    this.clock = { entryId, userId: entry.userId, kind: entry.kind, startedAt, pausedMs: 0, pausedAt: null };
    this.count(`granted:${entry.kind}`);
  }

  private finished(event: Extract<QueueEvent, { type: 'speech_finished' }>): void {
    const clock = this.clock;
    expect(clock?.entryId).toBe(event.entryId);
    expect(event).toMatchObject({ userId: clock!.userId, kind: clock!.kind, startedAt: clock!.startedAt });
    const running = clock!.pausedAt === null ? 0 : event.endedAt - clock!.pausedAt;
    const paused = clock!.pausedMs + running;
    expect(event.pausedMs).toBe(paused);
    expect(event.durationMs, 'durations exclude pauses').toBe(event.endedAt - event.startedAt - paused);
    expect(event.durationMs).toBeGreaterThanOrEqual(0);
    expect(event.overTime).toBe(event.durationMs > event.limitSeconds * 1000);
    this.status.set(event.entryId, 'done');
    this.clock = null;
    this.finishedMs += event.durationMs;
    if (event.sector !== null) this.finishedSectorMs += event.durationMs;
    this.count(`finished:${event.cause}`);
    if (event.overTime) this.count('overTime');
    if (paused > 0) this.count('finishedAfterPause');
    if (event.kind === 'question' && event.cause !== 'close') this.answerDue = event.entryId;
  }

  /** The state `apply` answered agrees with the replayed events, and the invariants hold. */
  check(state: QueueState, now: number): void {
    // Cheap checks first, and vitest's diff only on failure: this runs 60,000 times.
    if (JSON.stringify(state.waiting) !== JSON.stringify(this.waiting)) {
      expect(state.waiting, 'the events tell the whole list').toEqual(this.waiting);
    }
    assert(new Set(state.waiting.map((e) => e.id)).size === state.waiting.length, 'no entry twice');
    const statuses = [...this.status.values()];
    assert(statuses.filter((s) => s === 'waiting').length === state.waiting.length, 'no entry lost');
    const speakers = statuses.filter((s) => s === 'current').length;
    assert(speakers === (state.current ? 1 : 0), 'at most one speaker, and the one the events gave the floor');
    assert(state.current?.entryId === this.clock?.entryId, 'the speaker is the one the events gave the floor');
    this.checkWaiters(state);
    this.checkTotals(state);
    if (state.current) this.checkTimer(state, now);
  }

  private checkWaiters(state: QueueState): void {
    const seen = new Set<string>();
    for (const entry of state.waiting) {
      // One request per person and kind; one answer slot per question.
      const key = entry.kind === 'answer' ? `answer:${entry.answerTo?.entryId}` : `${entry.userId}:${entry.kind}`;
      assert(!seen.has(key), `${key} waits twice`);
      seen.add(key);
    }
  }

  private checkTotals(state: QueueState): void {
    const spoken = Object.values(state.spoken).reduce((sum, r) => sum + r.totalMs, 0);
    const sectors = Object.values(state.sectorTotals).reduce((sum, ms) => sum + ms, 0);
    assert(spoken === this.finishedMs, `people's totals ${spoken} = finished speeches ${this.finishedMs}`);
    assert(sectors === this.finishedSectorMs, `sector totals ${sectors} = sectored speeches ${this.finishedSectorMs}`);
    // Reply counts are kept only for the speech on the floor, and agree with the replayed events.
    const onFloor = state.current?.entryId;
    assert(
      Object.keys(state.repliesTo).every((id) => id === onFloor),
      'reply counts only for the speech on the floor',
    );
    if (onFloor !== undefined) {
      assert((state.repliesTo[onFloor] ?? 0) === (this.replies.get(onFloor) ?? 0), 'reply count as replayed');
    }
  }

  private checkTimer(state: QueueState, now: number): void {
    const current = state.current!;
    const elapsed = elapsedMs(current, now);
    assert(elapsed >= 0, 'time on the floor is never negative');
    assert(elapsed + remainingMs(current, now) === current.limitSeconds * 1000, 'elapsed + remaining = limit');
    assert(!(isWarning(current, now) && isOverTime(current, now)), 'no warning once over time');
    if (isWarning(current, now)) this.count('warning');
  }
}
