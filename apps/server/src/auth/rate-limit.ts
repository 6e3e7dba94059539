import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { DomainError } from '../errors.js';

/** 5 failures on one account in 15 minutes block that account for 15 minutes. */
const ACCOUNT = { keyPrefix: 'login_account', points: 5, duration: 15 * 60, blockDuration: 15 * 60 };
/** 50 failures from one address in an hour block the address for an hour. */
const ADDRESS = { keyPrefix: 'login_address', points: 50, duration: 60 * 60, blockDuration: 60 * 60 };

/**
 * Failed-login limits, per account and per address (rate-limiter-flexible): counted in this
 * process on one node, in Redis when several nodes must share the count.
 */
export class LoginLimiter {
  constructor(
    private readonly byAccount: RateLimiterAbstract,
    private readonly byAddress: RateLimiterAbstract,
  ) {}

  /** Throws RATE_LIMITED when either the account or the address is blocked. */
  async check(login: string, address: string): Promise<void> {
    const [account, addr] = await Promise.all([this.byAccount.get(login), this.byAddress.get(address)]);
    const blocked = [account, addr].filter(
      (res): res is RateLimiterRes => res !== null && res.remainingPoints <= 0 && res.msBeforeNext > 0,
    );
    if (blocked.length > 0) {
      throw tooMany(Math.max(...blocked.map((res) => res.msBeforeNext)));
    }
  }

  async failed(login: string, address: string): Promise<void> {
    // consume() rejects once the points are spent; the block it sets is what check() reads next time.
    await Promise.allSettled([this.byAccount.consume(login), this.byAddress.consume(address)]);
  }

  async succeeded(login: string): Promise<void> {
    await this.byAccount.delete(login);
  }
}

export function memoryLoginLimiter(): LoginLimiter {
  return new LoginLimiter(new RateLimiterMemory(ACCOUNT), new RateLimiterMemory(ADDRESS));
}

/** The same limits counted in Redis under `prefix`, so that every node sees every failure. */
export function redisLoginLimiter(client: RedisClientType, prefix: string): LoginLimiter {
  const over = (limits: typeof ACCOUNT) =>
    new RateLimiterRedis({
      ...limits,
      keyPrefix: `${prefix}:${limits.keyPrefix}`,
      storeClient: client,
      useRedisPackage: true,
    });
  return new LoginLimiter(over(ACCOUNT), over(ADDRESS));
}

function tooMany(msBeforeNext: number): DomainError {
  return new DomainError('RATE_LIMITED', 'Too many failed logins; try again later', {
    retryAfterSeconds: Math.ceil(msBeforeNext / 1000),
  });
}
