/**
 * Straw polls (表决, 意向调查) in an open meeting. The server keeps the poll and its ballots, hands
 * them to these functions with who is acting and the time, and stores and broadcasts what comes back;
 * nothing here reads a clock or makes an id.
 */

/** One choice, several choices, or the fixed yes / no / abstain. */
export const PollKinds = ['single', 'multiple', 'yes_no_abstain'] as const;
export type PollKind = (typeof PollKinds)[number];

/** Made (not yet visible to vote on), open for ballots, or closed with its result. */
export const PollStatuses = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof PollStatuses)[number];

/** The options of a yes / no / abstain poll, as codes that each client words in its language. */
export const YesNoAbstain = ['yes', 'no', 'abstain'] as const;

export const POLL_LIMITS = {
  question: 500,
  option: 200,
  minOptions: 2,
  maxOptions: 10,
} as const;

/**
 * Who is acting, by their role in the meeting's room: the chair and the secretariat run polls, the
 * participants (members and officials of the topic) vote, observers only watch.
 */
export const PollRoles = ['chair', 'secretariat', 'member', 'official', 'observer'] as const;
export type PollRole = (typeof PollRoles)[number];

export interface PollActor {
  userId: string;
  displayName: string;
  role: PollRole;
}

export interface Poll {
  id: string;
  meetingId: string;
  question: string;
  /** The options' words; for `yes_no_abstain`, the codes of `YesNoAbstain`. */
  options: string[];
  kind: PollKind;
  /** A secret poll's result says how many chose each option, never who chose what. */
  secret: boolean;
  status: PollStatus;
  createdBy: string;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

/** One voter's ballot: the indexes of the options chosen. The last one cast counts. */
export interface Ballot {
  userId: string;
  displayName: string;
  choices: number[];
}

/** What a closed poll says: `tally[i]` counts option i; `voters` only when the poll was not secret. */
export interface PollResult {
  pollId: string;
  tally: number[];
  /** How many ballots were cast. */
  ballots: number;
  voters?: Ballot[];
}

export interface NewPoll {
  question: string;
  /** Two to ten options; none for `yes_no_abstain`, whose three are fixed. */
  options?: string[];
  kind: PollKind;
  secret: boolean;
}

export type PollErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION';

export interface PollError {
  code: PollErrorCode;
  /** In words a chair understands (English; the UI translates by code). */
  message: string;
}

export type PollOutcome<T> = { ok: true; value: T } | { ok: false; error: PollError };
