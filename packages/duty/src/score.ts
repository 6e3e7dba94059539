/** The duty record's score (履职档案): counts of what a member did, weighted as the secretariat sets. */
import { fail, invalid, ok } from './outcome.js';
import { DUTY_WEIGHT_MAX, DutyCountKeys } from './types.js';
import type { DutyCountKey, DutyCounts, DutyCredit, DutyOutcome, DutyWeights } from './types.js';

/**
 * The weights an organisation starts with. Turning up is the baseline (a meeting 2, a topic taken
 * part in 2); speaking and research are work done beyond turning up (3 each). A proposal is the
 * members' main written duty (lead author 5), endorsing one is less work than writing it
 * (co-signed 2), and acceptance rewards its quality on top (5). An opinion report is shorter than a
 * proposal (2), adoption counts as acceptance does (5), and a leader's instruction is the rarest and
 * most telling sign that a report mattered (10).
 */
export const defaultDutyWeights: Readonly<DutyWeights> = {
  meetingsAttended: 2,
  speeches: 3,
  topics: 2,
  research: 3,
  proposalsLead: 5,
  proposalsCosigned: 2,
  proposalsAccepted: 5,
  opinionsSubmitted: 2,
  opinionsAdopted: 5,
  opinionsInstructed: 10,
};

/** A weight in tenths, exactly, or undefined when it has more than one decimal place. */
function tenths(weight: number): number | undefined {
  const scaled = Math.round(weight * 10);
  return Math.abs(weight * 10 - scaled) < 1e-9 ? scaled : undefined;
}

const isWeight = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  value >= 0 &&
  value <= DUTY_WEIGHT_MAX &&
  tenths(value) !== undefined;

/**
 * The weights the secretariat asked for, checked: each a number from 0 to 100 with at most one
 * decimal place, and no key the record does not count. A key left out keeps its default, so that
 * weights stored before a count was added still read.
 */
export function validateWeights(input: unknown): DutyOutcome<DutyWeights> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail(invalid('invalid_weight', 'The weights are an object of numbers', 'weights'));
  }
  const weights: DutyWeights = { ...defaultDutyWeights };
  for (const [key, value] of Object.entries(input)) {
    if (!(DutyCountKeys as readonly string[]).includes(key)) {
      return fail(invalid('unknown_weight', `The duty record counts no ${key}`, key));
    }
    if (!isWeight(value)) {
      return fail(invalid('invalid_weight', `A weight is 0 to ${DUTY_WEIGHT_MAX}, with one decimal at most`, key));
    }
    weights[key as DutyCountKey] = value;
  }
  return ok(weights);
}

/**
 * The score: each count times its weight, summed, with one decimal. Weights are counted in tenths
 * and counts are whole, so the sum is exact and `0.1 + 0.2` never shows as `0.30000000000000004`.
 */
export function dutyScore(counts: DutyCounts, weights: DutyWeights): number {
  let total = 0;
  for (const key of DutyCountKeys) {
    const count = counts[key];
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`${key} is not a count: ${count}`);
    total += count * Math.round(weights[key] * 10);
  }
  return total / 10;
}

export function emptyDutyCounts(): DutyCounts {
  return Object.fromEntries(DutyCountKeys.map((key) => [key, 0])) as DutyCounts;
}

/** `counts` with the credits of `userId` among `credits` added, as the server sums a member's record. */
export function addDutyCredits(counts: DutyCounts, credits: readonly DutyCredit[], userId: string): DutyCounts {
  const sum = { ...counts };
  for (const credit of credits) if (credit.userId === userId) sum[credit.count] += 1;
  return sum;
}
