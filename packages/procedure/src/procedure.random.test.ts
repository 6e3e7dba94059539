/**
 * Seeded random walks through the procedure: random advances by random actors, interleaved with
 * random changes to the facts, and invariants checked after every command. The seeds are fixed, so
 * a failure names the sequence and step that reproduce it.
 */
import { describe, expect, it } from 'vitest';
import { advance, availableTransitions, canOpenMeeting } from './advance.js';
import { ProcedureLine, stageIndex } from './stages.js';
import { steps } from './steps.js';
import { findTransition, transitions, transitionsFrom } from './transitions.js';
import { OutcomeForms, RaterKinds, Stages } from './types.js';
import type { AdvanceResult, ProcedureActor, Stage, TopicSnapshot } from './types.js';
import { allRoles, blankTopic, vettingAnswer } from './test/fixtures.js';

/** mulberry32: a tiny, well-mixed 32-bit PRNG; enough to make walks varied and reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** An advance: the stage asked for, by whom, with what reason. */
type Command = [to: Stage, who: ProcedureActor, reason: string | null | undefined];

type Fact = (t: TopicSnapshot, rng: Rng) => TopicSnapshot;

/** Changes to what the topic records, as the server's other endpoints would make them. */
const facts = {
  vetRelevance: (t, rng) => ({
    ...t,
    vetting: { ...t.vetting, relevance: maybe(rng, vettingAnswer(rng.chance(0.8))) },
  }),
  vetRemit: (t, rng) => ({ ...t, vetting: { ...t.vetting, remit: maybe(rng, vettingAnswer(rng.chance(0.8))) } }),
  addParticipant: (t, rng) => ({
    ...t,
    participants: [
      ...t.participants,
      { userId: `u-${rng.int(1000)}`, assessment: rng.pick(['expert', 'expert', '', ' ']) },
    ],
  }),
  removeParticipant: (t, rng) => {
    const gone = rng.int(t.participants.length);
    return { ...t, participants: t.participants.filter((_, i) => i !== gone) };
  },
  noteEveryone: (t) => ({
    ...t,
    participants: t.participants.map((p) => ({ ...p, assessment: p.assessment.trim() || 'noted' })),
  }),
  addResearch: (t) => ({ ...t, researchReports: t.researchReports + 1 }),
  scheduleMeeting: (t, rng) => ({
    ...t,
    meetings: [...t.meetings, { id: `m-${rng.int(1e6)}`, status: 'scheduled', distinctSpeakers: 0 }],
  }),
  // The server opens a meeting only when canOpenMeeting says so; the walk does the same.
  openMeeting: (t) => {
    const scheduled = t.meetings.findIndex((m) => m.status === 'scheduled');
    if (scheduled < 0 || canOpenMeeting(t).length > 0) return t;
    return { ...t, meetings: t.meetings.map((m, i) => (i === scheduled ? { ...m, status: 'open' } : m)) };
  },
  endMeetings: (t, rng) => ({
    ...t,
    meetings: t.meetings.map((m) =>
      m.status === 'open' ? { ...m, status: 'ended', distinctSpeakers: rng.int(5) } : m,
    ),
  }),
  setOutcome: (t, rng) => ({
    ...t,
    outcome: {
      ...t.outcome,
      form: maybe(rng, rng.pick(OutcomeForms)),
      draftNonEmpty: rng.chance(0.8),
      recipients: rng.chance(0.8) ? ['u-bureau'] : [],
      dueDate: maybe(rng, '2025-09-30'),
    },
  }),
  answer: (t, rng) => ({ ...t, answer: maybe(rng, { decision: 'adopted', answeredBy: 'u-bureau' } as const) }),
  rate: (t, rng) => ({
    ...t,
    ratings: [...t.ratings, { kind: rng.pick(RaterKinds), score: 1 + rng.int(5), ratedBy: 'u-r' }],
  }),
} satisfies Record<string, Fact>;
type FactName = keyof typeof facts;

/** The facts worth changing in each stage, so that walks get past the gates often enough to matter. */
const usefulIn: Partial<Record<Stage, FactName[]>> = {
  vetting: ['vetRelevance', 'vetRemit'],
  preparation: ['addParticipant', 'noteEveryone', 'addResearch'],
  consultation: ['scheduleMeeting', 'openMeeting', 'endMeetings'],
  drafting: ['setOutcome'],
  delivered: ['answer'],
  feedback: ['answer', 'rate'],
};

function maybe<T>(rng: Rng, value: T): T | null {
  return rng.chance(0.85) ? value : null;
}

function randomFact(t: TopicSnapshot, rng: Rng): TopicSnapshot {
  const useful = usefulIn[t.stage];
  const name = useful && rng.chance(0.8) ? rng.pick(useful) : rng.pick(Object.keys(facts) as FactName[]);
  return facts[name](t, rng);
}

/** What must have held on entering each guarded stage, written independently of the gate table. */
function entryHolds(from: Stage, to: Stage, t: TopicSnapshot): boolean {
  const noted = (s: string): boolean => s.trim() !== '';
  const rated = (kind: string): boolean => t.ratings.some((r) => r.kind === kind);
  if (to === 'preparation') return t.vetting.relevance?.answer === true && t.vetting.remit?.answer === true;
  if (to === 'rejected') return t.vetting.relevance?.answer === false || t.vetting.remit?.answer === false;
  if (to === 'consultation' && from === 'preparation') {
    return t.participants.some((p) => noted(p.assessment)) && t.participants.every((p) => noted(p.assessment));
  }
  if (to === 'drafting') {
    const spoken = t.meetings.some((m) => m.status === 'ended' && m.distinctSpeakers >= t.settings.minDistinctSpeakers);
    return spoken && !t.meetings.some((m) => m.status === 'open');
  }
  if (to === 'delivered') {
    const o = t.outcome;
    return o.form !== null && o.draftNonEmpty && o.recipients.length > 0 && o.dueDate !== null;
  }
  if (to === 'feedback') return t.answer !== null;
  if (to === 'closed') return t.answer !== null && rated('chair') && rated('party_contact');
  return true;
}

