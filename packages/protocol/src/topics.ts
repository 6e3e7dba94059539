import { z } from 'zod';
import {
  AnswerDecisions,
  OutcomeForms,
  RaterKinds,
  Stages,
  WaivableGates,
  type AnswerDecision,
  type AvailableTransition,
  type GateSettings,
  type OutcomeForm,
  type RaterKind,
  type Stage,
  type StepState,
  type UnmetGate,
  type WaivableGate,
} from '@yishi/procedure';
import {
  MeetingForms,
  MeetingModes,
  SpeechKinds,
  type MeetingForm,
  type MeetingMode,
  type OrgLevel,
  type Role,
  type SpeechKind,
} from './constants.js';
import { FieldLimits } from './limits.js';
import type { DepartmentRef } from './departments.js';
import { idSchema, pageQuery, type PageInfo } from './schemas.js';

export { AnswerDecisions, OutcomeForms, RaterKinds, Stages, WaivableGates };
export type { AnswerDecision, GateSettings, OutcomeForm, RaterKind, Stage, StepState, UnmetGate, WaivableGate };

const text = (max: number) => z.string().trim().min(1).max(max);
const tags = z.array(text(FieldLimits.topic.tag)).max(FieldLimits.topic.tags);
/** A calendar date, `YYYY-MM-DD`. */
const dateSchema = z.iso.date();
const dateTimeSchema = z.iso.datetime({ offset: true });

// ---- request bodies -------------------------------------------------------------------------

export const createTopicBody = z.strictObject({
  orgId: idSchema,
  title: text(FieldLimits.topic.title),
  summary: text(FieldLimits.topic.summary),
  tags: tags.optional(),
});
export type CreateTopicBody = z.infer<typeof createTopicBody>;

export const topicsQuery = z.strictObject({
  orgId: idSchema.optional(),
  stage: z.enum(Stages).optional(),
  tag: text(FieldLimits.topic.tag).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQuery,
});
export type TopicsQuery = z.infer<typeof topicsQuery>;

const vettingAnswer = z.strictObject({ answer: z.boolean(), reason: text(FieldLimits.reason) });
export const vettingBody = z
  .strictObject({ relevance: vettingAnswer, remit: vettingAnswer })
  .partial()
  .refine((b) => b.relevance !== undefined || b.remit !== undefined, 'answer at least one question');
export type VettingBody = z.infer<typeof vettingBody>;

export const participantBody = z.strictObject({
  userId: idSchema,
  /** The assessment note (要一); may be written later, but every participant needs one to proceed. */
  assessment: z.string().trim().max(FieldLimits.assessment),
});
export type ParticipantBody = z.infer<typeof participantBody>;

export const researchBody = z.strictObject({
  title: text(FieldLimits.research.title),
  summary: text(FieldLimits.research.summary),
  /** Markdown; rendered without raw HTML. */
  body: text(FieldLimits.research.body),
  authors: z.array(text(FieldLimits.research.author)).max(FieldLimits.research.authors).optional(),
  date: dateSchema.optional(),
});
export type ResearchBody = z.infer<typeof researchBody>;

export const advanceBody = z.strictObject({
  to: z.enum(Stages),
  reason: z.string().trim().max(FieldLimits.reason).nullish(),
  /** Gates the chair makes an exception to, for `reason` (only `official_exchange`, 要三). */
  waive: z.array(z.enum(WaivableGates)).max(WaivableGates.length).optional(),
});
export type AdvanceBody = z.infer<typeof advanceBody>;

/**
 * A meeting's video conference: an existing conference system's meeting link (https only), or a
 * conference embedded in the room through Jitsi Meet, whose room the server names (a client names
 * none: a `roomName` here is refused). `GET /api/meetings/:id/video` says how to join it.
 */
export const meetingVideoSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('link'),
    url: z.url({ protocol: /^https$/ }).max(FieldLimits.meeting.videoUrl),
  }),
  z.strictObject({ provider: z.literal('jitsi') }),
]);
export type MeetingVideo = z.infer<typeof meetingVideoSchema>;

