import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../errors.js';
import { MAX_WAIT_SECONDS, memoryLoginLimiter, waitAfter, type LoginLimiter } from './rate-limit.js';

/** The limiter on the memory store, whose clock vitest moves: each wait is waited for without sleeping. */
let limiter: LoginLimiter;
beforeEach(() => {
  vi.useFakeTimers();
  limiter = memoryLoginLimiter();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Seconds to wait before the next attempt, or 0 when it is let through (and fails). */
async function fail(login: string, address: string): Promise<number> {
  try {
    await limiter.attempt(login, address);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'RATE_LIMITED') throw error;
    return (error.details as { retryAfterSeconds: number }).retryAfterSeconds;
  }
}

async function failTimes(login: string, address: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) expect(await fail(login, address)).toBe(0);
}

async function succeed(login: string, address: string): Promise<void> {
  await (await limiter.attempt(login, address)).succeeded();
}

describe('the waits', () => {
  it('double from one second and stop at fifteen minutes', () => {
    expect([1, 2, 3, 4, 5, 10, 11, 12, 50].map(waitAfter)).toEqual([1, 2, 4, 8, 16, 512, 900, 900, 900]);
    expect(MAX_WAIT_SECONDS).toBe(900);
  });
});

describe('one account from one address', () => {
  it('lets five failures through, then makes each attempt wait twice as long as the one before', async () => {
    await failTimes('chair', '10.0.0.66', 5);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wait = await fail('chair', '10.0.0.66');
      waits.push(wait);
      vi.advanceTimersByTime(wait * 1000);
      expect(await fail('chair', '10.0.0.66')).toBe(0);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });

  it('does not make the wait longer for attempts refused while waiting', async () => {
    await failTimes('chair', '10.0.0.66', 5);
    for (let i = 0; i < 20; i++) expect(await fail('chair', '10.0.0.66')).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(await fail('chair', '10.0.0.66')).toBe(0);
    expect(await fail('chair', '10.0.0.66')).toBe(2);
  });

  it('starts afresh after a right password, and a day after the first failure', async () => {
    await failTimes('chair', '10.0.0.1', 4);
    await succeed('chair', '10.0.0.1');
    await failTimes('chair', '10.0.0.1', 5);
    expect(await fail('chair', '10.0.0.1')).toBe(1);
    vi.advanceTimersByTime(24 * 3600 * 1000);
    await failTimes('chair', '10.0.0.1', 5);
  });
});

describe('the owner and the others', () => {
  it('never slows the owner at an address they signed in from because of guesses elsewhere', async () => {
    await succeed('chair', '10.0.0.1');
    for (let i = 1; i <= 40; i++) await fail('chair', `10.1.0.${i}`);
    expect(await fail('chair', '10.1.0.99')).toBeGreaterThan(0);
    expect(await fail('chair', '10.0.0.1')).toBe(0);
    await succeed('chair', '10.0.0.1');
  });

  it('slows many addresses on one account after twenty failures in all', async () => {
    for (let i = 1; i <= 20; i++) expect(await fail('chair', `10.1.0.${i}`)).toBe(0);
    expect(await fail('chair', '10.1.0.21')).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(await fail('chair', '10.1.0.22')).toBe(0);
    expect(await fail('chair', '10.1.0.23')).toBe(2);
  });

  it('slows one address trying many accounts after a hundred failures, except on accounts it signed in to', async () => {
    await succeed('zhang', '10.0.0.9');
    for (let i = 0; i < 100; i++) expect(await fail(`guess${i}`, '10.0.0.9')).toBe(0);
    expect(await fail('guess100', '10.0.0.9')).toBe(1);
    await succeed('zhang', '10.0.0.9');
    vi.advanceTimersByTime(3600 * 1000);
    expect(await fail('guess101', '10.0.0.9')).toBe(0);
  });

  it('gives back what a right password counted, so that an office signing in does not slow itself', async () => {
    for (let i = 0; i < 150; i++) await succeed(`member${i}`, '10.0.0.9');
    expect(await fail('newcomer', '10.0.0.9')).toBe(0);
  });
});

describe('an unlock', () => {
  it('lets the account in at once from every address, and its counts start afresh', async () => {
    await failTimes('chair', '10.0.0.5', 5);
    for (const wait of [1, 2, 4]) {
      expect(await fail('chair', '10.0.0.5')).toBe(wait);
      vi.advanceTimersByTime(wait * 1000);
      expect(await fail('chair', '10.0.0.5')).toBe(0);
    }
    for (let i = 1; i <= 20; i++) await fail('chair', `10.1.0.${i}`);
    expect(await fail('chair', '10.0.0.5')).toBe(8);
    expect(await fail('chair', '10.1.0.99')).toBeGreaterThan(0);

    await limiter.unlock('chair');
    await failTimes('chair', '10.0.0.5', 5);
    await succeed('chair', '10.1.0.99');
  });

  it('leaves other accounts as they were', async () => {
    await failTimes('member1', '10.0.0.5', 5);
    await limiter.unlock('chair');
    expect(await fail('member1', '10.0.0.5')).toBe(1);
  });
});
