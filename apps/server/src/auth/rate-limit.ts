import type { RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { DomainError } from '../errors.js';

/**
 * Failed-login limits, per account and per address (rate-limiter-flexible, whose Redis store the
 * scale-out issue can swap in): 5 failures on one account in 15 minutes block that account for 15
 * minutes; 50 failures from one address in an hour block the address for an hour.
 */
export class LoginLimiter {
  private readonly byAccount = new RateLimiterMemory({
    keyPrefix: 'login_account',
    points: 5,
    duration: 15 * 60,
    blockDuration: 15 * 60,
  });
  private readonly byAddress = new RateLimiterMemory({
    keyPrefix: 'login_address',
    points: 50,
    duration: 60 * 60,
    blockDuration: 60 * 60,
  });

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

function tooMany(msBeforeNext: number): DomainError {
  return new DomainError('RATE_LIMITED', 'Too many failed logins; try again later', {
    retryAfterSeconds: Math.ceil(msBeforeNext / 1000),
  });
}