export const createMeetingBody = z
  .strictObject({
    title: text(FieldLimits.meeting.title),
    startsAt: dateTimeSchema,
    form: z.enum(MeetingForms).default('thematic'),
    mode: z.enum(MeetingModes).default('in_person'),
    /** A liaison station or consultation room in the topic's organisation tree. */
    placeId: idSchema.optional(),
    /** Or a place in words. */
    location: text(FieldLimits.meeting.location).optional(),
    video: meetingVideoSchema.optional(),
  })
  .refine((b) => !(b.placeId && b.location), { message: 'a place or a location, not both', path: ['location'] });
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;
/** What a client sends: `form` and `mode` may be left to their defaults. */
export type CreateMeetingInput = z.input<typeof createMeetingBody>;

/** A speech given in a meeting held in person, recorded by the secretariat afterwards. */
export const recordSpeechBody = z
  .strictObject({
    speakerId: idSchema,
    kind: z.enum(SpeechKinds),
    startedAt: dateTimeSchema,
    endedAt: dateTimeSchema,
  })
  .refine((b) => Date.parse(b.endedAt) >= Date.parse(b.startedAt), {
    message: 'must not be before startedAt',
    path: ['endedAt'],
  });
export type RecordSpeechBody = z.infer<typeof recordSpeechBody>;

/**
 * When an ended meeting really began and ended, as the secretariat records it afterwards (a meeting
 * held in the hall and opened in Yishi late, or closed long after it ended). The minutes print these.
 */
export const meetingTimesBody = z
  .strictObject({ openedAt: dateTimeSchema, endedAt: dateTimeSchema })
  .refine((b) => Date.parse(b.endedAt) > Date.parse(b.openedAt), {
    message: 'must be after openedAt',
    path: ['endedAt'],
  });
export type MeetingTimesBody = z.infer<typeof meetingTimesBody>;

export const outcomeBody = z.strictObject({
  form: z.enum(OutcomeForms),
  /** The departments (承办单位) of the topic's organisation that must answer. */
  recipientDepartmentIds: z.array(idSchema).min(1).max(20),
  dueDate: dateSchema,
  partyContactId: idSchema.nullish(),
});
export type OutcomeBody = z.infer<typeof outcomeBody>;

export const answerBody = z.strictObject({
  decision: z.enum(AnswerDecisions),
  measures: text(FieldLimits.answer.measures),
  reason: z.string().trim().max(FieldLimits.answer.reason),
});
export type AnswerBody = z.infer<typeof answerBody>;

export const ratingBody = z.strictObject({
  score: z.number().int().min(FieldLimits.rating.scoreMin).max(FieldLimits.rating.scoreMax),
  comment: z.string().trim().max(FieldLimits.rating.comment),
  /** Which rating this is, when the rater could give both. */
  as: z.enum(RaterKinds).optional(),
});
export type RatingBody = z.infer<typeof ratingBody>;

