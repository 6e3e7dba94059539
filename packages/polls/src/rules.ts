import {
  POLL_LIMITS,
  YesNoAbstain,
  type Ballot,
  type NewPoll,
  type Poll,
  type PollActor,
  type PollError,
  type PollErrorCode,
  type PollOutcome,
  type PollResult,
  type PollRole,
} from './types.js';

const refuse = <T>(code: PollErrorCode, message: string): PollOutcome<T> => ({ ok: false, error: { code, message } });
const ok = <T>(value: T): PollOutcome<T> => ({ ok: true, value });

/** The chair and the secretariat make, open and close polls. */
export const mayRunPolls = (role: PollRole): boolean => role === 'chair' || role === 'secretariat';

/** The topic's participants vote: members and officials in the room. Observers never do. */
export const mayVote = (role: PollRole): boolean => role === 'member' || role === 'official';

/** The problem with a new poll's question and options, if any. */
function invalidPoll(input: NewPoll): PollError | undefined {
  const invalid = (message: string): PollError => ({ code: 'VALIDATION', message });
  const question = input.question.trim();
  if (question.length === 0) return invalid('A poll needs a question');
  if (question.length > POLL_LIMITS.question)
    return invalid(`A question has at most ${POLL_LIMITS.question} characters`);
  if (input.kind === 'yes_no_abstain') {
    return input.options && input.options.length > 0
      ? invalid('A yes / no / abstain poll has its three options already')
      : undefined;
  }
  const options = (input.options ?? []).map((o) => o.trim());
  if (options.length < POLL_LIMITS.minOptions || options.length > POLL_LIMITS.maxOptions) {
    return invalid(`A poll has ${POLL_LIMITS.minOptions} to ${POLL_LIMITS.maxOptions} options`);
  }
  if (options.some((o) => o.length === 0)) return invalid('An option cannot be empty');
  if (options.some((o) => o.length > POLL_LIMITS.option)) {
    return invalid(`An option has at most ${POLL_LIMITS.option} characters`);
  }
  if (new Set(options).size !== options.length) return invalid('Two options say the same');
  return undefined;
}

/** A new poll in `draft`, made by `actor` at `now` (ISO-8601) with the id the server gave it. */
export function createPoll(
  input: NewPoll,
  ctx: { id: string; meetingId: string; actor: PollActor; now: string },
): PollOutcome<Poll> {
  if (!mayRunPolls(ctx.actor.role)) return refuse('FORBIDDEN', 'Only the chair or the secretariat asks a poll');
  const problem = invalidPoll(input);
  if (problem) return { ok: false, error: problem };
  return ok({
    id: ctx.id,
    meetingId: ctx.meetingId,
    question: input.question.trim(),
    options: input.kind === 'yes_no_abstain' ? [...YesNoAbstain] : input.options!.map((o) => o.trim()),
    kind: input.kind,
    secret: input.secret,
    status: 'draft',
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    openedAt: null,
    closedAt: null,
  });
}

/** Opens a poll for ballots; one poll of a meeting is open at a time (`openPolls`: the meeting's open ones). */
export function openPoll(poll: Poll, actor: PollActor, now: string, openPolls: number): PollOutcome<Poll> {
  if (!mayRunPolls(actor.role)) return refuse('FORBIDDEN', 'Only the chair or the secretariat opens a poll');
  if (poll.status !== 'draft') return refuse('CONFLICT', `The poll is ${poll.status} already`);
  if (openPolls > 0) return refuse('CONFLICT', 'Another poll is open; close it first');
  return ok({ ...poll, status: 'open', openedAt: now });
}

/**
 * A voter's ballot, checked: the poll is open, the voter may vote, and the choices are option
 * indexes, each once — exactly one for a single-choice or yes / no / abstain poll, at least one
 * otherwise. The server replaces the voter's earlier ballot with it.
 */
export function castBallot(poll: Poll, actor: PollActor, choices: readonly number[]): PollOutcome<Ballot> {
  if (!mayVote(actor.role)) return refuse('FORBIDDEN', 'Only the participants vote');
  if (poll.status !== 'open') {
    return refuse('CONFLICT', poll.status === 'closed' ? 'The poll is closed' : 'The poll is not open yet');
  }
  if (choices.some((c) => !Number.isInteger(c) || c < 0 || c >= poll.options.length)) {
    return refuse('VALIDATION', `Choose among options 0 to ${poll.options.length - 1}`);
  }
  if (new Set(choices).size !== choices.length) return refuse('VALIDATION', 'An option is chosen once');
  if (poll.kind === 'multiple' ? choices.length === 0 : choices.length !== 1) {
    return refuse('VALIDATION', poll.kind === 'multiple' ? 'Choose at least one option' : 'Choose one option');
  }
  return ok({ userId: actor.userId, displayName: actor.displayName, choices: [...choices].sort((a, b) => a - b) });
}

/** How many ballots chose each option (a voter's last ballot only: `ballots` holds one per voter). */
export function tally(poll: Poll, ballots: readonly Ballot[]): number[] {
  const counts = poll.options.map(() => 0);
  for (const ballot of ballots) for (const choice of ballot.choices) counts[choice]! += 1;
  return counts;
}

/**
 * Closes an open poll and says its result. A secret poll's result has no voters, and the server
 * keeps none either: only the tally outlives the close.
 */
export function closePoll(
  poll: Poll,
  actor: PollActor,
  now: string,
  ballots: readonly Ballot[],
): PollOutcome<{ poll: Poll; result: PollResult }> {
  if (!mayRunPolls(actor.role)) return refuse('FORBIDDEN', 'Only the chair or the secretariat closes a poll');
  if (poll.status !== 'open')
    return refuse('CONFLICT', poll.status === 'closed' ? 'The poll is closed' : 'The poll is not open');
  const result: PollResult = {
    pollId: poll.id,
    tally: tally(poll, ballots),
    ballots: ballots.length,
    ...(poll.secret
      ? {}
      : { voters: [...ballots].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')) }),
  };
  return ok({ poll: { ...poll, status: 'closed', closedAt: now }, result });
}
