import { describe, expect, it } from 'vitest';
import { WARNING_MS, elapsedMs, isOverTime, isWarning, pausedTotalMs, remainingMs } from './timer.js';
import type { Current } from './types.js';
import { Room, T0, chair, zhang } from './test/fixtures.js';

const s = 1000;

const onFloor = (over: Partial<Current> = {}): Current => ({
  entryId: 'e1',
  userId: zhang.userId,
  displayName: zhang.displayName,
  sector: zhang.sector,
  kind: 'speech',
  startedAt: T0,
  limitSeconds: 180,
  pausedAt: null,
  pausedMs: 0,
  ...over,
});

describe('the speaking clock', () => {
  it('counts from the start and down from the limit', () => {
    const current = onFloor();
    expect(elapsedMs(current, T0)).toBe(0);
    expect(remainingMs(current, T0)).toBe(180 * s);
    expect(elapsedMs(current, T0 + 100 * s)).toBe(100 * s);
    expect(remainingMs(current, T0 + 100 * s)).toBe(80 * s);
  });

  it('never counts below zero when the reader’s clock is behind the start', () => {
    expect(elapsedMs(onFloor(), T0 - 5 * s)).toBe(0);
    expect(remainingMs(onFloor(), T0 - 5 * s)).toBe(180 * s);
  });

  it('warns in the last 30 seconds, up to and including the limit, and not before', () => {
    const current = onFloor();
    expect(WARNING_MS).toBe(30 * s);
    expect(isWarning(current, T0 + 149 * s)).toBe(false);
    expect(isWarning(current, T0 + 150 * s)).toBe(true);
    expect(isWarning(current, T0 + 180 * s)).toBe(true);
    expect(isOverTime(current, T0 + 180 * s)).toBe(false);
  });

  it('is over time strictly past the limit, with negative time left, and stops warning', () => {
    const current = onFloor();
    expect(isOverTime(current, T0 + 180 * s + 1)).toBe(true);
    expect(isWarning(current, T0 + 180 * s + 1)).toBe(false);
    expect(remainingMs(current, T0 + 200 * s)).toBe(-20 * s);
  });

  it('stands still while paused and leaves out the paused time afterwards', () => {
    const paused = onFloor({ pausedAt: T0 + 60 * s, pausedMs: 10 * s });
    expect(elapsedMs(paused, T0 + 60 * s)).toBe(50 * s);
    expect(elapsedMs(paused, T0 + 500 * s)).toBe(50 * s);
    expect(pausedTotalMs(paused, T0 + 90 * s)).toBe(40 * s);
    expect(isOverTime(paused, T0 + 10_000 * s)).toBe(false);
    const resumed = onFloor({ pausedMs: 40 * s });
    expect(elapsedMs(resumed, T0 + 100 * s)).toBe(60 * s);
    expect(pausedTotalMs(resumed, T0 + 100 * s)).toBe(40 * s);
  });
});

describe('pause, resume and addTime on the floor', () => {
  it('keep every client’s countdown in step with the server', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    room.wait(100).run(chair, { type: 'pause' });
    expect(room.state.current).toMatchObject({ pausedAt: room.now, pausedMs: 0 });
    room.wait(45);
    expect(elapsedMs(room.state.current!, room.now)).toBe(100 * s);
    room.run(chair, { type: 'resume' });
    expect(room.state.current).toMatchObject({ pausedAt: null, pausedMs: 45 * s });
    room.wait(60);
    expect(remainingMs(room.state.current!, room.now)).toBe(20 * s);
    expect(isWarning(room.state.current!, room.now)).toBe(true);
    room.run(chair, { type: 'addTime', seconds: 60 });
    expect(room.state.current?.limitSeconds).toBe(240);
    expect(remainingMs(room.state.current!, room.now)).toBe(80 * s);
    expect(isWarning(room.state.current!, room.now)).toBe(false);
    room.wait(81);
    expect(isOverTime(room.state.current!, room.now)).toBe(true);
  });

  it('report what changed', () => {
    const room = new Room();
    const entry = room.raise(zhang, 'speech');
    room.grant(entry);
    expect(room.wait(5).run(chair, { type: 'pause' })).toEqual([
      { type: 'speech_paused', entryId: entry.id, at: room.now, by: chair.userId },
    ]);
    expect(room.wait(7).run(chair, { type: 'resume' })).toEqual([
      { type: 'speech_resumed', entryId: entry.id, at: room.now, pausedMs: 7 * s, by: chair.userId },
    ]);
    expect(room.run(chair, { type: 'addTime', seconds: 30 })).toEqual([
      { type: 'time_added', entryId: entry.id, seconds: 30, limitSeconds: 210, by: chair.userId },
    ]);
  });

  it('add up several pauses, and a finish while paused leaves the running pause out', () => {
    const room = new Room();
    room.grant(room.raise(zhang, 'speech'));
    room.wait(10).run(chair, { type: 'pause' });
    room.wait(20).run(chair, { type: 'resume' });
    room.wait(10).run(chair, { type: 'pause' });
    room.wait(30);
    const [finished] = room.run(chair, { type: 'finish' });
    expect(finished).toMatchObject({ type: 'speech_finished', durationMs: 20 * s, pausedMs: 50 * s });
  });
});
