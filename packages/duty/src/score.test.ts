import { describe, expect, it } from 'vitest';
import { addDutyCredits, defaultDutyWeights, dutyScore, emptyDutyCounts, validateWeights } from './score.js';
import { expectRefused, value } from './test/fixtures.js';
import { DutyCountKeys } from './types.js';
import type { DutyCounts } from './types.js';

const counts = (some: Partial<DutyCounts>): DutyCounts => ({ ...emptyDutyCounts(), ...some });

describe('the weights', () => {
  it('have a default for every count, each within bounds', () => {
    expect(Object.keys(defaultDutyWeights).sort()).toEqual([...DutyCountKeys].sort());
    expect(value(validateWeights(defaultDutyWeights))).toEqual(defaultDutyWeights);
  });

  it('take the secretariat’s numbers, 0 to 100 with one decimal, and keep defaults for the rest', () => {
    const weights = value(validateWeights({ speeches: 2.5, opinionsInstructed: 100, research: 0 }));
    expect(weights).toEqual({ ...defaultDutyWeights, speeches: 2.5, opinionsInstructed: 100, research: 0 });
    expect(value(validateWeights({})).meetingsAttended).toBe(defaultDutyWeights.meetingsAttended);
    expect(value(validateWeights({ topics: 0.3 })).topics).toBe(0.3);
  });

  it('refuse unknown keys, and values that are not weights', () => {
    expectRefused({ meetings: 2 }, validateWeights, 'VALIDATION', 'unknown_weight');
    for (const bad of [-1, 100.1, 2.25, Number.NaN, Number.POSITIVE_INFINITY, '3', null, true, [3]]) {
      expectRefused({ speeches: bad }, validateWeights, 'VALIDATION', 'invalid_weight');
    }
    for (const notAnObject of [null, 3, 'weights', [1, 2]]) {
      expectRefused(notAnObject, validateWeights, 'VALIDATION', 'invalid_weight');
    }
    const outcome = validateWeights({ speeches: -1 });
    expect(outcome.ok ? null : outcome.error.field).toBe('speeches');
  });
});

describe('the score', () => {
  it('sums each count times its weight', () => {
    const record = counts({
      meetingsAttended: 10,
      speeches: 4,
      proposalsLead: 2,
      proposalsAccepted: 1,
      opinionsInstructed: 1,
    });
    expect(dutyScore(record, defaultDutyWeights)).toBe(10 * 2 + 4 * 3 + 2 * 5 + 5 + 10);
    expect(dutyScore(emptyDutyCounts(), defaultDutyWeights)).toBe(0);
  });

  it('keeps one exact decimal where floating point would drift', () => {
    const weights = { ...defaultDutyWeights, meetingsAttended: 0.1, speeches: 0.2 };
    expect(0.1 * 3 + 0.2 * 3).not.toBe(0.9);
    expect(dutyScore(counts({ meetingsAttended: 3, speeches: 3 }), weights)).toBe(0.9);
    expect(dutyScore(counts({ meetingsAttended: 7 }), { ...weights, meetingsAttended: 1.1 })).toBe(7.7);
  });

  it('refuses counts that are not whole and non-negative', () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => dutyScore(counts({ speeches: bad }), defaultDutyWeights)).toThrow(RangeError);
    }
  });
});

describe('credits', () => {
  it('add up a member’s own items only', () => {
    const credits = [
      { userId: 'u-1', count: 'proposalsLead' },
      { userId: 'u-2', count: 'proposalsCosigned' },
      { userId: 'u-1', count: 'proposalsLead' },
      { userId: 'u-1', count: 'opinionsAdopted' },
    ] as const;
    const start = counts({ meetingsAttended: 4 });
    expect(addDutyCredits(start, credits, 'u-1')).toEqual(
      counts({ meetingsAttended: 4, proposalsLead: 2, opinionsAdopted: 1 }),
    );
    expect(start).toEqual(counts({ meetingsAttended: 4 }));
  });
});
