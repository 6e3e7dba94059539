import { describe, expect, it } from 'vitest';
import { bestOffset, formatClock, offsetOf, wholeSeconds } from './clock';

describe('offsetOf', () => {
  it('takes the server time to be read half-way through the round trip', () => {
    expect(offsetOf({ sent: 1000, received: 1100, serverNow: 6050 })).toBe(5000);
    expect(offsetOf({ sent: 1000, received: 1000, serverNow: 400 })).toBe(-600);
  });
});

describe('bestOffset', () => {
  it('trusts the sample with the shortest round trip', () => {
    const samples = [
      { sent: 0, received: 400, serverNow: 5300 }, // slow: offset 5100
      { sent: 1000, received: 1020, serverNow: 6010 }, // fast: offset 5000
      { sent: 2000, received: 2100, serverNow: 7000 }, // offset 4950
    ];
    expect(bestOffset(samples)).toBe(5000);
  });

  it('answers null without samples, and skips impossible ones (the clock went back)', () => {
    expect(bestOffset([])).toBeNull();
    expect(bestOffset([{ sent: 10, received: 5, serverNow: 0 }])).toBeNull();
  });

  it('rounds to whole milliseconds', () => {
    expect(bestOffset([{ sent: 0, received: 1, serverNow: 10 }])).toBe(10);
  });
});

describe('wholeSeconds', () => {
  it('rounds down, so it is negative as soon as the limit has passed', () => {
    expect(wholeSeconds(180_000)).toBe(180);
    expect(wholeSeconds(179_999)).toBe(179);
    expect(wholeSeconds(999)).toBe(0);
    expect(wholeSeconds(0)).toBe(0);
    expect(Object.is(wholeSeconds(-0), 0)).toBe(true);
    expect(wholeSeconds(-1)).toBe(-1);
    expect(wholeSeconds(-1000)).toBe(-1);
    expect(wholeSeconds(-1001)).toBe(-2);
  });
});

describe('formatClock', () => {
  it.each([
    [180, '03:00'],
    [65, '01:05'],
    [9, '00:09'],
    [0, '00:00'],
    [-1, '-00:01'],
    [-65, '-01:05'],
    [6000, '100:00'],
  ])('shows %d s as %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});
