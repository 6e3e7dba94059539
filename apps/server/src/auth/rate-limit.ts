import type { IRateLimiterOptions, RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { DomainError } from '../errors.js';

/** One way of counting failed logins: the failures it lets through, then the growing wait. */
interface Rule {
  keyPrefix: string;
  /** Failures that cost no wait, within the window that starts at the first one. */
  free: number;
  windowSeconds: number;
}

/** One account from one address: the owner mistyping, or someone guessing from one place. */
const PAIR: Rule = { keyPrefix: 'login_pair', free: 5, windowSeconds: 24 * 3600 };
/** One account from every address it was not signed in from lately: many machines guessing one account. */
const ACCOUNT: Rule = { keyPrefix: 'login_account', free: 20, windowSeconds: 24 * 3600 };
/** One address on every account not signed in from there lately: one machine trying many accounts. */
const ADDRESS: Rule = { keyPrefix: 'login_address', free: 100, windowSeconds: 3600 };

/** The longest wait between two attempts. */
export const MAX_WAIT_SECONDS = 15 * 60;
/**
 * How long a sign-in vouches for its address, and how long an unlock is remembered. Under 24.8 days:
 * the memory store keeps each key with a timer, and Node's timers end at 2³¹ ms.
 */
const REMEMBER_SECONDS = 14 * 24 * 3600;

/** The wait, in seconds, that the `extra`-th failure past the free ones starts: 1, 2, 4, … up to 15 minutes. */
export function waitAfter(extra: number): number {
  return Math.min(2 ** Math.max(extra - 1, 0), MAX_WAIT_SECONDS);
}

/** Builds one counter of a rule, in memory or in Redis. */
export type LimiterFactory = (options: IRateLimiterOptions & { keyPrefix: string }) => RateLimiterAbstract;

/** A counter of failures, and the gate that holds the next attempt back while it waits. */
interface Count {
  rule: Rule;
  failures: RateLimiterAbstract;
  gate: RateLimiterAbstract;
}

/** The attempt `LoginLimiter.attempt` let through: tell it when the password was right. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
  /** This attempt used up the free failures of one of its counts: the next one from there waits. */
  readonly slowsNext: boolean;
}

/**
 * Failed logins slow down further attempts; they never lock an account (docs/architecture.md).
 *
 * Every attempt is counted before the password is checked (so that a burst of parallel guesses
 * is counted too) and given back when it succeeds. Counts:
 * - account + address: 5 free failures in 24 h, then each attempt waits 1 s, 2 s, 4 s, … (at
 *   most 15 minutes) after the previous one;
 * - account, from addresses it was not signed in from in the last 14 days: 20 free in 24 h, then
 *   the same waits, for those addresses only;
 * - address, on accounts not signed in from there in the last 14 days: 100 free in an hour, then
 *   the same waits.
 * So someone guessing elsewhere never slows the owner at an address they signed in from lately,
 * and an office behind one address is slowed only on its own new accounts. An administrator's
 * `unlock` starts the account's counts afresh. The counts live in this process on one node and
 * in Redis when several nodes share them (rate-limiter-flexible).
 */
export class LoginLimiter {
  private readonly pair: Count;
  private readonly account: Count;
  private readonly address: Count;
  /** Account + address pairs that signed in lately. */
  private readonly trusted: RateLimiterAbstract;
  /** How many times each account was unlocked lately: part of its keys, so that an unlock starts new counts. */
  private readonly unlocks: RateLimiterAbstract;

  constructor(make: LimiterFactory) {
    const count = (rule: Rule): Count => ({
      rule,
      failures: make({ keyPrefix: rule.keyPrefix, points: Number.MAX_SAFE_INTEGER, duration: rule.windowSeconds }),
      gate: make({ keyPrefix: `${rule.keyPrefix}_wait`, points: 1, duration: 1 }),
    });
    this.pair = count(PAIR);
    this.account = count(ACCOUNT);
    this.address = count(ADDRESS);
    const remembered = { points: Number.MAX_SAFE_INTEGER, duration: REMEMBER_SECONDS };
    this.trusted = make({ keyPrefix: 'login_trusted', ...remembered });
    this.unlocks = make({ keyPrefix: 'login_unlocks', ...remembered });
  }

  /**
   * Counts an attempt to sign in as `login` from `address`; throws RATE_LIMITED (with
   * `retryAfterSeconds`) when it must wait, and then counts nothing.
   */
  async attempt(login: string, address: string): Promise<LoginAttempt> {
    const [unlocked, trusted] = await Promise.all([this.unlocks.get(login), this.trusted.get(pairOf(login, address))]);
    const generation = unlocked?.consumedPoints ?? 0;
    const pairKey = `${generation}|${pairOf(login, address)}`;
    const shared: [Count, string][] =
      trusted === null
        ? [
            [this.account, `${generation}|${login}`],
            [this.address, address],
          ]
        : [];
    const counted: [Count, string][] = [[this.pair, pairKey], ...shared];

    const failures = await Promise.all(counted.map(([count, key]) => count.failures.consume(key)));
    const held: [Count, string][] = [];
    const waits: number[] = [];
    await Promise.all(
      counted.map(async ([count, key], i) => {
        // The attempt that reaches the free failures holds the next one back: 1 s, then 2 s, …
        const extra = (failures[i]?.consumedPoints ?? 0) - count.rule.free + 1;
        if (extra < 1) return;
        try {
          await count.gate.consume(key, 1, { customDuration: waitAfter(extra) });
          held.push([count, key]);
        } catch (refused) {
          if (!(refused instanceof RateLimiterRes)) throw refused;
          waits.push(refused.msBeforeNext);
        }
      }),
    );
    if (waits.length > 0) {
      // An attempt turned away costs nothing: its counts are given back and the waits it started lifted.
      await Promise.all([
        ...counted.map(([count, key]) => count.failures.reward(key)),
        ...held.map(([count, key]) => count.gate.delete(key)),
      ]);
      throw tooMany(Math.max(...waits));
    }
    return {
      succeeded: () => this.succeeded(pairOf(login, address), pairKey, shared),
      slowsNext: held.length > 0,
    };
  }

  /** Starts the counts of `login` afresh, from every address: an administrator's unlock. */
  async unlock(login: string): Promise<void> {
    await this.unlocks.consume(login);
  }

  /** The pair starts afresh and is trusted from now on; the shared counts get their attempt back. */
  private async succeeded(pair: string, pairKey: string, shared: [Count, string][]): Promise<void> {
    await Promise.all([
      this.pair.failures.delete(pairKey),
      this.pair.gate.delete(pairKey),
      ...shared.map(([count, key]) => count.failures.reward(key)),
      this.trusted.set(pair, 1, REMEMBER_SECONDS),
    ]);
  }
}

/** Logins hold no `|` (loginSchema), so that the pair's key is unambiguous. */
const pairOf = (login: string, address: string) => `${login}|${address}`;

export function memoryLoginLimiter(): LoginLimiter {
  return new LoginLimiter((options) => new RateLimiterMemory(options));
}

/** The same counts in Redis under `prefix`, so that every node sees every attempt. */
export function redisLoginLimiter(client: RedisClientType, prefix: string): LoginLimiter {
  return new LoginLimiter(
    (options) =>
      new RateLimiterRedis({
        ...options,
        keyPrefix: `${prefix}:${options.keyPrefix}`,
        storeClient: client,
        useRedisPackage: true,
      }),
  );
}

function tooMany(msBeforeNext: number): DomainError {
  return new DomainError('RATE_LIMITED', 'Too many failed logins; try again later', {
    retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
  });
}
