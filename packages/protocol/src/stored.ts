import { z } from 'zod';
import { AnswerDecisions, OutcomeForms, RaterKinds, Stages, WaivableGates } from '@yishi/procedure';
import { SpeechKinds as QueueSpeechKinds, SpeechPolicies, type QueueLogRecord, type QueueState } from '@yishi/queue';
import type { PollResult } from '@yishi/polls';
import {
  DutyCategories,
  OpinionDecisions,
  OpinionStatuses,
  ProposalStatuses,
  ReplyClassifications,
  ReviewDecisions,
  Satisfactions,
  type Bulletin,
  type Opinion,
  type Proposal,
} from '@yishi/duty';
import type { CaseDetail } from './cases.js';
import type { MeetingVideo } from './topics.js';
import { citationSchema } from './citations.js';
import { OrgLevels } from './constants.js';
import type { Notification } from './notifications.js';

/**
 * What the server keeps as JSON in a text column, read back through these schemas rather than cast:
 * a row that does not match (a bug, a hand edit, a shape from an older version that no migration
 * upgraded) is an error that names the column, not a value of the wrong type travelling on.
 */

export const storedStrings = z.array(z.string());

/** A ballot's choices: option indexes. */
export const storedChoices = z.array(z.number().int().min(0));

/** A closed poll's result (`PollResult`). */
export const storedPollResult = z.object({
  pollId: z.string(),
  tally: z.array(z.number().int().min(0)),
  ballots: z.number().int().min(0),
  voters: z.array(z.object({ userId: z.string(), displayName: z.string(), choices: storedChoices })).optional(),
}) satisfies z.ZodType<PollResult>;

/**
 * A meeting's video conference as kept: a link, or a Jitsi room with the name the server drew for it
 * (which only `GET /api/meetings/:id/video` gives out).
 */
export const storedMeetingVideo = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('link'), url: z.string() }),
  z.object({ provider: z.literal('jitsi'), roomName: z.string().min(1) }),
]) satisfies z.ZodType<MeetingVideo>;
export type StoredMeetingVideo = z.infer<typeof storedMeetingVideo>;

/** The gates a stage transition made an exception to. */
export const storedWaivedGates = z.array(z.enum(WaivableGates));

export const storedNotificationData = z.object({
  from: z.enum(Stages).optional(),
  to: z.enum(Stages).optional(),
  dueDate: z.string().optional(),
  decision: z.enum([...ReviewDecisions, ...OpinionDecisions]).optional(),
  number: z.string().optional(),
  by: z.string().optional(),
  org: z.string().optional(),
  direction: z.enum(['up', 'down']).optional(),
}) satisfies z.ZodType<Notification['data']>;

const personRef = z.object({ id: z.string(), displayName: z.string() });
/**
 * An outcome's recipient in a published case: a department, or, in a case published before
 * departments (issue 11), the official it was addressed to, read as a department of their name.
 */
const recipientRef = z.union([
  z.object({ id: z.string(), name: z.string() }),
  personRef.transform(({ id, displayName }) => ({ id, name: displayName })),
]);
const draftBlock = z.object({
  type: z.string(),
  text: z.string(),
  attrs: z.record(z.string(), z.unknown()),
  markdown: z.string().optional(),
});

