/**
 * The data of a meeting's speaker queue. The server keeps a QueueState per open meeting, hands it to
 * `apply` with the command, the actor and the time, and stores and broadcasts what comes back; nothing
 * here reads a clock or makes an id.
 */

/** What a participant can ask the floor for. */
export const RaisableKinds = ['speech', 'reply', 'point_of_order', 'question'] as const;
export type RaisableKind = (typeof RaisableKinds)[number];

/** Every kind of turn; `answer` is made by the queue when a question finishes, never raised. */
export const SpeechKinds = [...RaisableKinds, 'answer'] as const;
export type SpeechKind = (typeof SpeechKinds)[number];

/** The actor's role as the server maps it for this meeting (docs/design.md). */
export const QueueRoles = ['chair', 'secretariat', 'member', 'official', 'observer'] as const;
export type QueueRole = (typeof QueueRoles)[number];

/**
 * How speeches and questions are ordered: first-time speakers before repeat speakers (then by
 * request time), or purely by request time.
 */
export const SpeechPolicies = ['first_time_first', 'by_request_time'] as const;
export type SpeechPolicy = (typeof SpeechPolicies)[number];

/** Set per meeting; `defaultSettings` holds the defaults. */
export interface QueueSettings {
  /** Time limit of each kind of turn, in seconds. */
  limits: Record<SpeechKind, number>;
  /** Replies accepted per speech; one more is refused with CONFLICT. */
  maxRepliesPerSpeech: number;
  speechPolicy: SpeechPolicy;
  /** Among speeches of equal first-time status, the sector that has spoken less goes first. */
  sectorBalance: boolean;
}

/** A person as the queue names them. */
export interface PersonRef {
  userId: string;
  displayName: string;
}

/** A person's turn: the entry it came from and who holds it. */
export interface EntryRef extends PersonRef {
  entryId: string;
}

/**
 * Why an entry sits where it does, decided when it was placed; the UI translates it by `code`.
 * `repeat_speaker.count` is the ordinal of the coming speech (2 = the second time).
 */
export type PlaceReason =
  | { code: 'point_of_order' }
  | { code: 'reply_to'; name: string }
  | { code: 'answer_to_question'; name: string }
  | { code: 'first_speech' }
  | { code: 'repeat_speaker'; count: number }
  | { code: 'sector_balance'; sector: string | null }
  | { code: 'moved_by_chair' }
  | { code: 'request_time' };

/** Who speaks and what about; shared by a waiting entry and the turn on the floor. */
export interface Turn {
  userId: string;
  displayName: string;
  /** The speaker's sector (界别); null for people outside the sectors, such as officials. */
  sector: string | null;
  kind: SpeechKind;
  /** For a reply: the speech it answers. */
  replyTo?: EntryRef;
  /** For a question: the official it is put to. */
  questionTo?: PersonRef;
  /** For an answer: the question (its entry) and who asked it. */
  answerTo?: EntryRef;
}

/** A request for the floor, waiting. */
export interface Entry extends Turn {
  id: string;
  /** Epoch milliseconds. */
  requestedAt: number;
  reason: PlaceReason;
}

/**
 * The turn on the floor. The server holds start, limit and pauses; every client computes the same
 * countdown from them (see `remainingMs`).
 */
export interface Current extends Turn {
  entryId: string;
  /** Epoch milliseconds. */
  startedAt: number;
  limitSeconds: number;
  /** When the running pause began; null while the clock runs. */
  pausedAt: number | null;
  /** Paused time of the pauses already ended. */
  pausedMs: number;
}

/** What one person has said in this meeting, for the fairness rules and the totals. */
export interface SpeakerRecord {
  displayName: string;
  sector: string | null;
  /** Finished turns of every kind. */
  count: number;
  /** Their speaking time, pauses excluded. */
  totalMs: number;
  /** Finished speeches and questions: what makes someone a repeat speaker. */
  speeches: number;
}

export interface QueueState {
  /** Increases by exactly 1 with every accepted command. */
  version: number;
  current: Current | null;
  waiting: Entry[];
  spoken: Record<string, SpeakerRecord>;
  /** Speaking time per sector, pauses excluded. */
  sectorTotals: Record<string, number>;
  /** Replies raised to a speech still on the floor, by its entry id (withdrawn ones give the place back). */
  repliesTo: Record<string, number>;
  settings: QueueSettings;
  /** A closed meeting's queue is read-only. */
  closed: boolean;
}

/** Everything a participant or the chair can ask of the queue. */
export type QueueCommand =
  | { type: 'raise'; kind: RaisableKind; questionTo?: PersonRef }
  | { type: 'withdraw'; entryId: string }
  | { type: 'grant'; entryId: string }
  | { type: 'next' }
  | { type: 'move'; entryId: string; index: number }
  | { type: 'remove'; entryId: string }
  | { type: 'finish' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'addTime'; seconds: number }
  | { type: 'close' };
export type QueueCommandType = QueueCommand['type'];

export interface QueueActor {
  userId: string;
  role: QueueRole;
  displayName: string;
  sector: string | null;
}

/** What the server injects: the time (epoch ms), an id generator, and who is acting. */
export interface QueueContext {
  now: number;
  newId: () => string;
  actor: QueueActor;
}

/** Why a turn ended: the command that ended it. */
export type FinishCause = 'finish' | 'next' | 'grant' | 'close';

/** A turn that ended: everything the speech log records. */
export interface FinishedSpeech extends Turn {
  entryId: string;
  startedAt: number;
  endedAt: number;
  /** Time on the floor, pauses excluded; never negative. */
  durationMs: number;
  pausedMs: number;
  limitSeconds: number;
  overTime: boolean;
  cause: FinishCause;
  finishedBy: string;
}

/** What changed; the server logs `speech_finished` and broadcasts the new state after every success. */
export type QueueEvent =
  | { type: 'entry_added'; entry: Entry; index: number }
  | { type: 'entry_removed'; entry: Entry; cause: 'withdrawn' | 'removed'; by: string }
  | { type: 'entry_moved'; entryId: string; from: number; to: number; by: string }
  | { type: 'speech_started'; current: Current; by: string }
  | ({ type: 'speech_finished' } & FinishedSpeech)
  | { type: 'speech_paused'; entryId: string; at: number; by: string }
  | { type: 'speech_resumed'; entryId: string; at: number; pausedMs: number; by: string }
  | { type: 'time_added'; entryId: string; seconds: number; limitSeconds: number; by: string }
  | { type: 'queue_closed'; at: number; by: string };

export type QueueErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'VALIDATION';

export interface QueueError {
  code: QueueErrorCode;
  /** In words a chair understands (English; the UI translates by code). */
  message: string;
}

export type QueueResult = { ok: true; state: QueueState; events: QueueEvent[] } | { ok: false; error: QueueError };
