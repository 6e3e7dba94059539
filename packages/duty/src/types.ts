/**
 * The member duty platform (委员履职平台, docs/design.md §6): proposals (提案), public-opinion reports
 * (社情民意信息) with their bulletins (专报), and the duty record's score (履职档案). The server keeps
 * the records, hands them to these functions with who is acting, the time and any id or number it
 * allocated, and stores what comes back; nothing here reads a clock or makes an id.
 */

/** The roles of the organisation the record belongs to, as the protocol names them. */
export const DutyRoles = ['admin', 'secretariat', 'chair', 'member', 'official', 'observer'] as const;
export type DutyRole = (typeof DutyRoles)[number];

/**
 * Who is acting: their role in the organisation of the proposal or report, and, for an official,
 * the department (承办单位) their membership names.
 */
export interface DutyActor {
  userId: string;
  role: DutyRole;
  departmentId: string | null;
}

/**
 * The time of a command: `now` as ISO-8601, and `today` as `YYYY-MM-DD` in the committee's time
 * zone, because due dates and instruction dates are calendar days there, not UTC days.
 */
export interface DutyClock {
  now: string;
  today: string;
}

/** The subjects that proposals and reports are filed under, as codes each client words in its language. */
export const DutyCategories = [
  'economy',
  'agriculture',
  'ecology',
  'education',
  'health',
  'society',
  'culture',
  'science',
  'governance',
  'other',
] as const;
export type DutyCategory = (typeof DutyCategories)[number];

// ---------------------------------------------------------------------------------------------
// Proposals (提案)
// ---------------------------------------------------------------------------------------------

/** docs/design.md §6: draft → submitted → handling ⇄ replied → closed, or not_accepted / merged at review. */
export const ProposalStatuses = [
  'draft',
  'submitted',
  'handling',
  'replied',
  'closed',
  'not_accepted',
  'merged',
] as const;
export type ProposalStatus = (typeof ProposalStatuses)[number];

export const ReviewDecisions = ['accepted', 'not_accepted', 'merged'] as const;
export type ReviewDecision = (typeof ReviewDecisions)[number];

/** A: solved or being solved; B: planned; C: kept for reference. */
export const ReplyClassifications = ['A', 'B', 'C'] as const;
export type ReplyClassification = (typeof ReplyClassifications)[number];

export const Satisfactions = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof Satisfactions)[number];

/** Round 2 exists only after the author found the first round's replies unsatisfying. */
export type ProposalRound = 1 | 2;

/**
 * Text lengths count UTF-16 code units after trimming, as the protocol's schemas do (one per Chinese
 * character). A proposal's reasons and suggestions are a real document; the review reason and the
 * assessment comment are a paragraph, like the protocol's other reasons and comments.
 */
export const PROPOSAL_LIMITS = {
  title: 200,
  reasons: 20_000,
  suggestions: 20_000,
  reviewReason: 2_000,
  replyBody: 20_000,
  assessmentComment: 2_000,
  cosigners: 50,
  coDepartments: 10,
} as const;

/** A member invited to co-sign (联名); `confirmedAt` is null until they confirm. */
export interface Cosigner {
  userId: string;
  invitedAt: string;
  confirmedAt: string | null;
}

/** One department's answer in one round. */
export interface ProposalReply {
  departmentId: string;
  classification: ReplyClassification;
  body: string;
  by: string;
  at: string;
  round: ProposalRound;
}

/** The lead author's assessment of a round's replies. */
export interface ProposalAssessment {
  satisfaction: Satisfaction;
  comment: string;
  by: string;
  at: string;
  round: ProposalRound;
}

export interface Proposal {
  id: string;
  orgId: string;
  status: ProposalStatus;
  /** `2026-0007`, allocated by the server when the proposal is accepted; null until then. */
  number: string | null;
  /** The lead author (第一提案人), a member. */
  authorId: string;
  cosigners: Cosigner[];
  title: string;
  reasons: string;
  suggestions: string;
  category: DutyCategory;
  createdAt: string;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  decision: ReviewDecision | null;
  /** Why it was not accepted (required then), or a note with the other decisions. */
  reason: string | null;
  leadDepartmentId: string | null;
  coDepartmentIds: string[];
  /** `YYYY-MM-DD`, the day the lead department's reply is due. */
  dueDate: string | null;
  /** The proposal this one was merged into (并案). */
  mergedInto: string | null;
  replies: ProposalReply[];
  assessments: ProposalAssessment[];
  round: ProposalRound;
  /** A key proposal (重点提案), flagged by the chair. */
  key: boolean;
  /** When it reached closed, not_accepted or merged. */
  closedAt: string | null;
  /** The opinion report the author turned this not-accepted proposal into. */
  convertedToOpinionId: string | null;
}

export interface ProposalInput {
  title: string;
  reasons: string;
  suggestions: string;
  category: DutyCategory;
}

/** Who is being invited to co-sign, with their role in the proposal's organisation. */
export interface Invitee {
  userId: string;
  role: DutyRole;
}

export interface ReviewInput {
  decision: ReviewDecision;
  reason?: string;
  leadDepartmentId?: string;
  coDepartmentIds?: string[];
  dueDate?: string;
  mergedInto?: string;
}

export interface ReplyInput {
  departmentId: string;
  classification: ReplyClassification;
  body: string;
}

