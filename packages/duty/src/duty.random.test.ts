/**
 * Seeded random walks through a proposal's and a report's life: random commands by random actors,
 * some with inputs the rules must refuse, and invariants checked after every step. At each step
 * every actor's `nextActions` is also checked against what the rules actually accept. The seeds are
 * fixed, so a failure names the seed and step that reproduce it.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mayOpenConsultation, nextActions, proposalEdges } from './flow.js';
import { nextOpinionActions, opinionEdges, OpinionActions, submitOpinion } from './opinions.js';
import { createProposal } from './proposals.js';
import {
  invalidOpinionCommand,
  invalidProposalCommand,
  proposalCommandActions,
  runOpinionCommand,
  runProposalCommand,
  validOpinionCommands,
  validProposalCommands,
} from './test/commands.js';
import type { OpinionCommand, ProposalCommand } from './test/commands.js';
import { author, everyone, member, opinionInput, proposalInput, value } from './test/fixtures.js';
import { Rng } from './test/rng.js';
import { DutyRefusalReasons, OpinionStatuses, PROPOSAL_LIMITS, ProposalStatuses } from './types.js';
import type { DutyActor, DutyClock, DutyOutcome, Opinion, OpinionStatus, Proposal, ProposalStatus } from './types.js';

const people: readonly DutyActor[] = [...everyone, member(4)];
const terminal: readonly ProposalStatus[] = ['closed', 'not_accepted', 'merged'];
/** Each official's department, to check who replied for whom. */
const officials = new Map(people.filter((a) => a.role === 'official').map((a) => [a.userId, a.departmentId]));

/** Minutes from the start of the walk, as the clock the server would pass in. */
const clockAt = (step: number): DutyClock => ({
  now: `2026-03-10T${String(Math.floor(step / 60)).padStart(2, '0')}:${String(step % 60).padStart(2, '0')}:00.000Z`,
  today: '2026-03-10',
});

function newProposal(serial: number): Proposal {
  return value(
    createProposal(proposalInput, { id: `p-${serial}`, orgId: 'org-1', actor: author, now: clockAt(0).now }),
  );
}

/** Mostly someone who has something to do, and mostly that; sometimes anyone, anything, or a bad input. */
function randomProposalCommand(p: Proposal, rng: Rng, serial: number): [DutyActor, ProposalCommand] {
  const busy = people.filter((a) => nextActions(p, a).some((action) => action !== 'open_consultation'));
  const actor = busy.length > 0 && rng.chance(0.75) ? rng.pick(busy) : rng.pick(people);
  const listed = nextActions(p, actor).filter((action) => action !== 'open_consultation');
  const action = listed.length > 0 && rng.chance(0.8) ? rng.pick(listed) : rng.pick(proposalCommandActions);
  const broken = rng.chance(0.15) ? invalidProposalCommand(action, p, actor, serial) : undefined;
  if (broken) return [actor, broken];
  const valid = validProposalCommands(action, p, actor, serial);
  // Acceptance leads further than the other decisions, so reviews accept more often than not.
  return [actor, action === 'review' && rng.chance(0.6) ? valid[0]! : rng.pick(valid)];
}

/** Every actor's listed actions succeed with a good input, and the unlisted ones are refused. */
function checkNextActions(p: Proposal, clock: DutyClock, serial: number): void {
  for (const actor of people) {
    const listed = nextActions(p, actor);
    if (listed.includes('open_consultation') !== mayOpenConsultation(p, actor))
      expect.fail(`${actor.userId} open_consultation`);
    for (const action of proposalCommandActions) {
      // Hundreds of thousands of checks: the message is made only for a mismatch.
      for (const command of validProposalCommands(action, p, actor, serial)) {
        const outcome = runProposalCommand(p, actor, command, clock);
        if (outcome.ok !== listed.includes(action)) {
          expect.fail(`${actor.userId} ${JSON.stringify(command)}: ${JSON.stringify(outcome)}; listed ${listed}`);
        }
      }
      const broken = invalidProposalCommand(action, p, actor, serial);
      if (broken && runProposalCommand(p, actor, broken, clock).ok) {
        expect.fail(`${actor.userId} ${JSON.stringify(broken)} was accepted`);
      }
    }
  }
}

/**
 * A check made tens of thousands of times: expect's machinery (and the message) runs only when it
 * fails, which keeps the walks fast enough to run many.
 */
function holds(condition: boolean, message: () => string): void {
  if (!condition) expect.fail(message());
}

const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);

