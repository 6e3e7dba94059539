import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * How many bytes of changes each writer may have stored per minute, per document, on this node: a
 * writer who inserts and deletes a large text over and over grows the store (and the work of every
 * compaction) while the document itself stays small. The document's size limit cannot see that;
 * this budget can. Counted in rate-limiter-flexible's memory limiter, one key per user and document.
 */
export class WriteBudget {
  private readonly limiter: RateLimiterMemory | undefined;

  constructor(bytesPerMinute: number) {
    this.limiter = bytesPerMinute > 0 ? new RateLimiterMemory({ points: bytesPerMinute, duration: 60 }) : undefined;
  }

  /** Spends `bytes` of the user's budget on the document; false when it is spent (nothing is taken then). */
  async spend(userId: string, docName: string, bytes: number): Promise<boolean> {
    if (!this.limiter) return true;
    const key = `${userId} ${docName}`;
    try {
      await this.limiter.consume(key, bytes);
      return true;
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      // consume() counted the refused bytes too; give them back, so that a writer who waits gets in.
      await this.limiter.reward(key, bytes);
      return false;
    }
  }
}
