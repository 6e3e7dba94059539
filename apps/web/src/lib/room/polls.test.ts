import type { Poll, PollResult, PollView } from '@yishi/protocol';
import { describe, expect, it } from 'vitest';
import { messagesEn, messagesZhCN } from '../i18n/messages/index.js';
import {
  ballotReady,
  chartRows,
  closedPolls,
  draftProblem,
  formatList,
  formatShare,
  isFresher,
  mergePoll,
  mergeResult,
  optionLabel,
  pollErrorKeys,
  projectedPoll,
  sameChoices,
  toggleChoice,
  type RoomPoll,
} from './polls';

const poll = (over: Partial<Poll> = {}): Poll => ({
  id: 'p1',
  meetingId: 'm1',
  question: '是否赞成？',
  options: ['yes', 'no', 'abstain'],
  kind: 'yes_no_abstain',
  secret: true,
  status: 'open',
  createdBy: 'chair',
  createdAt: '2025-03-01T09:00:00.000Z',
  openedAt: '2025-03-01T09:01:00.000Z',
  closedAt: null,
  ...over,
});

const view = (over: Partial<Poll> = {}, ballots = 0, result: PollResult | null = null): PollView => ({
  meetingId: 'm1',
  poll: poll(over),
  ballots,
  result,
});

const kept = (v: PollView, myChoices: number[] | null = null): RoomPoll => ({ ...v, myChoices });