export interface AssessmentInput {
  satisfaction: Satisfaction;
  comment: string;
}

// ---------------------------------------------------------------------------------------------
// Public-opinion reports (社情民意信息) and bulletins (专报)
// ---------------------------------------------------------------------------------------------

export const OpinionStatuses = ['submitted', 'adopted', 'not_adopted'] as const;
export type OpinionStatus = (typeof OpinionStatuses)[number];

export const OpinionDecisions = ['adopted', 'not_adopted'] as const;
export type OpinionDecision = (typeof OpinionDecisions)[number];

/**
 * A report's body holds a converted proposal's reasons and suggestions (20,000 each) with room to
 * spare; a bulletin gathers at most 50 reports, about what one issue of a 专报 can carry.
 */
export const OPINION_LIMITS = {
  title: 200,
  body: 50_000,
  note: 2_000,
  instructionBy: 200,
  instructionText: 5_000,
  bulletinTitle: 200,
  bulletinOpinions: 50,
} as const;

/** A leader's instruction (批示) on an adopted report, as the secretariat or the chair recorded it. */
export interface Instruction {
  /** The leader's name and post, as written on the instruction. */
  by: string;
  text: string;
  /** `YYYY-MM-DD`, the day the leader wrote it. */
  date: string;
  recordedBy: string;
  recordedAt: string;
}

export interface Opinion {
  id: string;
  orgId: string;
  authorId: string;
  title: string;
  body: string;
  category: DutyCategory;
  status: OpinionStatus;
  submittedAt: string;
  handledBy: string | null;
  handledAt: string | null;
  /** Why it was not adopted (required then), or the secretariat's note on adopting it. */
  note: string | null;
  editedBy: string | null;
  editedAt: string | null;
  /** The bulletins that include it. */
  bulletinIds: string[];
  instructions: Instruction[];
  /** The not-accepted proposal it was converted from. */
  fromProposalId: string | null;
}

export interface OpinionInput {
  title: string;
  body: string;
  category: DutyCategory;
}

export interface HandleOpinionInput {
  decision: OpinionDecision;
  note: string;
}

export interface Bulletin {
  id: string;
  orgId: string;
  /** The issue number the server allocated (期号), if the organisation numbers its bulletins. */
  number: string | null;
  title: string;
  opinionIds: string[];
  compiledBy: string;
  compiledAt: string;
}

export interface BulletinInput {
  title: string;
  opinionIds: string[];
}

export interface InstructionInput {
  by: string;
  text: string;
  date: string;
}

// ---------------------------------------------------------------------------------------------
// The duty record (履职档案)
// ---------------------------------------------------------------------------------------------

export const DutyCountKeys = [
  'meetingsAttended',
  'speeches',
  'topics',
  'research',
  'proposalsLead',
  'proposalsCosigned',
  'proposalsAccepted',
  'opinionsSubmitted',
  'opinionsAdopted',
  'opinionsInstructed',
] as const;
export type DutyCountKey = (typeof DutyCountKeys)[number];

/** What a member did in a year, each a non-negative whole number. */
export type DutyCounts = Record<DutyCountKey, number>;

/** What each item of `DutyCounts` is worth: 0 to 100, with at most one decimal place. */
export type DutyWeights = Record<DutyCountKey, number>;

export const DUTY_WEIGHT_MAX = 100;

/** One item of a member's duty record that a proposal or report earns them. */
export interface DutyCredit {
  userId: string;
  count: DutyCountKey;
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

export type DutyErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION';

/**
 * Why a command was refused, as a stable code for the UI's messages and the tests: `FORBIDDEN`
 * reasons name who may act, `CONFLICT` reasons what the record's state lacks, `VALIDATION`
 * reasons what is wrong with the input.
 */
export const DutyRefusalReasons = [
  // FORBIDDEN
  'not_member',
  'not_author',
  'not_invited',
  'not_secretariat',
  'not_chair',
  'not_secretariat_or_chair',
  'not_official',
  'not_your_department',
  'department_not_assigned',
  // CONFLICT
  'wrong_status',
  'pending_cosigners',
  'already_invited',
  'cosigner_limit',
  'no_invitations',
  'already_cosigned',
  'already_replied',
  'already_converted',
  // VALIDATION
  'required',
  'too_long',
  'unknown_category',
  'invitee_not_member',
  'invitee_is_author',
  'unknown_cosigner',
  'unknown_decision',
  'unknown_department',
  'duplicate_department',
  'lead_among_co_departments',
  'too_many_co_departments',
  'invalid_date',
  'due_date_not_future',
  'number_missing',
  'merged_into_self',
  'unknown_classification',
  'unknown_satisfaction',
  'no_opinions',
  'too_many_opinions',
  'duplicate_opinion',
  'unknown_opinion',
  'opinion_not_adopted',
  'opinion_other_org',
  'date_in_future',
  'unknown_weight',
  'invalid_weight',
] as const;
export type DutyRefusalReason = (typeof DutyRefusalReasons)[number];

export interface DutyError {
  code: DutyErrorCode;
  reason: DutyRefusalReason;
  /** In plain English for logs and developers; the UI words it from `code` and `reason`. */
  message: string;
  /** For `VALIDATION`, the input field at fault, so that a form can mark it. */
  field?: string;
}

export type DutyOutcome<T> = { ok: true; value: T } | { ok: false; error: DutyError };
