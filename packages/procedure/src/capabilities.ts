import { Stages, TopicRoles, type Stage, type TopicRole } from './types.js';

/**
 * Who may do what with a topic, and in which stages: one table, read by the server's services, the
 * Yjs document access, the live room and the permissions the web draws its controls from. Stage
 * changes themselves are the procedure's transitions (`transitions.ts`); what a meeting's status
 * allows (open, ended) is the meeting's own rule on top of this one.
 */
export const TopicActions = [
  /** Steps 1–2: answer the two vetting questions. */
  'vet',
  /** Step 3: add and remove participants. */
  'manageParticipants',
  /** Step 4: add a research report. */
  'addResearch',
  /** Schedule a meeting. */
  'scheduleMeeting',
  /** Open and end a meeting, record speeches given in person, set its time limits (its status decides when). */
  'runMeeting',
  /** Edit a meeting's agenda (its Yjs document). */
  'editAgenda',
  /** Grant the floor, move, remove, pause and extend in the live queue. */
  'moderateQueue',
  /** Ask for the floor in the live queue. */
  'takeFloor',
  /** Open the outcome draft (read). */
  'readDraft',
  /** Write the outcome draft (its Yjs document). */
  'writeDraft',
  /** Save a named version of the draft. */
  'nameDraftVersion',
  /** Steps 6–7: the outcome's form, recipients, due date and party contact. */
  'setOutcome',
  /** Edit a meeting's minutes. */
  'editMinutes',
  /** Approve a meeting's minutes (then final). */
  'approveMinutes',
  /** Step 8: the receiving department's answer. */
  'answer',
  /** Step 8: the chair's rating of the answer. */
  'rateAsChair',
  /** Step 8: the party contact's rating of the answer. */
  'rateAsPartyContact',
  /** Publish the closed topic to the case library. */
  'publishCase',
] as const;
export type TopicAction = (typeof TopicActions)[number];

/** Who is on the topic's staff: they run its procedure. */
const RUNNERS = ['chair', 'secretariat'] as const satisfies readonly TopicRole[];
const PREPARING = ['preparation', 'consultation'] as const satisfies readonly Stage[];
const WRITING = ['consultation', 'drafting'] as const satisfies readonly Stage[];

export interface Capability {
  /** Any of these roles may; `anyone` is everyone who may see the topic. */
  roles: readonly TopicRole[] | 'anyone';
  /** In these stages only; `any` is every stage. */
  stages: readonly Stage[] | 'any';
}

export const capabilities: Readonly<Record<TopicAction, Capability>> = {
  vet: { roles: RUNNERS, stages: ['vetting'] },
  manageParticipants: { roles: RUNNERS, stages: PREPARING },
  addResearch: { roles: [...RUNNERS, 'participant'], stages: PREPARING },
  scheduleMeeting: { roles: RUNNERS, stages: PREPARING },
  runMeeting: { roles: RUNNERS, stages: 'any' },
  editAgenda: { roles: RUNNERS, stages: PREPARING },
  moderateQueue: { roles: RUNNERS, stages: 'any' },
  takeFloor: { roles: [...RUNNERS, 'participant'], stages: 'any' },
  readDraft: { roles: 'anyone', stages: ['preparation', ...WRITING, 'delivered', 'feedback', 'closed'] },
  writeDraft: { roles: [...RUNNERS, 'participant'], stages: WRITING },
  nameDraftVersion: { roles: RUNNERS, stages: WRITING },
  setOutcome: { roles: RUNNERS, stages: WRITING },
  editMinutes: { roles: RUNNERS, stages: 'any' },
  approveMinutes: { roles: ['chair'], stages: 'any' },
  answer: { roles: ['recipient'], stages: ['delivered'] },
  rateAsChair: { roles: ['chair'], stages: ['feedback'] },
  rateAsPartyContact: { roles: ['party_contact'], stages: ['feedback'] },
  publishCase: { roles: RUNNERS, stages: ['closed'] },
};

/** Why an action is refused: not one of the roles that may, or not in a stage where it may be done. */
export type Refusal = 'role' | 'stage';

/** Whether someone holding `roles` may do `action` while the topic is in `stage`; why not otherwise. */
export function refusal(action: TopicAction, roles: ReadonlySet<TopicRole>, stage: Stage): Refusal | null {
  const rule = capabilities[action];
  if (rule.roles !== 'anyone' && !rule.roles.some((role) => roles.has(role))) return 'role';
  if (rule.stages !== 'any' && !rule.stages.includes(stage)) return 'stage';
  return null;
}

export function allows(action: TopicAction, roles: ReadonlySet<TopicRole>, stage: Stage): boolean {
  return refusal(action, roles, stage) === null;
}

/** The stages in which `action` may be done at all (by someone). */
export function stagesOf(action: TopicAction): readonly Stage[] {
  const { stages } = capabilities[action];
  return stages === 'any' ? Stages : stages;
}

/** The roles that may do `action` (every role, when anyone who sees the topic may). */
export function rolesOf(action: TopicAction): readonly TopicRole[] {
  const { roles } = capabilities[action];
  return roles === 'anyone' ? TopicRoles : roles;
}