/** A published case keeps its own copy of everything it shows. */
export const storedCaseDetail = z.object({
  id: z.string(),
  topicId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  level: z.enum(OrgLevels),
  title: z.string(),
  summary: z.string(),
  tags: z.array(z.string()),
  sectors: z.array(z.string()),
  year: z.number().int(),
  form: z.enum(OutcomeForms).nullable(),
  decision: z.enum(AnswerDecisions).nullable(),
  publishedAt: z.string(),
  timeline: z.array(
    z.object({
      from: z.enum(Stages),
      to: z.enum(Stages),
      actor: personRef,
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
  outcome: z.object({
    form: z.enum(OutcomeForms).nullable(),
    blocks: z.array(draftBlock),
    // Cases published before citations were kept have none: they read as an empty list.
    citations: z.array(citationSchema).default([]),
    recipients: z.array(recipientRef),
    dueDate: z.string().nullable(),
  }),
  answer: z
    .object({
      decision: z.enum(AnswerDecisions),
      measures: z.string(),
      reason: z.string(),
      answeredBy: personRef,
      answeredAt: z.string(),
    })
    .nullable(),
  ratings: z.array(z.object({ kind: z.enum(RaterKinds), score: z.number(), comment: z.string(), ratedBy: personRef })),
  participants: z.array(z.object({ displayName: z.string(), sector: z.string().nullable() })),
  publishedBy: personRef,
}) satisfies z.ZodType<CaseDetail>;

const turn = {
  userId: z.string(),
  displayName: z.string(),
  sector: z.string().nullable(),
  kind: z.enum(QueueSpeechKinds),
  replyTo: z.object({ userId: z.string(), displayName: z.string(), entryId: z.string() }).optional(),
  questionTo: z.object({ userId: z.string(), displayName: z.string() }).optional(),
  answerTo: z.object({ userId: z.string(), displayName: z.string(), entryId: z.string() }).optional(),
};

const placeReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('point_of_order') }),
  z.object({ code: z.literal('reply_to'), name: z.string() }),
  z.object({ code: z.literal('answer_to_question'), name: z.string() }),
  z.object({ code: z.literal('first_speech') }),
  z.object({ code: z.literal('repeat_speaker'), count: z.number().int() }),
  z.object({ code: z.literal('sector_balance'), sector: z.string().nullable() }),
  z.object({ code: z.literal('moved_by_chair') }),
  z.object({ code: z.literal('request_time') }),
]);

const limitSeconds = z.number().int().min(0);

const loggedTurn = z.object({
  entryId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  kind: z.enum(QueueSpeechKinds),
});

/** One record of a meeting's moderation log (`QueueLogRecord`). */
export const storedQueueLogRecord = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('placed'),
    turn: loggedTurn,
    index: z.number().int(),
    reason: placeReason,
    by: z.string(),
  }),
  z.object({
    type: z.literal('granted'),
    turn: loggedTurn,
    reason: placeReason.nullable(),
    outOfTurn: z.boolean(),
    by: z.string(),
  }),
  z.object({
    type: z.literal('moved'),
    turn: loggedTurn,
    from: z.number().int(),
    to: z.number().int(),
    by: z.string(),
  }),
  z.object({ type: z.enum(['removed', 'withdrawn']), turn: loggedTurn, by: z.string() }),
  z.object({ type: z.enum(['paused', 'resumed']), turn: loggedTurn, by: z.string() }),
  z.object({
    type: z.literal('time_added'),
    turn: loggedTurn,
    seconds: z.number().int(),
    limitSeconds: z.number().int(),
    by: z.string(),
  }),
  z.object({ type: z.literal('closed'), by: z.string() }),
]) satisfies z.ZodType<QueueLogRecord>;

/** A meeting's speaker queue as the pure queue package defines it. */
export const queueStateSchema = z.object({
  version: z.number().int().min(0),
  current: z
    .object({
      ...turn,
      entryId: z.string(),
      startedAt: z.number(),
      limitSeconds: z.number(),
      pausedAt: z.number().nullable(),
      pausedMs: z.number(),
    })
    .nullable(),
  waiting: z.array(z.object({ ...turn, id: z.string(), requestedAt: z.number(), reason: placeReason })),
  spoken: z.record(
    z.string(),
    z.object({
      displayName: z.string(),
      sector: z.string().nullable(),
      count: z.number().int(),
      totalMs: z.number(),
      speeches: z.number().int(),
    }),
  ),
  sectorTotals: z.record(z.string(), z.number()),
  repliesTo: z.record(z.string(), z.number().int()),
  settings: z.object({
    limits: z.object({
      speech: limitSeconds,
      reply: limitSeconds,
      point_of_order: limitSeconds,
      question: limitSeconds,
      answer: limitSeconds,
    }),
    maxRepliesPerSpeech: z.number().int().min(0),
    speechPolicy: z.enum(SpeechPolicies),
    sectorBalance: z.boolean(),
  }),
  closed: z.boolean(),
}) satisfies z.ZodType<QueueState>;