/** What one successful command may change. */
function checkMove(before: Proposal, after: Proposal, command: ProposalCommand): void {
  const { action } = command;
  const move = { from: before.status, to: after.status, action };
  holds(
    after.status === before.status || proposalEdges.some((e) => same(e, move)),
    () => `off the table: ${JSON.stringify(move)}`,
  );
  const allowedWhenFinished =
    (before.status === 'closed' && action === 'flag_key') ||
    (before.status === 'not_accepted' && action === 'convert_to_opinion' && before.convertedToOpinionId === null);
  holds(!terminal.includes(before.status) || allowedWhenFinished, () => `${before.status} accepted ${action}`);
  const identity = (p: Proposal) => [p.id, p.orgId, p.authorId, p.createdAt];
  holds(same(identity(after), identity(before)), () => 'the identity changed');
  holds(before.number === null || after.number === before.number, () => 'a number changed');
  holds(same(after.replies.slice(0, before.replies.length), before.replies), () => 'replies were rewritten');
  holds(
    same(after.assessments.slice(0, before.assessments.length), before.assessments),
    () => 'assessments were rewritten',
  );
  holds(after.round >= before.round, () => 'the round went back');
  holds(action === 'flag_key' || after.key === before.key, () => `${action} changed the key flag`);
  checkConfirmations(before, after, action);
  checkOutcomeOf(before, after, command);
}

/** A confirmation stands until the co-signer leaves or the author changes the text. */
function checkConfirmations(before: Proposal, after: Proposal, action: ProposalCommand['action']): void {
  for (const was of before.cosigners) {
    const now = after.cosigners.find((c) => c.userId === was.userId);
    const kept = !now || was.confirmedAt === null || now.confirmedAt === was.confirmedAt;
    holds(
      kept || (action === 'edit' && now.confirmedAt === null),
      () => `${action} changed ${was.userId}'s confirmation`,
    );
  }
}

/** Where a reply and an assessment lead, restated from the design rather than read off the code. */
function checkOutcomeOf(before: Proposal, after: Proposal, command: ProposalCommand): void {
  if (command.action === 'reply') {
    const lead = command.input.departmentId === before.leadDepartmentId;
    holds(after.status === (lead ? 'replied' : 'handling'), () => `a reply left the proposal ${after.status}`);
  }
  if (command.action === 'assess') {
    const back = command.input.satisfaction === 'unsatisfied' && before.round === 1;
    holds(after.status === (back ? 'handling' : 'closed'), () => `round ${before.round} assessed: ${after.status}`);
  }
}

/** Replies come from assigned departments, one per department per round; answers the `dept@round` seen. */
function checkReplies(p: Proposal): Set<string> {
  const seen = new Set<string>();
  for (const reply of p.replies) {
    const key = `${reply.departmentId}@${reply.round}`;
    holds(
      reply.departmentId === p.leadDepartmentId || p.coDepartmentIds.includes(reply.departmentId),
      () => `unassigned ${key}`,
    );
    holds(!seen.has(key), () => `two replies from ${key}`);
    holds(reply.round <= p.round, () => `a reply from a later round: ${key}`);
    holds(officials.get(reply.by) === reply.departmentId, () => `${reply.by} replied for ${reply.departmentId}`);
    seen.add(key);
  }
  return seen;
}

/** What holds of every proposal the walk holds; `everAccepted` is the walk's own record of review. */
function checkProposal(p: Proposal, everAccepted: boolean): void {
  holds(p.round === 1 || p.round === 2, () => `round ${p.round}`);
  holds((p.number !== null) === everAccepted, () => `number ${p.number} though accepted is ${everAccepted}`);
  const replied = checkReplies(p);
  const cosigners = p.cosigners.map((c) => c.userId);
  holds(new Set(cosigners).size === cosigners.length, () => 'a co-signer twice');
  holds(!cosigners.includes(p.authorId), () => 'the author co-signs');
  holds(cosigners.length <= PROPOSAL_LIMITS.cosigners, () => 'too many co-signers');
  const confirmed = p.cosigners.every((c) => c.confirmedAt !== null);
  holds(p.status === 'draft' || (p.submittedAt !== null && confirmed), () => 'submitted with a pending co-signer');
  const assigned = p.decision === 'accepted' && p.leadDepartmentId !== null && p.dueDate !== null;
  holds(!everAccepted || assigned, () => 'accepted without departments or a due date');
  const leadReplied = replied.has(`${p.leadDepartmentId}@${p.round}`);
  holds(p.status !== 'replied' || leadReplied, () => 'replied without the lead');
  holds(p.status !== 'handling' || !leadReplied, () => 'handling though the lead has replied in this round');
  holds(
    p.round === 1 || p.assessments[0]?.satisfaction === 'unsatisfied',
    () => 'round 2 without an unsatisfied round 1',
  );
  const assessed = p.assessments.map((a) => a.round);
  holds(same(assessed, [1, 2].slice(0, assessed.length)), () => `assessed in rounds ${assessed}`);
  holds(p.status !== 'closed' || (p.closedAt !== null && p.assessments.length > 0), () => 'closed unassessed');
  holds(p.status !== 'not_accepted' || Boolean(p.reason?.trim()), () => 'declined without a reason');
  holds(p.status !== 'merged' || (p.mergedInto !== null && p.mergedInto !== p.id), () => 'merged nowhere');
}