export const orgSettingsBody = z
  .strictObject({
    minResearchReports: z.number().int().min(0).max(FieldLimits.gates.minResearchReportsMax),
    minDistinctSpeakers: z
      .number()
      .int()
      .min(FieldLimits.gates.minDistinctSpeakersMin)
      .max(FieldLimits.gates.minDistinctSpeakersMax),
    requireOfficialExchange: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type OrgSettingsBody = z.infer<typeof orgSettingsBody>;

export const topicParams = z.strictObject({ id: idSchema });
export const topicParticipantParams = z.strictObject({ id: idSchema, userId: idSchema });

// ---- responses -------------------------------------------------------------------------------

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface TopicSummary {
  id: string;
  orgId: string;
  orgName: string;
  level: OrgLevel;
  title: string;
  summary: string;
  tags: string[];
  stage: Stage;
  proposer: PersonRef;
  year: number;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/topics`: a page of the topics, the most recently changed first. */
export interface TopicsPage extends PageInfo {
  topics: TopicSummary[];
}

export interface VettingView {
  answer: boolean;
  reason: string;
  decidedBy: PersonRef;
  decidedAt: string;
}

export interface ParticipantView {
  userId: string;
  displayName: string;
  role: Role;
  sector: string | null;
  expertise: string[];
  assessment: string;
  addedAt: string;
}

export interface SuggestionReason {
  kind: 'sector' | 'expertise';
  /** The member's sector or expertise tag that matched. */
  value: string;
  /** The topic's tag it matched. */
  tag: string;
}

export interface ParticipantSuggestion {
  userId: string;
  displayName: string;
  role: Role;
  sector: string | null;
  expertise: string[];
  score: number;
  reasons: SuggestionReason[];
}

export interface ResearchReport {
  id: string;
  title: string;
  authors: string[];
  summary: string;
  body: string;
  date: string;
  createdBy: PersonRef;
  createdAt: string;
}

export const MeetingStatuses = ['scheduled', 'open', 'ended'] as const;
export type MeetingStatus = (typeof MeetingStatuses)[number];

export interface Meeting {
  id: string;
  topicId: string;
  title: string;
  startsAt: string;
  status: MeetingStatus;
  openedAt: string | null;
  endedAt: string | null;
  distinctSpeakers: number;
  form: MeetingForm;
  mode: MeetingMode;
  /** The liaison station or consultation room it is held at, or null. */
  place: { id: string; name: string } | null;
  /** The place in words, when it is not one of the organisation tree's. */
  location: string | null;
  video: MeetingVideo | null;
}

export interface Speech {
  id: string;
  meetingId: string;
  speaker: PersonRef;
  kind: SpeechKind;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
}

export interface OutcomeView {
  form: OutcomeForm | null;
  /** The departments (承办单位) that must answer, by name. */
  recipients: DepartmentRef[];
  dueDate: string | null;
  partyContact: PersonRef | null;
  draftNonEmpty: boolean;
}

export interface AnswerView {
  decision: AnswerDecision;
  measures: string;
  reason: string;
  answeredBy: PersonRef;
  answeredAt: string;
}

export interface RatingView {
  kind: RaterKind;
  score: number;
  comment: string;
  ratedBy: PersonRef;
  ratedAt: string;
}

export interface TransitionRecord {
  id: string;
  from: Stage;
  to: Stage;
  actor: PersonRef;
  reason: string | null;
  at: string;
  /** Gates of the procedure the chair made an exception to with this transition, for `reason`. */
  waived: WaivableGate[];
}

/** A way out of the current stage, with whether the signed-in person may take it and what blocks it. */
export type NextStage = AvailableTransition;

/** What the signed-in person may do on this topic now: the UI shows controls by it; the server decides. */
export interface TopicPermissions {
  vet: boolean;
  manageParticipants: boolean;
  addResearch: boolean;
  manageMeetings: boolean;
  /** Edit the agenda of the topic's meetings (not once a meeting has ended). */
  editAgenda: boolean;
  /** The outcome draft exists and may be opened. */
  readDraft: boolean;
  /** Write the outcome draft: what the server stores from this person now. */
  writeDraft: boolean;
  nameDraftVersion: boolean;
  setOutcome: boolean;
  answer: boolean;
  rate: RaterKind[];
  /** Publish the closed topic to the case library (not yet published). */
  publish: boolean;
  /** Forward it to the parent organisation or a child (上报 / 交办): its chair or secretariat. */
  forward: boolean;
}

/**
 * `POST /api/topics/:id/forward`: the organisation it goes to (the parent, or a child) and a note
 * for them.
 */
export const forwardBody = z.strictObject({
  toOrgId: idSchema,
  note: z.string().trim().max(FieldLimits.forwardNote).default(''),
});
export type ForwardBody = z.infer<typeof forwardBody>;

/** One step a dossier took on its way to this topic: from which topic and organisation, to which, by whom. */
export interface ForwardHop {
  fromTopicId: string;
  fromOrg: { id: string; name: string };
  toOrg: { id: string; name: string };
  /** Up (上报) to the parent, or down (交办) to a child. */
  direction: 'up' | 'down';
  by: PersonRef;
  at: string;
  note: string;
}

/** Where a topic was forwarded, and what became of it there. */
export interface ForwardedTopic {
  topicId: string;
  org: { id: string; name: string };
  direction: 'up' | 'down';
  title: string;
  stage: Stage;
  by: PersonRef;
  at: string;
  note: string;
}

export interface TopicDetail extends TopicSummary {
  round: number;
  vetting: { relevance: VettingView | null; remit: VettingView | null };
  participants: ParticipantView[];
  research: ResearchReport[];
  meetings: Meeting[];
  outcome: OutcomeView;
  feedback: { answer: AnswerView | null; ratings: RatingView[] };
  history: TransitionRecord[];
  steps: StepState[];
  next: NextStage[];
  permissions: TopicPermissions;
  /** What stops a meeting of this topic from opening now (empty when one may open). */
  meetingGate: UnmetGate[];
  /** The case this topic was published as, if it was. */
  caseId: string | null;
  /** The proposal this topic was opened from (提案办理协商), if it was. */
  proposal: { id: string; number: string | null; title: string } | null;
  /** How this topic came here when it is a forwarded dossier: every hop, the first first; empty otherwise. */
  provenance: ForwardHop[];
  /** Where it was forwarded from here, the first first, each with its stage there now. */
  forwarded: ForwardedTopic[];
  /** Where the reader may forward it (`permissions.forward`): the parent organisation, then the children. */
  forwardTargets: { id: string; name: string; direction: 'up' | 'down' }[];
  settings: GateSettings;
}

export const saveVersionBody = z.strictObject({ name: text(FieldLimits.draftVersionName) });
export type SaveVersionBody = z.infer<typeof saveVersionBody>;
export const versionParams = z.strictObject({ id: idSchema, versionId: idSchema });

/** A saved state of a topic's draft: named by the secretariat, or `final` when the topic left drafting. */
export interface DraftVersion {
  id: string;
  name: string;
  kind: 'named' | 'final';
  createdBy: PersonRef;
  createdAt: string;
}

/** One top-level block of a draft (a heading, a paragraph, a list), with its text and attributes. */
export interface DraftBlock {
  type: string;
  /** Its plain text (what search, comparison and citations read). */
  text: string;
  attrs: Record<string, unknown>;
  /**
   * The block as Markdown: lists with their markers and nesting, quotes, bold, italic and links, people's
   * text escaped. Absent in cases published before it was kept.
   */
  markdown?: string;
}

export interface DraftVersionContent extends DraftVersion {
  blocks: DraftBlock[];
}

export const DocumentFormats = ['json', 'md', 'docx', 'pdf'] as const;
export const documentQuery = z.strictObject({
  format: z.enum(DocumentFormats).default('json'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type DocumentQuery = z.infer<typeof documentQuery>;

export const minutesBody = z.strictObject({ body: text(FieldLimits.minutes) });
export type MinutesBody = z.infer<typeof minutesBody>;

/** A meeting's minutes: generated from the meeting until someone edits them, final once approved. */
export interface Minutes {
  meetingId: string;
  body: string;
  status: 'generated' | 'draft' | 'approved';
  updatedBy: PersonRef | null;
  updatedAt: string | null;
  approvedBy: PersonRef | null;
  approvedAt: string | null;
}

export const dashboardQuery = z.strictObject({
  orgId: idSchema,
  /** The period of the speaking totals; defaults to the last 90 days. */
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  /** The year of the meetings by form (China's calendar year); defaults to this year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** The secretariat's view of an organisation and those below it. */
export interface Dashboard {
  orgId: string;
  topicsByStage: Partial<Record<Stage, number>>;
  meetingsThisWeek: {
    id: string;
    title: string;
    topicId: string;
    topicTitle: string;
    startsAt: string;
    status: MeetingStatus;
  }[];
  /** The earliest due of the unanswered outcomes (at most `DashboardLimits.answersDue`), then how many there are. */
  answersDue: { topicId: string; title: string; dueDate: string; overdue: boolean; recipients: DepartmentRef[] }[];
  answersDueCount: { total: number; overdue: number };
  speakingBySector: { sector: string | null; seconds: number; speeches: number; speakers: number }[];
  period: { from: string; to: string };
  /** Meetings starting in the year (held or still to be held), by form and by mode; every key present. */
  meetingsByForm: {
    year: number;
    total: number;
    byForm: Record<MeetingForm, number>;
    byMode: Record<MeetingMode, number>;
  };
}