function randomAdvance(t: TopicSnapshot, rng: Rng): Command {
  // Mostly edges that exist, some of them the way forward; sometimes anything at all.
  const edges = transitionsFrom(t.stage);
  const forward = ProcedureLine[stageIndex(t.stage) + 1];
  const roll = rng.int(10);
  const to = roll < 8 && forward ? forward : roll < 9 && edges.length > 0 ? rng.pick(edges).to : rng.pick(Stages);
  const who = { userId: `u-${rng.int(5)}`, roles: new Set(allRoles.filter(() => rng.chance(0.35))) };
  return [to, who, rng.pick([undefined, null, '', '  ', 'because', 'because', 'because'])];
}

/** The server's view of a refusal is the UI's view too: availableTransitions predicts advance. */
function predicted(t: TopicSnapshot, [to, who, reason]: Command): boolean {
  const option = availableTransitions(t, who).find((a) => a.to === to);
  const hasReason = (reason ?? '').trim() !== '';
  return option !== undefined && option.allowed && (hasReason || !option.reasonRequired) && option.unmet.length === 0;
}

/** The invariants of one advance; `copy` is how the topic looked before it was handed over. */
function checkAdvance(
  given: TopicSnapshot,
  copy: TopicSnapshot,
  command: Command,
  at: string,
  result: AdvanceResult,
): void {
  const [to, who] = command;
  expect(given, 'the input topic is never changed').toEqual(copy);
  expect(result.ok, 'availableTransitions mirrors advance').toBe(predicted(given, command));
  if (!result.ok) return;
  const edge = findTransition(given.stage, to);
  expect(edge, 'stages move only along table edges').toBeDefined();
  expect(edge!.roles.some((r) => who.roles.has(r))).toBe(true);
  expect(result.topic.stage).toBe(to);
  expect(entryHolds(given.stage, to, result.topic), `entry into ${to} was guarded`).toBe(true);
  if (to === 'consultation')
    expect(result.topic.researchReports).toBeGreaterThanOrEqual(given.settings.minResearchReports);
  if (edge!.effects.includes('round_started')) expect([result.topic.answer, result.topic.ratings]).toEqual([null, []]);
  expect(result.events[0]).toMatchObject({ type: 'stage_changed', from: given.stage, to, actorId: who.userId, at });
}

/** Minutes from the start of the walk, as the clock the server would pass in. */
const clock = (step: number): string =>
  `2025-01-01T${String(Math.floor(step / 60)).padStart(2, '0')}:${String(step % 60).padStart(2, '0')}:00.000Z`;

/** One walk; answers the stages it reached and the edges it took ("from→to"). */
function walk(seed: number, commands: number): { reached: Set<Stage>; taken: Set<string> } {
  const rng = new Rng(seed);
  let topic: TopicSnapshot = {
    ...blankTopic(),
    settings: { minResearchReports: 1 + rng.int(2), minDistinctSpeakers: 1 + rng.int(3) },
  };
  const reached = new Set<Stage>([topic.stage]);
  const taken = new Set<string>();
  for (let step = 0; step < commands; step += 1) {
    if (rng.chance(0.5)) {
      const command = randomAdvance(topic, rng);
      const copy = structuredClone(topic);
      const result = advance(topic, command[0], command[1], clock(step), command[2]);
      checkAdvance(topic, copy, command, clock(step), result);
      if (result.ok) taken.add(`${topic.stage}→${result.topic.stage}`);
      if (result.ok) topic = result.topic;
    } else {
      topic = randomFact(topic, rng);
    }
    reached.add(topic.stage);
    for (const s of steps(topic)) expect(s.status === 'done').toBe(s.unmet.length === 0);
  }
  return { reached, taken };
}

const count = <K>(counts: Map<K, number>, keys: Iterable<K>): void => {
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
};

describe('random walks through the procedure', () => {
  it('keep every invariant over 300 seeded sequences of 80 commands, and take every edge', () => {
    const reached = new Map<Stage, number>();
    const taken = new Map<string, number>();
    for (let seed = 1; seed <= 300; seed += 1) {
      try {
        const walked = walk(seed, 80);
        count(reached, walked.reached);
        count(taken, walked.taken);
      } catch (error) {
        throw new Error(`seed ${seed}: ${String(error)}`, { cause: error });
      }
    }
    // Walks that never get far would test the late-stage invariants vacuously.
    for (const stage of Stages) expect(reached.get(stage) ?? 0, `walks that reached ${stage}`).toBeGreaterThan(0);
    for (const t of transitions)
      expect(taken.get(`${t.from}→${t.to}`) ?? 0, `walks through ${t.from}→${t.to}`).toBeGreaterThan(0);
    expect(reached.get('closed')).toBeGreaterThanOrEqual(10);
    expect(reached.get('delivered')).toBeGreaterThanOrEqual(30);
  });
});
