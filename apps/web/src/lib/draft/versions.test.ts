import { describe, expect, it } from 'vitest';
import { finalRound } from './versions';

describe('finalRound', () => {
  it('reads the round from the server’s name of a final version', () => {
    expect(finalRound('final (round 1)')).toBe(1);
    expect(finalRound('Final (Round 12)')).toBe(12);
  });

  it('is null for other names', () => {
    expect(finalRound('第一稿')).toBeNull();
    expect(finalRound('final')).toBeNull();
  });
});
