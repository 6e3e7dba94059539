import { describe, expect, it } from 'vitest';
import { castBallot, closePoll, createPoll, openPoll, tally } from './rules.js';
import { Rng } from './test/rng.js';
import type { Ballot, NewPoll, Poll, PollActor, PollOutcome } from './types.js';

const now = '2026-12-01T01:00:00.000Z';
const chair: PollActor = { userId: 'u-chair', displayName: '主席', role: 'chair' };
const secretariat: PollActor = { userId: 'u-sec', displayName: '秘书处', role: 'secretariat' };
const member = (n: number): PollActor => ({ userId: `u-m${n}`, displayName: `委员${n}`, role: 'member' });
const official: PollActor = { userId: 'u-official', displayName: '陈局长', role: 'official' };
const observer: PollActor = { userId: 'u-press', displayName: '记者', role: 'observer' };

function value<T>(outcome: PollOutcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}
function refusal<T>(outcome: PollOutcome<T>): string {
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.error.code;
}

const single: NewPoll = {
  question: '是否赞成设立应急转贷资金池？',
  options: ['赞成', '再研究'],
  kind: 'single',
  secret: false,
};
const made = (input: NewPoll = single, by: PollActor = chair) =>
  createPoll(input, { id: 'p1', meetingId: 'm1', actor: by, now });
const opened = (input: NewPoll = single): Poll => value(openPoll(value(made(input)), chair, now, 0));

describe('making and opening a poll', () => {
  it('is for the chair and the secretariat, in draft until opened', () => {
    expect(value(made(single, secretariat))).toMatchObject({
      status: 'draft',
      options: ['赞成', '再研究'],
      openedAt: null,
    });
    for (const who of [member(1), official, observer]) expect(refusal(made(single, who))).toBe('FORBIDDEN');
    expect(refusal(openPoll(value(made()), member(1), now, 0))).toBe('FORBIDDEN');
  });

  it('wants a question and two to ten distinct options; yes / no / abstain brings its own three', () => {
    expect(refusal(made({ ...single, question: '  ' }))).toBe('VALIDATION');
    expect(refusal(made({ ...single, question: 'x'.repeat(501) }))).toBe('VALIDATION');
    expect(refusal(made({ ...single, options: ['只有一个'] }))).toBe('VALIDATION');
    expect(refusal(made({ ...single, options: Array.from({ length: 11 }, (_, i) => `选项${i}`) }))).toBe('VALIDATION');
    expect(refusal(made({ ...single, options: ['赞成', ' 赞成 '] }))).toBe('VALIDATION');
    expect(refusal(made({ ...single, options: ['赞成', ''] }))).toBe('VALIDATION');
    expect(refusal(made({ question: '是否通过？', options: ['是', '否'], kind: 'yes_no_abstain', secret: true }))).toBe(
      'VALIDATION',
    );
    expect(value(made({ question: '是否通过？', kind: 'yes_no_abstain', secret: true })).options).toEqual([
      'yes',
      'no',
      'abstain',
    ]);
  });

  it('opens once, and one poll of a meeting at a time', () => {
    const poll = opened();
    expect(poll).toMatchObject({ status: 'open', openedAt: now });
    expect(refusal(openPoll(poll, chair, now, 1))).toBe('CONFLICT');
    expect(refusal(openPoll(value(made()), chair, now, 1))).toBe('CONFLICT');
  });
});

describe('voting', () => {
  it('is for the participants, while the poll is open', () => {
    const draft = value(made());
    expect(refusal(castBallot(draft, member(1), [0]))).toBe('CONFLICT');
    const poll = opened();
    expect(value(castBallot(poll, member(1), [1]))).toEqual({ userId: 'u-m1', displayName: '委员1', choices: [1] });
    expect(value(castBallot(poll, official, [0])).choices).toEqual([0]);
    for (const who of [observer, chair, secretariat]) expect(refusal(castBallot(poll, who, [0]))).toBe('FORBIDDEN');
    const closed = value(closePoll(poll, chair, now, [])).poll;
    expect(refusal(castBallot(closed, member(1), [0]))).toBe('CONFLICT');
  });

  it('takes option indexes, each once: one for a single choice, one or more for several', () => {
    const poll = opened();
    for (const choices of [[], [0, 1], [2], [-1], [0.5], [Number.NaN]]) {
      expect(refusal(castBallot(poll, member(1), choices)), JSON.stringify(choices)).toBe('VALIDATION');
    }
    const multiple = opened({ ...single, kind: 'multiple', options: ['交通', '教育', '医疗'] });
    expect(value(castBallot(multiple, member(1), [2, 0])).choices).toEqual([0, 2]);
    expect(refusal(castBallot(multiple, member(1), []))).toBe('VALIDATION');
    expect(refusal(castBallot(multiple, member(1), [1, 1]))).toBe('VALIDATION');
  });
});