/** The answer kept for an applied queue command, given again to a retry of it. */
export const storedCommandAnswer = z.looseObject({ ok: z.literal(true) });

/** The version of the stored queue's shape; a change of `QueueState` adds the next and its upgrade. */
export const QUEUE_STATE_VERSION = 1;

/** How a queue is stored: its state with the version of its shape. */
export const storedQueue = z.object({ v: z.literal(QUEUE_STATE_VERSION), state: queueStateSchema });

/**
 * Reads a stored queue of any version this server knows and brings it to the current shape. Rows
 * written before versions were kept hold the bare state: that is version 0, the same shape as 1.
 */
export function upgradeStoredQueue(json: unknown): QueueState {
  const envelope = z.object({ v: z.number().int() }).safeParse(json);
  const v1 = envelope.success ? json : { v: 1, state: json };
  return storedQueue.parse(v1).state;
}

/** A proposal's record (`proposals.record`): the whole `Proposal` of `@yishi/duty`. */
export const storedProposal = z.object({
  id: z.string(),
  orgId: z.string(),
  status: z.enum(ProposalStatuses),
  number: z.string().nullable(),
  authorId: z.string(),
  cosigners: z.array(z.object({ userId: z.string(), invitedAt: z.string(), confirmedAt: z.string().nullable() })),
  title: z.string(),
  reasons: z.string(),
  suggestions: z.string(),
  category: z.enum(DutyCategories),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  decision: z.enum(ReviewDecisions).nullable(),
  reason: z.string().nullable(),
  leadDepartmentId: z.string().nullable(),
  coDepartmentIds: z.array(z.string()),
  dueDate: z.string().nullable(),
  mergedInto: z.string().nullable(),
  replies: z.array(
    z.object({
      departmentId: z.string(),
      classification: z.enum(ReplyClassifications),
      body: z.string(),
      by: z.string(),
      at: z.string(),
      round: z.union([z.literal(1), z.literal(2)]),
    }),
  ),
  assessments: z.array(
    z.object({
      satisfaction: z.enum(Satisfactions),
      comment: z.string(),
      by: z.string(),
      at: z.string(),
      round: z.union([z.literal(1), z.literal(2)]),
    }),
  ),
  round: z.union([z.literal(1), z.literal(2)]),
  key: z.boolean(),
  closedAt: z.string().nullable(),
  convertedToOpinionId: z.string().nullable(),
}) satisfies z.ZodType<Proposal>;

/** A public-opinion report's record (`opinions.record`): the whole `Opinion` of `@yishi/duty`. */
export const storedOpinion = z.object({
  id: z.string(),
  orgId: z.string(),
  authorId: z.string(),
  title: z.string(),
  body: z.string(),
  category: z.enum(DutyCategories),
  status: z.enum(OpinionStatuses),
  submittedAt: z.string(),
  handledBy: z.string().nullable(),
  handledAt: z.string().nullable(),
  note: z.string().nullable(),
  editedBy: z.string().nullable(),
  editedAt: z.string().nullable(),
  bulletinIds: z.array(z.string()),
  instructions: z.array(
    z.object({ by: z.string(), text: z.string(), date: z.string(), recordedBy: z.string(), recordedAt: z.string() }),
  ),
  fromProposalId: z.string().nullable(),
}) satisfies z.ZodType<Opinion>;

/** A bulletin's record (`bulletins.record`): the whole `Bulletin` of `@yishi/duty`. */
export const storedBulletin = z.object({
  id: z.string(),
  orgId: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  opinionIds: z.array(z.string()),
  compiledBy: z.string(),
  compiledAt: z.string(),
}) satisfies z.ZodType<Bulletin>;