interface Walked {
  reached: Set<string>;
  taken: Set<string>;
}

function walkProposals(seed: number, steps: number): Walked {
  const rng = new Rng(seed);
  const walked: Walked = { reached: new Set(), taken: new Set() };
  let serial = seed * 1000;
  let proposal = newProposal(serial);
  let everAccepted = false;
  let idle = 0;
  for (let step = 0; step < steps; step += 1) {
    serial += 1;
    const clock = clockAt(step);
    try {
      checkNextActions(proposal, clock, serial);
      const [actor, command] = randomProposalCommand(proposal, rng, serial);
      const copy = structuredClone(proposal);
      const outcome: DutyOutcome<Proposal> = runProposalCommand(proposal, actor, command, clock);
      holds(same(proposal, copy), () => 'the given proposal was changed');
      holds(
        outcome.ok === false || nextActions(proposal, actor).includes(command.action),
        () => 'an unlisted action succeeded',
      );
      if (outcome.ok) {
        checkMove(proposal, outcome.value, command);
        if (proposal.status === 'submitted' && outcome.value.status === 'handling') everAccepted = true;
        walked.taken.add(`${proposal.status}→${outcome.value.status}`);
        proposal = outcome.value;
      } else {
        holds(DutyRefusalReasons.includes(outcome.error.reason), () => `unknown reason ${outcome.error.reason}`);
      }
      checkProposal(proposal, everAccepted);
      walked.reached.add(proposal.status);
      if (proposal.status === 'closed' && proposal.round === 2) walked.reached.add('closed in round 2');
      if (proposal.convertedToOpinionId !== null) walked.reached.add('converted');
      if (proposal.key) walked.reached.add('key');
    } catch (error) {
      throw new Error(`seed ${seed} step ${step}: ${String(error)}`, { cause: error });
    }
    // A finished proposal has little left to test: after a few more commands, file another.
    idle = terminal.includes(proposal.status) ? idle + 1 : 0;
    if (idle > 6) [proposal, everAccepted, idle] = [newProposal(serial), false, 0];
  }
  return walked;
}

// ---------------------------------------------------------------------------------------------

function newOpinion(serial: number): Opinion {
  return value(submitOpinion(opinionInput, { id: `o-${serial}`, orgId: 'org-1', actor: author, now: clockAt(0).now }));
}

function randomOpinionCommand(o: Opinion, rng: Rng, serial: number): [DutyActor, OpinionCommand] {
  const busy = people.filter((a) => nextOpinionActions(o, a).length > 0);
  const actor = busy.length > 0 && rng.chance(0.75) ? rng.pick(busy) : rng.pick(people);
  const listed = nextOpinionActions(o, actor);
  const action = listed.length > 0 && rng.chance(0.8) ? rng.pick(listed) : rng.pick(OpinionActions);
  return [actor, rng.chance(0.15) ? invalidOpinionCommand(action) : rng.pick(validOpinionCommands(action, serial))];
}

function checkOpinionActions(o: Opinion, clock: DutyClock, serial: number): void {
  for (const actor of people) {
    const listed = nextOpinionActions(o, actor);
    for (const action of OpinionActions) {
      for (const command of validOpinionCommands(action, serial)) {
        const outcome = runOpinionCommand(o, actor, command, clock);
        if (outcome.ok !== listed.includes(action)) {
          expect.fail(`${actor.userId} ${JSON.stringify(command)}: ${JSON.stringify(outcome)}; listed ${listed}`);
        }
      }
      const broken = invalidOpinionCommand(action);
      if (runOpinionCommand(o, actor, broken, clock).ok)
        expect.fail(`${actor.userId} ${JSON.stringify(broken)} was accepted`);
    }
  }
}

