/**
 * Which stored updates of a document a node has applied, by sequence number. Updates arrive out of
 * order (two nodes append at once), and one can be missing for good: a node that stored an update
 * and died before relaying it. A gap that stays is filled from the store.
 */
export class AppliedSequence {
  private readonly ahead = new Set<number>();

  /** `contiguous`: every update up to it is applied (what the document was loaded with). */
  constructor(private upTo: number) {}

  /** Every update up to this number is applied. */
  get contiguous(): number {
    return this.upTo;
  }

  /** Whether an update above `contiguous` was applied while one below it was not. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** Records one applied update. */
  applied(seq: number): void {
    if (seq <= this.upTo) return;
    this.ahead.add(seq);
    while (this.ahead.delete(this.upTo + 1)) this.upTo += 1;
  }

  /**
   * Records that everything stored up to `seq` was read from the store and applied (a compacted row
   * carries every update up to its number, so single numbers below it never show up again).
   */
  caughtUp(seq: number): void {
    if (seq <= this.upTo) return;
    this.upTo = seq;
    for (const n of this.ahead) if (n <= seq) this.ahead.delete(n);
    while (this.ahead.delete(this.upTo + 1)) this.upTo += 1;
  }
}
