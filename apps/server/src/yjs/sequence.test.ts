import { describe, expect, it } from 'vitest';
import { AppliedSequence } from './sequence.js';

describe('the applied sequence of a document', () => {
  it('advances over updates applied in order and out of order', () => {
    const seq = new AppliedSequence(4);
    seq.applied(5);
    expect([seq.contiguous, seq.hasGap]).toEqual([5, false]);
    seq.applied(7);
    seq.applied(8);
    expect([seq.contiguous, seq.hasGap]).toEqual([5, true]);
    seq.applied(6);
    expect([seq.contiguous, seq.hasGap]).toEqual([8, false]);
    seq.applied(3);
    expect(seq.contiguous).toBe(8);
  });

  it('closes a gap left by an update that never came, once read from the store', () => {
    const seq = new AppliedSequence(10);
    seq.applied(12);
    seq.applied(14);
    expect([seq.contiguous, seq.hasGap]).toEqual([10, true]);
    // The store held 11–13 (13 perhaps a compacted row): everything up to 13 is now applied.
    seq.caughtUp(13);
    expect([seq.contiguous, seq.hasGap]).toEqual([14, false]);
    seq.caughtUp(9);
    expect(seq.contiguous).toBe(14);
  });
});
