import { z } from 'zod';
import {
  POLL_LIMITS,
  PollKinds,
  PollStatuses,
  YesNoAbstain,
  type Ballot,
  type Poll,
  type PollKind,
  type PollResult,
  type PollStatus,
} from '@yishi/polls';
import { idSchema } from './schemas.js';

export { POLL_LIMITS, PollKinds, PollStatuses, YesNoAbstain };
export type { Ballot, Poll, PollKind, PollResult, PollStatus };

/**
 * `poll:create` (chair, secretariat): the question and its options; a yes / no / abstain poll takes
 * none. Lengths are checked here loosely (a trimmed question of 1–500 characters is the rule's).
 */
export const pollCreatePayload = z.strictObject({
  question: z.string().max(POLL_LIMITS.question + 100),
  options: z
    .array(z.string().max(POLL_LIMITS.option + 100))
    .max(POLL_LIMITS.maxOptions)
    .optional(),
  kind: z.enum(PollKinds),
  secret: z.boolean(),
});
export type PollCreatePayload = z.infer<typeof pollCreatePayload>;

/** `poll:open`, `poll:close` (chair, secretariat). */
export const pollIdPayload = z.strictObject({ pollId: idSchema });
export type PollIdPayload = z.infer<typeof pollIdPayload>;

/** `poll:vote` (participants): the indexes of the options chosen; a new ballot replaces the last. */
export const pollVotePayload = z.strictObject({
  pollId: idSchema,
  choices: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(POLL_LIMITS.maxOptions - 1),
    )
    .max(POLL_LIMITS.maxOptions),
});
export type PollVotePayload = z.infer<typeof pollVotePayload>;

/**
 * `poll:state`, to the meeting's room after every change: the poll and how many have voted (never
 * what, while it is open); a closed poll carries its result.
 */
export interface PollView {
  meetingId: string;
  poll: Poll;
  ballots: number;
  result: PollResult | null;
}

/** `poll:result`, to the meeting's room when a poll closes. */
export type PollResultEvent = PollResult & { meetingId: string };

/** `GET /api/meetings/:id/polls`: the meeting's polls, oldest first, and the caller's own ballots. */
export interface MeetingPolls {
  polls: (PollView & { myChoices: number[] | null })[];
}
