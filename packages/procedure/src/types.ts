/**
 * The data the procedure reasons about. The server loads a TopicSnapshot from its store, asks the
 * procedure what may happen, and stores what it answers; nothing here reads a clock or the store.
 */

/** Stages of a topic (docs/design.md), in procedure order, then the two side exits. */
export const Stages = [
  'proposed',
  'vetting',
  'preparation',
  'consultation',
  'drafting',
  'delivered',
  'feedback',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type Stage = (typeof Stages)[number];

/** The six forms an outcome can take (明一). */
export const OutcomeForms = [
  'recommendation', // 建议案
  'proposal', // 提案
  'public_opinion', // 社情民意信息
  'minutes', // 协商纪要
  'research_report', // 调研报告
  'special_report', // 专报
] as const;
export type OutcomeForm = (typeof OutcomeForms)[number];

export const AnswerDecisions = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type AnswerDecision = (typeof AnswerDecisions)[number];

/** Who rates the answer (明三): the chair, and the party committee's contact (书记满意、主席得意). */
export const RaterKinds = ['chair', 'party_contact'] as const;
export type RaterKind = (typeof RaterKinds)[number];

/**
 * What an actor is with respect to one topic. Organisation roles come from the actor's membership
 * in the topic's organisation or above it; the others from the topic itself.
 */
export const TopicRoles = [
  'admin',
  'secretariat',
  'chair',
  'member',
  'official',
  'observer',
  'proposer',
  'participant',
  'recipient',
  'party_contact',
] as const;
export type TopicRole = (typeof TopicRoles)[number];

export interface ProcedureActor {
  userId: string;
  roles: ReadonlySet<TopicRole>;
}

/** Thresholds of the gates; settings of the organisation, with docs/design.md's defaults. */
export interface GateSettings {
  /** Research reports needed before consultation and before a meeting opens (default 1). */
  minResearchReports: number;
  /** Distinct speakers an ended meeting needs before the topic leaves consultation (default 2). */
  minDistinctSpeakers: number;
  /**
   * Whether, when officials of the departments concerned take part, one of them must have answered a
   * question or replied to a speech in an ended meeting (or the chair recorded why not) before the
   * topic leaves consultation (default yes).
   */
  requireOfficialExchange: boolean;
}

export const defaultGateSettings: GateSettings = {
  minResearchReports: 1,
  minDistinctSpeakers: 2,
  requireOfficialExchange: true,
};

export interface VettingAnswer {
  answer: boolean;
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

export interface MeetingSnapshot {
  id: string;
  status: 'scheduled' | 'open' | 'ended';
  /** Distinct speakers in the meeting's speech log. */
  distinctSpeakers: number;
  /** Who answered a question put to them, or replied to a speech, in the meeting's speech log. */
  answeredBy: string[];
}

/** Everything the gates read about one topic. Times are ISO-8601 strings. */
export interface TopicSnapshot {
  id: string;
  stage: Stage;
  vetting: { relevance: VettingAnswer | null; remit: VettingAnswer | null };
  /** `official`: a representative of a department concerned (the organisation role `official`). */
  participants: { userId: string; assessment: string; official: boolean }[];
  researchReports: number;
  meetings: MeetingSnapshot[];
  outcome: {
    form: OutcomeForm | null;
    recipients: string[];
    dueDate: string | null;
    partyContactId: string | null;
    /** Whether the co-drafted text has any content. */
    draftNonEmpty: boolean;
  };
  /** The recipient's answer in the current round (a reopened topic starts a new round). */
  answer: { decision: AnswerDecision; answeredBy: string } | null;
  ratings: { kind: RaterKind; score: number; ratedBy: string }[];
  settings: GateSettings;
  /**
   * Gates the chair made an exception to in this round, each with a reason kept in the history (the
   * transition that recorded it). Only the gates in `WaivableGates` can be.
   */
  waived: GateCode[];
}

/** The named gates. Each is a predicate over a TopicSnapshot; `unmet` lists them by these codes. */
export const GateCodes = [
  'relevance_yes',
  'remit_yes',
  'vetting_has_no',
  'participant_assessed',
  'participants_all_noted',
  'research_report',
  'meeting_with_speakers',
  'official_exchange',
  'no_open_meeting',
  'outcome_form_set',
  'draft_not_empty',
  'recipients_set',
  'due_date_set',
  'answer_recorded',
  'chair_rating',
  'party_contact_rating',
  'stage_consultation',
] as const;
export type GateCode = (typeof GateCodes)[number];

/**
 * Gates the chair may make an exception to, with a reason, when the edge is taken: what they ask
 * for can fail to happen for reasons outside the body's hands (no department came to answer).
 */
export const WaivableGates = ['official_exchange'] as const satisfies readonly GateCode[];
export type WaivableGate = (typeof WaivableGates)[number];

export interface UnmetGate {
  code: GateCode;
  /** In words a chair understands (English; the UI translates by code). */
  message: string;
}

/** A stage change and what the server must do with it. */
export type ProcedureEvent =
  | {
      type: 'stage_changed';
      from: Stage;
      to: Stage;
      actorId: string;
      at: string;
      reason: string | null;
      /** Gates of the edge that did not hold and that the chair made an exception to, for `reason`. */
      waived: WaivableGate[];
    }
  /** Leaving drafting for delivery freezes the draft as the final version. */
  | { type: 'draft_frozen'; at: string }
  /** Reopening to consultation starts a new round of answer and ratings. */
  | { type: 'round_started'; at: string };

export type ProcedureErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'GATE_BLOCKED' | 'VALIDATION';

export type AdvanceResult =
  | { ok: true; topic: TopicSnapshot; events: ProcedureEvent[] }
  | { ok: false; error: { code: ProcedureErrorCode; message: string; unmet?: UnmetGate[] } };

/** The 8 steps (两问·三要·三明确), for the stepper. */
export type StepStatus = 'done' | 'open' | 'blocked';
export interface StepState {
  step: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
  key:
    'relevance' | 'remit' | 'participants' | 'research' | 'interaction' | 'outcome_form' | 'application' | 'assessment';
  phase: 'before' | 'during' | 'after';
  status: StepStatus;
  /** The gates of this step not met yet. */
  unmet: UnmetGate[];
}
