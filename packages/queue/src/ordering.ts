/**
 * Where a new entry goes, and why. Placement is computed once, when the entry is added: the queue
 * is never re-sorted, so an entry only moves when the chair moves it or someone ahead of it leaves.
 *
 * The rule: an entry ranks by
 *   1. its tier: point of order, then answer, then reply, then speech and question together;
 *   2. for speeches and questions, under `first_time_first`: first-time speakers before repeat ones;
 *   3. for speeches and questions, with `sectorBalance`: the side that has spoken less time so far;
 *   4. the order of requests: a new entry never passes one it ties with, so equals are served first
 *      come, first served (by arrival, not by `requestedAt`, so a server clock that steps back cannot
 *      reorder them).
 * Criteria 2 and 3 are read from the state at the moment of insertion, for the new entry and for
 * the entries it is compared with, so "has spoken less so far" means so far.
 *
 * The new entry goes immediately before the first waiting entry it ranks before, or last. Entries
 * moved by the chair are never compared (the chair's word replaces the rule), and because the new
 * entry lands immediately before a ranked entry, never after it, a moved entry keeps every entry
 * that was ahead of it: a later insertion passes a moved entry only if it also passes a ranked entry
 * that the chair left ahead of it.
 */
import type { Entry, PlaceReason, QueueState, SpeechKind, Turn } from './types.js';

/** An entry before its place is known. */
export type DraftEntry = Omit<Entry, 'reason'>;

/** Lower goes first. An answer comes before replies because the question it answers is already over. */
const tiers: Readonly<Record<SpeechKind, number>> = {
  point_of_order: 0,
  answer: 1,
  reply: 2,
  speech: 3,
  question: 3,
};

/** The tier whose entries follow the speech policy. */
const policyTier = 3;

type Rank = readonly [tier: number, repeat: number, balance: number];

/** The index of sector balance in a Rank: when it placed an entry, the entry says so. */
const balanceCriterion = 2;

/** Speeches and questions the person has finished: what makes them a repeat speaker. */
export function priorSpeeches(state: QueueState, userId: string): number {
  return state.spoken[userId]?.speeches ?? 0;
}

/**
 * The speaking time that sector balance compares: the sector's total; for someone without a sector,
 * their own total, as a sector of one (neither a free pass nor a penalty for officials).
 */
export function balanceOf(state: QueueState, turn: Pick<Turn, 'userId' | 'sector'>): number {
  if (turn.sector !== null) return state.sectorTotals[turn.sector] ?? 0;
  return state.spoken[turn.userId]?.totalMs ?? 0;
}

function rankOf(state: QueueState, entry: DraftEntry): Rank {
  const tier = tiers[entry.kind];
  if (tier !== policyTier) return [tier, 0, 0];
  const { speechPolicy, sectorBalance } = state.settings;
  const repeat = speechPolicy === 'first_time_first' && priorSpeeches(state, entry.userId) > 0 ? 1 : 0;
  return [tier, repeat, sectorBalance ? balanceOf(state, entry) : 0];
}

/** The criterion on which `a` ranks before `b`, or null when it does not (a tie keeps the earlier request first). */
function decidingCriterion(a: Rank, b: Rank): number | null {
  for (let i = 0; i < a.length; i += 1) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x < y ? i : null;
  }
  return null;
}

/** Why a speech or question sits where it does, given the criterion that placed it. */
function policyReason(state: QueueState, entry: DraftEntry, decidedBy: number | null): PlaceReason {
  if (decidedBy === balanceCriterion) return { code: 'sector_balance', sector: entry.sector };
  if (state.settings.speechPolicy === 'by_request_time') return { code: 'request_time' };
  const prior = priorSpeeches(state, entry.userId);
  return prior === 0 ? { code: 'first_speech' } : { code: 'repeat_speaker', count: prior + 1 };
}

/** The reason an entry shows, given the criterion that placed it (null: it went last). */
function reasonFor(state: QueueState, entry: DraftEntry, decidedBy: number | null): PlaceReason {
  switch (entry.kind) {
    case 'point_of_order':
      return { code: 'point_of_order' };
    case 'reply':
      return { code: 'reply_to', name: entry.replyTo?.displayName ?? '' };
    case 'answer':
      return { code: 'answer_to_question', name: entry.answerTo?.displayName ?? '' };
    case 'speech':
    case 'question':
      return policyReason(state, entry, decidedBy);
  }
}

/** The new entry, with its reason, and the waiting list with it in its place. */
export function place(state: QueueState, draft: DraftEntry): { entry: Entry; index: number; waiting: Entry[] } {
  const rank = rankOf(state, draft);
  let index = state.waiting.length;
  let decidedBy: number | null = null;
  for (const [i, other] of state.waiting.entries()) {
    if (other.reason.code === 'moved_by_chair') continue;
    decidedBy = decidingCriterion(rank, rankOf(state, other));
    if (decidedBy !== null) {
      index = i;
      break;
    }
  }
  const entry: Entry = { ...draft, reason: reasonFor(state, draft, decidedBy) };
  return { entry, index, waiting: [...state.waiting.slice(0, index), entry, ...state.waiting.slice(index)] };
}
