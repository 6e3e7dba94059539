/**
 * Straw polls as the room and the projector show them: how a newer copy of a poll replaces an
 * older one, which poll is in front, the words of the options and the rows of the result's chart.
 * Pure: it names messages, the components translate them.
 */
import { POLL_LIMITS, type ErrorCode, type PollKind, type PollResult, type PollView } from '@yishi/protocol';
import type { MessageKey } from '../i18n/i18n.svelte';
import type { Wording } from './policy';

/** A poll as the room keeps it: the server's view, and the signed-in person's own ballot. */
export interface RoomPoll extends PollView {
  /** The option indexes of my last ballot; null before I vote (and after a secret poll closes). */
  myChoices: number[] | null;
}

/** What a user can do with polls; a refusal is worded by the action and the error's code. */
export type PollAction = 'create' | 'open' | 'vote' | 'close';

/**
 * The words for a refused poll action, by the error's code: the server's CONFLICT, FORBIDDEN and
 * VALIDATION each mean something particular here (packages/polls/src/rules.ts).
 */
export const pollErrorKeys: Record<PollAction, Partial<Record<ErrorCode, MessageKey>>> = {
  // The only conflict when asking: the meeting is not (or no longer) open.
  create: {
    CONFLICT: 'polls.errors.notInMeeting',
    FORBIDDEN: 'polls.errors.forbidden',
    VALIDATION: 'polls.errors.createInvalid',
  },
  open: { CONFLICT: 'polls.errors.openConflict', FORBIDDEN: 'polls.errors.forbidden' },
  vote: {
    CONFLICT: 'polls.errors.voteClosed',
    FORBIDDEN: 'polls.errors.voteForbidden',
    VALIDATION: 'polls.errors.voteInvalid',
  },
  close: { CONFLICT: 'polls.errors.closeConflict', FORBIDDEN: 'polls.errors.forbidden' },
};

/** An option's words: a message for the fixed yes / no / abstain, the chair's own words otherwise. */
export type OptionLabel = { key: MessageKey } | { text: string };

/** The words of option `index` of a poll. */
export function optionLabel(poll: { kind: PollKind; options: readonly string[] }, index: number): OptionLabel {
  const option = poll.options[index] ?? '';
  if (poll.kind !== 'yes_no_abstain') return { text: option };
  if (option === 'yes' || option === 'no' || option === 'abstain') return { key: `polls.answers.${option}` };
  return { text: option };
}

const statusRank = { draft: 0, open: 1, closed: 2 } as const;

/**
 * Whether `incoming` may replace `known`. A poll only moves forward (draft, open, closed) and, while
 * it is open, its count of ballots only grows: a copy fetched before the latest event arrived loses.
 */
export function isFresher(incoming: PollView, known: PollView | undefined): boolean {
  if (!known) return true;
  const step = statusRank[incoming.poll.status] - statusRank[known.poll.status];
  if (step !== 0) return step > 0;
  if (incoming.poll.status === 'closed') return incoming.result !== null || known.result === null;
  return incoming.ballots >= known.ballots;
}

/** The polls with `incoming` taken in where it is fresher, oldest first. */
export function mergePoll(polls: readonly RoomPoll[], incoming: PollView): RoomPoll[] {
  const known = polls.find((p) => p.poll.id === incoming.poll.id);
  if (known && !isFresher(incoming, known)) return [...polls];
  const taken: RoomPoll = { ...incoming, myChoices: known?.myChoices ?? null };
  const rest = polls.filter((p) => p.poll.id !== incoming.poll.id);
  return [...rest, taken].sort((a, b) => a.poll.createdAt.localeCompare(b.poll.createdAt));
}

/**
 * The polls with a `poll:result` taken in; null when the poll is not among them (the list is then
 * out of date and must be fetched again).
 */
export function mergeResult(polls: readonly RoomPoll[], result: PollResult): RoomPoll[] | null {
  const known = polls.find((p) => p.poll.id === result.pollId);
  if (!known) return null;
  const closed: RoomPoll = {
    ...known,
    poll: known.poll.status === 'closed' ? known.poll : { ...known.poll, status: 'closed' },
    ballots: result.ballots,
    result,
  };
  return polls.map((p) => (p === known ? closed : p));
}

/** The poll open for ballots (one at a time in a meeting). */
export function openPoll(polls: readonly RoomPoll[]): RoomPoll | null {
  return polls.find((p) => p.poll.status === 'open') ?? null;
}