function checkOpinionMove(before: Opinion, after: Opinion, command: OpinionCommand): void {
  const move = { from: before.status, to: after.status, action: command.action };
  holds(
    after.status === before.status || opinionEdges.some((e) => same(e, move)),
    () => `off the table: ${JSON.stringify(move)}`,
  );
  holds(before.status !== 'not_adopted', () => `a declined report accepted ${command.action}`);
  const identity = (o: Opinion) => [o.id, o.orgId, o.authorId, o.submittedAt];
  holds(same(identity(after), identity(before)), () => 'the identity changed');
  holds(
    same(after.instructions.slice(0, before.instructions.length), before.instructions),
    () => 'instructions rewritten',
  );
  holds(same(after.bulletinIds.slice(0, before.bulletinIds.length), before.bulletinIds), () => 'bulletins rewritten');
}

function checkOpinion(o: Opinion): void {
  holds(
    (o.handledBy !== null) === (o.status !== 'submitted'),
    () => 'handled without a decision, or decided unhandled',
  );
  const further = o.instructions.length > 0 || o.bulletinIds.length > 0;
  holds(o.status === 'adopted' || !further, () => `a ${o.status} report with instructions or bulletins`);
  holds(o.status !== 'not_adopted' || Boolean(o.note?.trim()), () => 'declined without a note');
}

function walkOpinions(seed: number, steps: number): Walked {
  const rng = new Rng(seed);
  const walked: Walked = { reached: new Set(), taken: new Set() };
  let serial = seed * 1000;
  let opinion = newOpinion(serial);
  let idle = 0;
  for (let step = 0; step < steps; step += 1) {
    serial += 1;
    const clock = clockAt(step);
    try {
      checkOpinionActions(opinion, clock, serial);
      const [actor, command] = randomOpinionCommand(opinion, rng, serial);
      const copy = structuredClone(opinion);
      const outcome = runOpinionCommand(opinion, actor, command, clock);
      holds(same(opinion, copy), () => 'the given report was changed');
      holds(
        outcome.ok === false || nextOpinionActions(opinion, actor).includes(command.action),
        () => 'an unlisted action succeeded',
      );
      if (outcome.ok) {
        checkOpinionMove(opinion, outcome.value, command);
        walked.taken.add(`${opinion.status}→${outcome.value.status}`);
        opinion = outcome.value;
      }
      checkOpinion(opinion);
      walked.reached.add(opinion.status);
      if (opinion.instructions.length > 0) walked.reached.add('instructed');
      if (opinion.bulletinIds.length > 0) walked.reached.add('in a bulletin');
    } catch (error) {
      throw new Error(`seed ${seed} step ${step}: ${String(error)}`, { cause: error });
    }
    // A declined report is read only: after a few refused commands, submit another.
    idle = opinion.status === 'not_adopted' ? idle + 1 : 0;
    if (idle > 3 || rng.chance(0.05)) [opinion, idle] = [newOpinion(serial), 0];
  }
  return walked;
}

// ---------------------------------------------------------------------------------------------

function tally(counts: Map<string, number>, keys: Iterable<string>): void {
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
}

function walkAll(seeds: number, steps: number, walk: (seed: number, steps: number) => Walked) {
  const reached = new Map<string, number>();
  const taken = new Map<string, number>();
  for (let seed = 1; seed <= seeds; seed += 1) {
    const walked = walk(seed, steps);
    tally(reached, walked.reached);
    tally(taken, walked.taken);
  }
  return { reached, taken };
}

describe('random walks through proposals', () => {
  it('keep every invariant over 100 seeded sequences of 60 commands, and take every edge', () => {
    const { reached, taken } = walkAll(100, 60, walkProposals);
    // Walks that never get far would test the late statuses' invariants vacuously.
    for (const status of ProposalStatuses)
      expect(reached.get(status) ?? 0, `walks that reached ${status}`).toBeGreaterThanOrEqual(20);
    for (const extra of ['closed in round 2', 'converted', 'key'])
      expect(reached.get(extra) ?? 0, extra).toBeGreaterThanOrEqual(20);
    for (const edge of proposalEdges) {
      expect(taken.get(`${edge.from}→${edge.to}`) ?? 0, `walks through ${edge.from}→${edge.to}`).toBeGreaterThanOrEqual(
        20,
      );
    }
  });
});

describe('random walks through opinion reports', () => {
  it('keep every invariant over 100 seeded sequences of 40 commands, and take every edge', () => {
    const { reached, taken } = walkAll(100, 40, walkOpinions);
    const statuses: readonly OpinionStatus[] = OpinionStatuses;
    for (const status of statuses)
      expect(reached.get(status) ?? 0, `walks that reached ${status}`).toBeGreaterThanOrEqual(20);
    for (const extra of ['instructed', 'in a bulletin'])
      expect(reached.get(extra) ?? 0, extra).toBeGreaterThanOrEqual(20);
    for (const edge of opinionEdges) expect(taken.get(`${edge.from}→${edge.to}`) ?? 0).toBeGreaterThanOrEqual(20);
  });
});