/** The message a key names, in one language's messages, or undefined. */
function lookup(messages: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('optionLabel', () => {
  it('words yes / no / abstain in the reader’s language, and keeps the chair’s own options', () => {
    expect([0, 1, 2].map((i) => optionLabel(poll(), i))).toEqual([
      { key: 'polls.answers.yes' },
      { key: 'polls.answers.no' },
      { key: 'polls.answers.abstain' },
    ]);
    expect(optionLabel(poll({ kind: 'single', options: ['市政协', 'yes'] }), 1)).toEqual({ text: 'yes' });
    for (const key of ['polls.answers.yes', 'polls.answers.no', 'polls.answers.abstain']) {
      expect(lookup(messagesZhCN, key)).toEqual(expect.any(String));
      expect(lookup(messagesEn, key)).toEqual(expect.any(String));
    }
    expect(lookup(messagesZhCN, 'polls.answers.abstain')).toBe('弃权');
  });
});

describe('isFresher and mergePoll', () => {
  it('lets a poll only move forward, and its count only grow while it is open', () => {
    expect(isFresher(view({ status: 'open' }), view({ status: 'draft' }))).toBe(true);
    expect(isFresher(view({ status: 'draft' }), view({ status: 'open' }))).toBe(false);
    expect(isFresher(view({}, 2), view({}, 3))).toBe(false);
    expect(isFresher(view({}, 3), view({}, 3))).toBe(true);
    const result = { pollId: 'p1', tally: [1, 0, 0], ballots: 1 };
    expect(isFresher(view({ status: 'open' }, 5), view({ status: 'closed' }, 1, result))).toBe(false);
    expect(isFresher(view({ status: 'closed' }), view({ status: 'closed' }, 1, result))).toBe(false);
  });

  it('keeps my ballot across newer copies, and the polls in the order they were asked', () => {
    const first = kept(view({ id: 'a', createdAt: '2025-03-01T09:00:00Z' }, 1), [2]);
    const merged = mergePoll([first], view({ id: 'a', createdAt: '2025-03-01T09:00:00Z' }, 2));
    expect(merged).toEqual([{ ...view({ id: 'a', createdAt: '2025-03-01T09:00:00Z' }, 2), myChoices: [2] }]);
    const second = mergePoll(merged, view({ id: 'b', createdAt: '2025-03-01T08:00:00Z', status: 'draft' }));
    expect(second.map((p) => p.poll.id)).toEqual(['b', 'a']);
    // A stale copy changes nothing.
    expect(mergePoll(second, view({ id: 'a', createdAt: '2025-03-01T09:00:00Z' }, 1))).toEqual(second);
  });

  it('closes a known poll with its result, and says when the poll is unknown', () => {
    const result = { pollId: 'p1', tally: [2, 0, 1], ballots: 3 };
    const [closed] = mergeResult([kept(view({}, 3), [0])], result)!;
    expect(closed).toMatchObject({ poll: { status: 'closed' }, ballots: 3, result, myChoices: [0] });
    expect(mergeResult([], result)).toBeNull();
  });
});

describe('projectedPoll', () => {
  const closedAt = '2025-03-01T09:10:00.000Z';
  const result = { pollId: 'p1', tally: [1, 1, 0], ballots: 2 };
  const closed = kept(view({ status: 'closed', closedAt }, 2, result));

  it('shows the open poll whoever speaks', () => {
    const open = kept(view({ id: 'p2', createdAt: '2025-03-01T09:20:00Z' }, 1));
    expect(projectedPoll([closed, open], Date.parse('2025-03-01T09:30:00Z'))?.poll.id).toBe('p2');
  });

  it('shows the last result until someone is given the floor after the close', () => {
    expect(projectedPoll([closed], null)).toBe(closed);
    expect(projectedPoll([closed], Date.parse('2025-03-01T09:05:00Z'))).toBe(closed);
    expect(projectedPoll([closed], Date.parse('2025-03-01T09:11:00Z'))).toBeNull();
    expect(projectedPoll([kept(view({ status: 'draft' }))], null)).toBeNull();
  });

  it('lists the closed polls, the last closed first', () => {
    const older = kept(view({ id: 'old', status: 'closed', closedAt: '2025-03-01T08:00:00Z' }));
    expect(closedPolls([older, closed, kept(view({ id: 'x' }))]).map((p) => p.poll.id)).toEqual(['p1', 'old']);
  });
});

describe('chartRows', () => {
  it('gives each option its votes, its share of the voters and the leader', () => {
    const rows = chartRows(poll(), { pollId: 'p1', tally: [2, 0, 1], ballots: 3 });
    expect(rows.map((r) => [r.count, Math.round(r.share * 100), r.leading])).toEqual([
      [2, 67, true],
      [0, 0, false],
      [1, 33, false],
    ]);
    expect(rows[1]!.label).toEqual({ key: 'polls.answers.no' });
    expect(rows.every((r) => r.voters.length === 0)).toBe(true);
  });

  it('names who chose each option of a named poll; a multiple choice’s shares may pass 100%', () => {
    const named = poll({ kind: 'multiple', options: ['市政协', '县联络站'], secret: false });
    const rows = chartRows(named, {
      pollId: 'p1',
      tally: [1, 2],
      ballots: 2,
      voters: [
        { userId: 'u1', displayName: '王秀兰', choices: [0, 1] },
        { userId: 'u2', displayName: '杨晓燕', choices: [1] },
      ],
    });
    expect(rows.map((r) => r.voters)).toEqual([['王秀兰'], ['王秀兰', '杨晓燕']]);
    expect(rows.reduce((sum, r) => sum + r.share, 0)).toBe(1.5);
    expect(rows.map((r) => r.leading)).toEqual([false, true]);
  });

  it('has no leader and no shares when nobody voted, and ties share the lead', () => {
    expect(chartRows(poll(), { pollId: 'p1', tally: [0, 0, 0], ballots: 0 }).map((r) => [r.share, r.leading])).toEqual([
      [0, false],
      [0, false],
      [0, false],
    ]);
    const tied = chartRows(poll(), { pollId: 'p1', tally: [1, 1, 0], ballots: 2 });
    expect(tied.map((r) => r.leading)).toEqual([true, true, false]);
  });
});

describe('ballots', () => {
  it('takes one option for a single choice and any number for multiple, in the options’ order', () => {
    expect(toggleChoice('single', [0], 2, true)).toEqual([2]);
    expect(toggleChoice('yes_no_abstain', [], 1, true)).toEqual([1]);
    expect(toggleChoice('multiple', [2], 0, true)).toEqual([0, 2]);
    expect(toggleChoice('multiple', [0, 2], 2, false)).toEqual([0]);
  });

  it('is ready with exactly one choice, or at least one for multiple', () => {
    expect(ballotReady('single', [])).toBe(false);
    expect(ballotReady('yes_no_abstain', [1])).toBe(true);
    expect(ballotReady('multiple', [0, 1])).toBe(true);
    expect(ballotReady('multiple', [])).toBe(false);
  });

  it('compares ballots whatever their order', () => {
    expect(sameChoices([1, 0], [0, 1])).toBe(true);
    expect(sameChoices([0], [1])).toBe(false);
    expect(sameChoices([0], null)).toBe(false);
    expect(sameChoices(null, null)).toBe(true);
  });
});

describe('draftProblem', () => {
  const ask = (over: Partial<Parameters<typeof draftProblem>[0]> = {}) =>
    draftProblem({ question: '下次会议放在哪里？', kind: 'single', options: ['市政协', '县联络站'], ...over });

  it('accepts a question with 2 to 10 different options, or a yes / no / abstain question alone', () => {
    expect(ask()).toBeNull();
    expect(ask({ options: Array.from({ length: 10 }, (_, i) => `选项${i}`) })).toBeNull();
    expect(ask({ kind: 'yes_no_abstain', options: [''] })).toBeNull();
  });

  it('names what is wrong, with the limits', () => {
    expect(ask({ question: '  ' })?.key).toBe('polls.ask.problems.question');
    expect(ask({ question: '问'.repeat(501) })).toEqual({
      key: 'polls.ask.problems.questionLong',
      vars: { length: 500 },
    });
    expect(ask({ options: ['一'] })).toEqual({ key: 'polls.ask.problems.count', vars: { min: 2, max: 10 } });
    expect(ask({ options: Array.from({ length: 11 }, (_, i) => `${i}`) })?.key).toBe('polls.ask.problems.count');
    expect(ask({ options: ['一', ' '] })?.key).toBe('polls.ask.problems.emptyOption');
    expect(ask({ options: ['一', '二'.repeat(201)] })?.key).toBe('polls.ask.problems.optionLong');
    expect(ask({ options: ['市政协', ' 市政协 '] })?.key).toBe('polls.ask.problems.sameOption');
  });
});

describe('wording', () => {
  it('words every refusal of every action in both languages', () => {
    for (const keys of Object.values(pollErrorKeys)) {
      for (const key of Object.values(keys)) {
        expect(lookup(messagesZhCN, key), key).toEqual(expect.any(String));
        expect(lookup(messagesEn, key), key).toEqual(expect.any(String));
      }
    }
    expect(pollErrorKeys.vote.CONFLICT).toBe('polls.errors.voteClosed');
  });

  it('formats shares and lists in the reader’s language', () => {
    expect(formatShare(2 / 3, 'en')).toBe('67%');
    expect(formatShare(0, 'zh-CN')).toBe('0%');
    expect(formatList(['赞成', '弃权'], 'zh-CN')).toBe('赞成和弃权');
    expect(formatList(['Yes', 'No', 'Abstain'], 'en')).toBe('Yes, No, and Abstain');
  });
});
