import type { Generated } from 'kysely';

/**
 * The store's tables as Kysely sees them (camelCase here, snake_case in SQL through the
 * CamelCasePlugin). Booleans are 0/1 integers and times ISO-8601 text, so that the same queries
 * run on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  login: string;
  displayName: string;
  passwordHash: string;
  isAdmin: number;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrgsTable {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  createdAt: string;
}

export interface MembershipsTable {
  id: string;
  orgId: string;
  userId: string;
  role: string;
  sector: string | null;
  /** JSON array of strings. */
  expertise: string;
  departmentId: string | null;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProposalsTable {
  id: string;
  orgId: string;
  status: string;
  number: string | null;
  authorId: string;
  title: string;
  category: string;
  year: number;
  key: number;
  leadDepartmentId: string | null;
  dueDate: string | null;
  /** 1 when the lead department has replied in the current round. */
  leadReplied: number;
  submittedAt: string | null;
  version: number;
  /** The whole proposal, as JSON. */
  record: string;
  /** Title, reasons and suggestions, lower-cased, for search. */
  searchText: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProposalPeopleTable {
  proposalId: string;
  userId: string;
  part: string;
  confirmed: number;
}

export interface ProposalDepartmentsTable {
  proposalId: string;
  departmentId: string;
  part: string;
}

/** A consultation topic opened from a proposal. */
export interface ProposalTopicsTable {
  proposalId: string;
  topicId: string;
  createdAt: string;
}

/** An organisation's weights of the duty record's counts, as JSON. */
export interface DutyWeightsTable {
  orgId: string;
  weights: string;
  updatedBy: string;
  updatedAt: string;
}

/** One hop of a forwarded dossier (上报 / 交办): the topic it left and the one it became. */
export interface TopicForwardsTable {
  id: string;
  fromTopicId: string;
  toTopicId: string;
  fromOrgId: string;
  toOrgId: string;
  /** `up` to the parent, `down` to a child. */
  direction: string;
  forwardedBy: string;
  forwardedAt: string;
  note: string;
}

/** A public-opinion report: its record as JSON and the columns lists read. */
export interface OpinionsTable {
  id: string;
  orgId: string;
  status: string;
  authorId: string;
  title: string;
  category: string;
  year: number;
  submittedAt: string;
  /** How many bulletins include it. */
  bulletins: number;
  /** 1 when a leader's instruction is recorded on it. */
  instructed: number;
  fromProposalId: string | null;
  version: number;
  record: string;
  /** Title and text, lower-cased, for search. */
  searchText: string;
  createdAt: string;
  updatedAt: string;
}

/** A bulletin (专报) of adopted reports: its record as JSON and the columns lists read. */
export interface BulletinsTable {
  id: string;
  orgId: string;
  number: string | null;
  title: string;
  year: number;
  opinionCount: number;
  compiledBy: string;
  compiledAt: string;
  record: string;
}

export interface BulletinNumbersTable {
  orgId: string;
  year: number;
  last: number;
}

export interface ProposalNumbersTable {
  orgId: string;
  year: number;
  last: number;
}

export interface DepartmentsTable {
  id: string;
  orgId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  /** HMAC of the cookie token: a copy of the store does not yield usable cookies. */
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
}

/** What belongs to the installation, one row per key (`SettingKey`). */
export interface ServerSettingsTable {
  key: string;
  value: string;
  updatedAt: string;
}

export interface Database extends ProcedureTables {
  users: UsersTable;
  orgs: OrgsTable;
  memberships: MembershipsTable;
  departments: DepartmentsTable;
  proposals: ProposalsTable;
  proposalPeople: ProposalPeopleTable;
  proposalDepartments: ProposalDepartmentsTable;
  proposalNumbers: ProposalNumbersTable;
  opinions: OpinionsTable;
  topicForwards: TopicForwardsTable;
  bulletins: BulletinsTable;
  bulletinNumbers: BulletinNumbersTable;
  dutyWeights: DutyWeightsTable;
  proposalTopics: ProposalTopicsTable;
  sessions: SessionsTable;
  serverSettings: ServerSettingsTable;
  auditEntries: AuditEntriesTable;
}

/** The audit logs, hash-chained: one per organisation, '' for the installation's own. */
export interface AuditEntriesTable {
  log: string;
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** Canonical JSON (RFC 8785) of the details object. */
  details: string;
  prevHash: string;
  hash: string;
}

/** Rows use the `Generated` marker only where the database fills a value. */
export type { Generated };

export interface OrgSettingsTable {
  orgId: string;
  minResearchReports: number;
  minDistinctSpeakers: number;
  /** 1 or 0: see `GateSettings.requireOfficialExchange`. */
  requireOfficialExchange: Generated<number>;
  updatedAt: string;
}

export interface TopicsTable {
  id: string;
  orgId: string;
  title: string;
  summary: string;
  /** JSON array of strings. */
  tags: string;
  stage: string;
  proposerId: string;
  round: number;
  outcomeForm: string | null;
  dueDate: string | null;
  partyContactId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TopicVettingTable {
  topicId: string;
  question: 'relevance' | 'remit';
  answer: number;
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

export interface TopicParticipantsTable {
  topicId: string;
  userId: string;
  assessment: string;
  addedBy: string;
  addedAt: string;
}

export interface ResearchReportsTable {
  id: string;
  topicId: string;
  title: string;
  /** JSON array of strings. */
  authors: string;
  summary: string;
  body: string;
  reportDate: string;
  createdBy: string;
  createdAt: string;
}

export interface MeetingsTable {
  id: string;
  topicId: string;
  title: string;
  startsAt: string;
  status: string;
  openedAt: string | null;
  endedAt: string | null;
  createdBy: string;
  createdAt: string;
  form: Generated<string>;
  mode: Generated<string>;
  placeId: string | null;
  location: string | null;
  /** `MeetingVideo` as JSON, or null. */
  video: string | null;
}

export interface SpeechesTable {
  id: string;
  meetingId: string;
  speakerId: string;
  kind: string;
  agendaItemId: string | null;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  /** `live` (the room's queue) or `manual` (recorded afterwards by the secretariat). */
  source: string;
  recordedBy: string;
  /** The queue entry the turn was (live speeches since the queue log was kept). */
  entryId: Generated<string | null>;
}

/** The departments an outcome is addressed to. */
export interface TopicDepartmentsTable {
  topicId: string;
  departmentId: string;
}

export interface TopicAnswersTable {
  topicId: string;
  round: number;
  decision: string;
  measures: string;
  reason: string;
  answeredBy: string;
  answeredAt: string;
}

export interface TopicRatingsTable {
  topicId: string;
  round: number;
  kind: string;
  score: number;
  comment: string;
  ratedBy: string;
  ratedAt: string;
}

export interface TopicTransitionsTable {
  id: string;
  topicId: string;
  fromStage: string;
  toStage: string;
  actorId: string;
  reason: string | null;
  at: string;
  seq: number;
  /** JSON array of the gates the transition made an exception to (`WaivableGates`). */
  waived: Generated<string>;
}

export interface YjsUpdatesTable {
  docName: string;
  seq: number;
  update: Uint8Array;
  createdAt: string;
}

/** The number of each document's last appended update: appends take the next ones from here. */
export interface YjsHeadsTable {
  docName: string;
  seq: number;
}

export interface YjsVersionsTable {
  id: string;
  docName: string;
  name: string;
  /** `named` (saved by the secretariat) or `final` (frozen when the topic left drafting). */
  kind: string;
  state: Uint8Array;
  createdBy: string;
  createdAt: string;
}

export interface MeetingQueuesTable {
  meetingId: string;
  version: number;
  /** The queue's state as JSON (`QueueState` of packages/queue). */
  state: string;
  updatedAt: string;
}

export interface PollsTable {
  id: string;
  meetingId: string;
  question: string;
  /** JSON array of the options' words. */
  options: string;
  kind: string;
  secret: number;
  status: string;
  createdBy: string;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  /** The `PollResult` as JSON, once closed. */
  result: string | null;
}

export interface PollBallotsTable {
  pollId: string;
  userId: string;
  displayName: string;
  /** JSON array of option indexes. */
  choices: string;
  castAt: string;
}

export interface QueueLogTable {
  meetingId: string;
  /** 1, 2, … per meeting, in the order the commands were applied. */
  seq: number;
  at: string;
  /** `QueueLogRecord['type']`, also inside `record`, for queries by kind. */
  type: string;
  /** The `QueueLogRecord`, as JSON. */
  record: string;
}

export interface QueueCommandsTable {
  meetingId: string;
  commandId: string;
  userId: string;
  /** The ack that was sent, as JSON. */
  result: string;
  createdAt: string;
}

/** A case's whole detail and the text its search reads, apart from its summary (migration 0021). */
export interface CaseDetailsTable {
  caseId: string;
  /** The case's organisation, title and time of publication, copied so that a search ranks where it finds (0022). */
  orgId: string;
  title: string;
  publishedAt: string;
  /** The whole CaseDetail as JSON, as it was when published. */
  detail: string;
  /** Lower-cased. */
  searchText: string;
}

export interface CasesTable {
  id: string;
  topicId: string;
  orgId: string;
  year: number;
  level: string;
  /** JSON array of the participants' sectors. */
  sectors: string;
  title: string;
  publishedBy: string;
  publishedAt: string;
  /** The summary fields of a page of the library (CaseSummary), as columns: tags a JSON array. */
  summary: string;
  tags: string;
  form: string | null;
  decision: string | null;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  kind: string;
  /** Exactly one of the three is set: what the notification is about. */
  topicId: string | null;
  proposalId: string | null;
  opinionId: string | null;
  /** JSON. */
  data: string;
  dedupeKey: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A person's e-mail address and the notification kinds they receive by e-mail (JSON list). */
export interface EmailChoicesTable {
  userId: string;
  address: string | null;
  kinds: string;
  /** The language their mails are written in: `zh-CN` or `en`. */
  lang: string;
  updatedAt: string;
}

/** A notification to send by e-mail: sent once `sentAt` is set; tried again at `nextAttemptAt`. */
export interface EmailOutboxTable {
  id: string;
  notificationId: string;
  address: string;
  lang: string;
  createdAt: string;
  attempts: Generated<number>;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
}

export interface MeetingAttendanceTable {
  meetingId: string;
  userId: string;
  firstJoinedAt: string;
  /** `hall` or `remote`; null when nobody said (a hybrid meeting). */
  site: string | null;
}

/** Where each person said they take part in a hybrid meeting (`hall` or `remote`). */
export interface MeetingSitesTable {
  meetingId: string;
  userId: string;
  site: string;
  setBy: string;
  setAt: string;
}

/** The secretariat's corrections of a meeting's attendance (`hall`, `remote` or `absent`). */
export interface AttendanceCorrectionsTable {
  meetingId: string;
  userId: string;
  status: string;
  correctedBy: string;
  correctedAt: string;
}

export interface MeetingMinutesTable {
  meetingId: string;
  /** Markdown. */
  body: string;
  /** `draft` (editable) or `approved` (final). */
  status: string;
  updatedBy: string;
  updatedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface ProcedureTables {
  meetingAttendance: MeetingAttendanceTable;
  meetingSites: MeetingSitesTable;
  attendanceCorrections: AttendanceCorrectionsTable;
  meetingMinutes: MeetingMinutesTable;
  notifications: NotificationsTable;
  emailChoices: EmailChoicesTable;
  emailOutbox: EmailOutboxTable;
  cases: CasesTable;
  caseDetails: CaseDetailsTable;
  meetingQueues: MeetingQueuesTable;
  queueCommands: QueueCommandsTable;
  queueLog: QueueLogTable;
  polls: PollsTable;
  pollBallots: PollBallotsTable;
  orgSettings: OrgSettingsTable;
  topics: TopicsTable;
  topicVetting: TopicVettingTable;
  topicParticipants: TopicParticipantsTable;
  researchReports: ResearchReportsTable;
  meetings: MeetingsTable;
  speeches: SpeechesTable;
  topicDepartments: TopicDepartmentsTable;
  topicAnswers: TopicAnswersTable;
  topicRatings: TopicRatingsTable;
  topicTransitions: TopicTransitionsTable;
  yjsUpdates: YjsUpdatesTable;
  yjsHeads: YjsHeadsTable;
  yjsVersions: YjsVersionsTable;
}
