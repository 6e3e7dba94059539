import { z } from 'zod';
import {
  DutyCategories,
  PROPOSAL_LIMITS,
  ProposalStatuses,
  ReplyClassifications,
  ReviewDecisions,
  Satisfactions,
  type Proposal,
  type ProposalAction,
  type ProposalStatus,
  type DutyCategory,
} from '@yishi/duty';
import type { Stage } from '@yishi/procedure';
import type { DepartmentRef } from './departments.js';
import { FieldLimits } from './limits.js';
import { idSchema, pageQuery, type PageInfo } from './schemas.js';
import type { PersonRef } from './topics.js';

/**
 * Proposals (提案, docs/design.md §6): a member writes one, invites co-signers, submits it; the
 * secretariat reviews it; the departments reply; the author assesses the replies. The rules are
 * `@yishi/duty`'s; these are the bodies the REST API takes and the views it gives.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const dateSchema = z.iso.date();

/** `POST /api/orgs/:orgId/proposals`. */
export const proposalBody = z.strictObject({
  title: text(PROPOSAL_LIMITS.title),
  reasons: text(PROPOSAL_LIMITS.reasons),
  suggestions: text(PROPOSAL_LIMITS.suggestions),
  category: z.enum(DutyCategories),
});
export type ProposalBody = z.infer<typeof proposalBody>;

/** `PATCH /api/proposals/:proposalId`: any of the draft's fields. */
export const proposalEditBody = proposalBody
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type ProposalEditBody = z.infer<typeof proposalEditBody>;

/** `POST /api/proposals/:proposalId/cosigners`: invite a member of the organisation to co-sign. */
export const cosignerBody = z.strictObject({ userId: idSchema });

/** `POST /api/proposals/:proposalId/review`: what each decision needs is the rules' check. */
export const reviewBody = z.strictObject({
  decision: z.enum(ReviewDecisions),
  reason: z.string().trim().max(PROPOSAL_LIMITS.reviewReason).optional(),
  leadDepartmentId: idSchema.optional(),
  coDepartmentIds: z.array(idSchema).max(PROPOSAL_LIMITS.coDepartments).optional(),
  dueDate: dateSchema.optional(),
  mergedInto: idSchema.optional(),
});
export type ReviewBody = z.infer<typeof reviewBody>;

/** `POST /api/proposals/:proposalId/reply`: an official replies for their department. */
export const replyBody = z.strictObject({
  departmentId: idSchema,
  classification: z.enum(ReplyClassifications),
  body: text(PROPOSAL_LIMITS.replyBody),
});
export type ReplyBody = z.infer<typeof replyBody>;

/** `POST /api/proposals/:proposalId/assessment`: the author's view of the round's replies. */
export const assessmentBody = z.strictObject({
  satisfaction: z.enum(Satisfactions),
  comment: z.string().trim().max(PROPOSAL_LIMITS.assessmentComment),
});
export type AssessmentBody = z.infer<typeof assessmentBody>;

/**
 * `POST /api/proposals/:proposalId/consultation`: the chair opens a consultation topic on an accepted
 * proposal (提案办理协商), with the topic's title and summary.
 */
export const consultationBody = z.strictObject({
  title: text(FieldLimits.topic.title),
  summary: text(FieldLimits.topic.summary),
});
export type ConsultationBody = z.infer<typeof consultationBody>;

/** `POST /api/proposals/:proposalId/key`: the chair flags a key proposal (重点提案) or unflags it. */
export const keyBody = z.strictObject({ key: z.boolean() });

export const proposalParams = z.strictObject({ proposalId: idSchema });
export const cosignerParams = z.strictObject({ proposalId: idSchema, userId: idSchema });

/** How long a search phrase may be; the words are split at spaces. */
export const PROPOSAL_QUERY_MAX = 100;

/**
 * `GET /api/orgs/:orgId/proposals`: filters, then a page, the most recently changed first. `q`
 * holds words the title, reasons or suggestions must all contain; `mine` keeps those the reader
 * wrote or co-signs; `department` those a department handles.
 */
export const proposalsQuery = z.strictObject({
  status: z.enum(ProposalStatuses).optional(),
  category: z.enum(DutyCategories).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(PROPOSAL_QUERY_MAX)
    .transform((q) => q.split(/\s+/))
    .optional(),
  mine: z.enum(['true']).optional(),
  departmentId: idSchema.optional(),
  ...pageQuery,
});
export type ProposalsQuery = z.infer<typeof proposalsQuery>;

/** A proposal in a list: what a row shows, read from indexed columns. */
export interface ProposalSummary {
  id: string;
  orgId: string;
  number: string | null;
  title: string;
  category: DutyCategory;
  status: ProposalStatus;
  key: boolean;
  author: PersonRef;
  submittedAt: string | null;
  leadDepartment: DepartmentRef | null;
  dueDate: string | null;
  /** Handling, past its due date, and the lead department has not replied in this round. */
  overdue: boolean;
  updatedAt: string;
}

export interface ProposalsPage extends PageInfo {
  proposals: ProposalSummary[];
}

/** `GET /api/proposals/:proposalId`: the whole record, the names it refers to, and what the reader may do. */
export interface ProposalDetail extends Proposal {
  names: { people: Record<string, string>; departments: Record<string, string> };
  overdue: boolean;
  /** The commands the reader may take now, by the rules (the server checks each again). */
  actions: ProposalAction[];
  /** The consultation topics opened from it (提案办理协商), the first opened first. */
  topics: { id: string; title: string; stage: Stage }[];
  updatedAt: string;
}