/** The closed polls, the last closed first. */
export function closedPolls(polls: readonly RoomPoll[]): RoomPoll[] {
  return polls
    .filter((p) => p.poll.status === 'closed')
    .sort((a, b) => (b.poll.closedAt ?? '').localeCompare(a.poll.closedAt ?? ''));
}

/**
 * What the hall's screen shows: the open poll, else the last closed one until someone is given the
 * floor after its close (`turnStartedAt`: when the turn on the floor began, epoch ms; null when
 * nobody speaks).
 */
export function projectedPoll(polls: readonly RoomPoll[], turnStartedAt: number | null): RoomPoll | null {
  const open = openPoll(polls);
  if (open) return open;
  const last = closedPolls(polls)[0];
  if (!last?.poll.closedAt) return null;
  if (turnStartedAt !== null && turnStartedAt > Date.parse(last.poll.closedAt)) return null;
  return last;
}

/** One option in the result's chart. */
export interface ChartRow {
  index: number;
  label: OptionLabel;
  count: number;
  /** The share of the voters who chose it, 0–1 (in a multiple-choice poll the shares add up past 1). */
  share: number;
  /** It has the most votes (with any that tie with it), and at least one. */
  leading: boolean;
  /** Who chose it, for a named poll; empty for a secret one. */
  voters: string[];
}

/** The rows of a closed poll's chart, in the order of its options. */
export function chartRows(poll: { kind: PollKind; options: readonly string[] }, result: PollResult): ChartRow[] {
  const top = Math.max(0, ...result.tally);
  return poll.options.map((_, index) => {
    const count = result.tally[index] ?? 0;
    return {
      index,
      label: optionLabel(poll, index),
      count,
      share: result.ballots > 0 ? count / result.ballots : 0,
      leading: count > 0 && count === top,
      voters: (result.voters ?? []).filter((v) => v.choices.includes(index)).map((v) => v.displayName),
    };
  });
}

/**
 * A ballot with option `index` turned on or off: a single-choice or yes / no / abstain poll takes
 * one option (the new one), a multiple-choice poll any number, kept in the options' order.
 */
export function toggleChoice(kind: PollKind, chosen: readonly number[], index: number, on: boolean): number[] {
  if (kind !== 'multiple') return on ? [index] : chosen.filter((c) => c !== index);
  const rest = chosen.filter((c) => c !== index);
  return (on ? [...rest, index] : rest).sort((a, b) => a - b);
}

/** Whether two ballots choose the same options. */
export function sameChoices(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  const sorted = (c: readonly number[]) => [...c].sort((x, y) => x - y).join();
  return sorted(a) === sorted(b);
}

/** A ballot the server will take: one option for a single choice, at least one for multiple. */
export function ballotReady(kind: PollKind, chosen: readonly number[]): boolean {
  return kind === 'multiple' ? chosen.length > 0 : chosen.length === 1;
}

/** A poll being written by the chair, before it is sent. */
export interface PollDraft {
  question: string;
  kind: PollKind;
  /** The options typed so far (ignored for yes / no / abstain). */
  options: readonly string[];
}

/** What is wrong with a poll before it is sent, as the rules of packages/polls would say it; null if nothing. */
export function draftProblem(draft: PollDraft): Wording | null {
  const question = draft.question.trim();
  if (question.length === 0) return { key: 'polls.ask.problems.question' };
  if (question.length > POLL_LIMITS.question) {
    return { key: 'polls.ask.problems.questionLong', vars: { length: POLL_LIMITS.question } };
  }
  if (draft.kind === 'yes_no_abstain') return null;
  const options = draft.options.map((o) => o.trim());
  if (options.length < POLL_LIMITS.minOptions || options.length > POLL_LIMITS.maxOptions) {
    return { key: 'polls.ask.problems.count', vars: { min: POLL_LIMITS.minOptions, max: POLL_LIMITS.maxOptions } };
  }
  if (options.some((o) => o.length === 0)) return { key: 'polls.ask.problems.emptyOption' };
  if (options.some((o) => o.length > POLL_LIMITS.option)) {
    return { key: 'polls.ask.problems.optionLong', vars: { length: POLL_LIMITS.option } };
  }
  if (new Set(options).size !== options.length) return { key: 'polls.ask.problems.sameOption' };
  return null;
}

/** A share as a percentage in the reader's language, e.g. "67%", "67 %". */
export function formatShare(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Several words as one list in the reader's language: "赞成和弃权", "Yes and Abstain". */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