describe('closing', () => {
  const ballots: Ballot[] = [
    { userId: 'u-m2', displayName: '委员2', choices: [1] },
    { userId: 'u-m1', displayName: '委员1', choices: [0] },
    { userId: 'u-official', displayName: '陈局长', choices: [0] },
  ];

  it('counts the ballots and, for a named poll, says who chose what', () => {
    const { poll, result } = value(closePoll(opened(), chair, now, ballots));
    expect(poll).toMatchObject({ status: 'closed', closedAt: now });
    expect(result).toEqual({
      pollId: 'p1',
      tally: [2, 1],
      ballots: 3,
      voters: [ballots[1], ballots[2], ballots[0]].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
    });
  });

  it('says only how many chose each option when the poll is secret', () => {
    const { result } = value(closePoll(opened({ ...single, secret: true }), chair, now, ballots));
    expect(result).toEqual({ pollId: 'p1', tally: [2, 1], ballots: 3 });
    expect(JSON.stringify(result)).not.toContain('u-m1');
  });

  it('is for the chair and the secretariat, once', () => {
    const poll = opened();
    expect(refusal(closePoll(poll, member(1), now, []))).toBe('FORBIDDEN');
    expect(refusal(closePoll(value(made()), chair, now, []))).toBe('CONFLICT');
    const closed = value(closePoll(poll, secretariat, now, [])).poll;
    expect(refusal(closePoll(closed, chair, now, []))).toBe('CONFLICT');
  });
});

describe('a random meeting’s poll', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('counts each voter’s last valid ballot (seed %i)', (seed) => {
    const rng = new Rng(seed);
    const kind = (['single', 'multiple', 'yes_no_abstain'] as const)[rng.int(3)]!;
    const options =
      kind === 'yes_no_abstain' ? undefined : Array.from({ length: 2 + rng.int(9) }, (_, i) => `选项${i}`);
    const secret = rng.chance(0.5);
    let poll = value(made({ question: '意向调查', kind, secret, ...(options ? { options } : {}) }));
    const voters = [...Array.from({ length: 12 }, (_, i) => member(i)), official, observer];
    const ballots = new Map<string, Ballot>();
    const expected = new Map<string, number[]>();
    for (let step = 0; step < 300; step++) {
      if (step === 20) poll = value(openPoll(poll, chair, now, 0));
      const voter = voters[rng.int(voters.length)]!;
      const count = kind === 'multiple' ? rng.int(4) : 1;
      const choices = Array.from({ length: count }, () => rng.int(poll.options.length + 1));
      const cast = castBallot(poll, voter, choices);
      // What the rules say, restated: open, a participant, in range, distinct, the right number.
      const valid =
        poll.status === 'open' &&
        (voter.role === 'member' || voter.role === 'official') &&
        choices.every((c) => c < poll.options.length) &&
        new Set(choices).size === choices.length &&
        (kind === 'multiple' ? choices.length > 0 : choices.length === 1);
      expect(
        cast.ok,
        `seed ${seed} step ${step}: ${JSON.stringify({ voter: voter.userId, choices, status: poll.status })}`,
      ).toBe(valid);
      if (cast.ok) {
        ballots.set(voter.userId, cast.value);
        expected.set(
          voter.userId,
          [...choices].sort((a, b) => a - b),
        );
      }
    }
    const { result } = value(closePoll(poll, chair, now, [...ballots.values()]));
    const counts = poll.options.map((_, i) => [...expected.values()].filter((c) => c.includes(i)).length);
    expect(result.tally).toEqual(counts);
    expect(result.tally).toEqual(tally(poll, [...ballots.values()]));
    expect(result.ballots).toBe(expected.size);
    expect(result.voters === undefined).toBe(secret);
    if (!secret) expect(new Map(result.voters!.map((v) => [v.userId, v.choices]))).toEqual(expected);
  });
});
