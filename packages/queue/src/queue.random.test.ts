/**
 * Seeded random meetings: random commands by random people in random roles, with the clock moving
 * forward, and the invariants checked after every command against a model kept only from the
 * events. The seeds are fixed, so a failure names the run and the step that reproduce it.
 */
import { assert, describe, expect, it } from 'vitest';
import { apply } from './apply.js';
import { createQueue } from './state.js';
import { QueueRoles, SpeechPolicies } from './types.js';
import type { QueueActor, QueueCommand, QueueCommandType, QueueRole, QueueState } from './types.js';
import { T0, deputy, director, li, ref, wang, zhang, zhao } from './test/fixtures.js';
import { Model } from './test/model.js';
import { Rng } from './test/rng.js';

const people = [
  zhang,
  li,
  wang,
  zhao,
  director,
  deputy,
  { ...li, userId: 'u-sun', displayName: '孙七' },
  { ...zhang, userId: 'u-zhou', displayName: '周八', sector: null },
];

const roleWeights: readonly (readonly [QueueRole, number])[] = [
  ['chair', 3],
  ['secretariat', 1],
  ['member', 4],
  ['official', 2],
  ['observer', 1],
];

type Weights = readonly (readonly [QueueCommandType, number])[];

/** What each role mostly tries; everyone sometimes tries anything, to be refused. */
const runnerCommands: Weights = [
  ['grant', 3],
  ['next', 5],
  ['move', 2],
  ['remove', 1],
  ['finish', 2],
  ['pause', 2],
  ['resume', 2],
  ['addTime', 1.5],
  ['close', 0.06],
];
const speakerCommands: Weights = [
  ['raise', 8],
  ['withdraw', 1.5],
  ['finish', 1],
];
const anyCommand: Weights = [...runnerCommands, ...speakerCommands];

function randomActor(rng: Rng): QueueActor {
  return { ...rng.pick(people), role: rng.weighted(roleWeights) };
}

/** Mostly an entry that exists (the actor's own, when they have one), sometimes the speaker's or none. */
function randomEntryId(rng: Rng, state: QueueState, actor: QueueActor): string {
  const roll = rng.int(10);
  if (roll === 0) return 'e-missing';
  if (roll === 1 && state.current) return state.current.entryId;
  const own = state.waiting.filter((e) => e.userId === actor.userId);
  if (own.length > 0 && rng.chance(0.7)) return rng.pick(own).id;
  return state.waiting.length > 0 ? rng.pick(state.waiting).id : 'e-missing';
}

function randomRaise(rng: Rng, actor: QueueActor): QueueCommand {
  const kind = rng.weighted([
    ['speech', 4],
    ['reply', 4],
    ['point_of_order', 1],
    ['question', 2],
    ['answer', 0.1],
  ] as const);
  if (kind === 'question') return { type: 'raise', kind, questionTo: ref(rng.pick([director, deputy, actor])) };
  return { type: 'raise', kind } as QueueCommand;
}

function randomCommand(rng: Rng, state: QueueState, actor: QueueActor): QueueCommand {
  const runs = actor.role === 'chair' || actor.role === 'secretariat';
  const likely = runs ? runnerCommands : speakerCommands;
  const type = rng.weighted(rng.chance(0.85) ? likely : anyCommand);
  const entryId = (): string => randomEntryId(rng, state, actor);
  switch (type) {
    case 'raise':
      return randomRaise(rng, actor);
    case 'withdraw':
    case 'grant':
    case 'remove':
      return { type, entryId: entryId() };
    case 'move':
      return { type, entryId: entryId(), index: rng.int(state.waiting.length + 1) - (rng.chance(0.1) ? 1 : 0) };
    case 'addTime':
      return { type, seconds: rng.int(700) - 50 };
    default:
      return { type };
  }
}

/** One meeting of `steps` commands; answers the model, whose counts say what the run exercised. */
function run(seed: number, steps: number): Model {
  const rng = new Rng(seed);
  let state = createQueue({
    speechPolicy: rng.pick(SpeechPolicies),
    sectorBalance: rng.chance(0.5),
    maxRepliesPerSpeech: rng.int(4),
    limits: { speech: 30 + rng.int(150), reply: 20 + rng.int(60), question: 30 + rng.int(90) },
  });
  const model = new Model(state.settings);
  let now = T0;
  let ids = 0;
  for (let step = 0; step < steps; step += 1) {
    now += rng.chance(0.1) ? 0 : rng.int(60_000);
    const actor = randomActor(rng);
    const command = randomCommand(rng, state, actor);
    const frozen = JSON.stringify(state);
    const result = apply(state, command, { now, newId: () => `e${seed}-${++ids}`, actor });
    assert(JSON.stringify(state) === frozen, 'apply never changes its input');
    if (result.ok) {
      assert(result.state.version === state.version + 1, 'a success moves the version by exactly one');
      model.count(`ok:${command.type}`);
      model.replay(result.events, state);
      state = result.state;
    } else {
      assert(['FORBIDDEN', 'CONFLICT', 'NOT_FOUND', 'VALIDATION'].includes(result.error.code), result.error.code);
      assert(!state.closed || result.error.code === 'CONFLICT', 'a closed queue refuses everything');
      model.count(`refused:${result.error.code}`);
    }
    model.check(state, now);
  }
  return model;
}

describe('random meetings', () => {
  it('keep every invariant over 200 seeded runs of 300 commands, and exercise every command', () => {
    const seen = new Map<string, number>();
    for (let seed = 1; seed <= 200; seed += 1) {
      try {
        for (const [key, n] of run(seed, 300).seen) seen.set(key, (seen.get(key) ?? 0) + n);
      } catch (error) {
        throw new Error(`seed ${seed}: ${String(error)}`, { cause: error });
      }
    }
    // A run that never reached these would check the invariants vacuously.
    const exercised = [
      ...['raise', 'withdraw', 'grant', 'next', 'move', 'remove', 'finish', 'pause', 'resume', 'addTime', 'close'].map(
        (type) => `ok:${type}`,
      ),
      ...['FORBIDDEN', 'CONFLICT', 'NOT_FOUND', 'VALIDATION'].map((code) => `refused:${code}`),
      ...['speech', 'reply', 'point_of_order', 'question', 'answer'].flatMap((k) => [`added:${k}`, `granted:${k}`]),
      ...['grant', 'next', 'finish', 'close'].map((cause) => `finished:${cause}`),
      ...['point_of_order', 'reply_to', 'answer_to_question', 'first_speech', 'repeat_speaker'].map(
        (c) => `reason:${c}`,
      ),
      ...['sector_balance', 'request_time'].map((c) => `reason:${c}`),
      'entry_moved',
      'speech_paused',
      'finishedAfterPause',
      'overTime',
      'warning',
    ];
    for (const key of exercised) expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
    expect(seen.get('granted:reply')).toBeGreaterThanOrEqual(100);
    expect(seen.get('granted:answer')).toBeGreaterThanOrEqual(100);
    expect(seen.get('entry_moved')).toBeGreaterThanOrEqual(100);
    expect(seen.get('speech_paused')).toBeGreaterThanOrEqual(100);
    expect(QueueRoles.length).toBe(roleWeights.length);
  });
});
