import { z } from 'zod';
import {
  DutyCategories,
  OPINION_LIMITS,
  OpinionDecisions,
  OpinionStatuses,
  type Bulletin,
  type DutyCategory,
  type Opinion,
  type OpinionAction,
  type OpinionStatus,
} from '@yishi/duty';
import { idSchema, pageQuery, type PageInfo } from './schemas.js';
import type { PersonRef } from './topics.js';

/**
 * Public-opinion reports (社情民意信息, docs/design.md §6): a member submits one; the secretariat may
 * edit it, then adopts or declines it; adopted reports are compiled into a bulletin (专报), exported
 * as DOCX and PDF; leaders' instructions (批示) on a report are recorded. The author is told of each
 * step. A report is read by its author and by the organisation's secretariat and chairs (and a site
 * administrator): it is written to the committee, not to the other members. The rules are
 * `@yishi/duty`'s; these are the bodies the REST API takes and the views it gives.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** `POST /api/orgs/:orgId/opinions`: a member's report, submitted at once. */
export const opinionBody = z.strictObject({
  title: text(OPINION_LIMITS.title),
  body: text(OPINION_LIMITS.body),
  category: z.enum(DutyCategories),
});
export type OpinionBody = z.infer<typeof opinionBody>;

/** `PATCH /api/opinions/:opinionId`: the secretariat's edit of any field of a submitted report. */
export const opinionEditBody = opinionBody
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type OpinionEditBody = z.infer<typeof opinionEditBody>;

/** `POST /api/opinions/:opinionId/handle`: adopt or decline; declining says why (the rules' check). */
export const handleOpinionBody = z.strictObject({
  decision: z.enum(OpinionDecisions),
  note: z.string().trim().max(OPINION_LIMITS.note).default(''),
});
export type HandleOpinionBody = z.infer<typeof handleOpinionBody>;

/** `POST /api/opinions/:opinionId/instructions`: a leader's instruction, as written and dated. */
export const instructionBody = z.strictObject({
  by: text(OPINION_LIMITS.instructionBy),
  text: text(OPINION_LIMITS.instructionText),
  date: z.iso.date(),
});
export type InstructionBody = z.infer<typeof instructionBody>;

/** `POST /api/orgs/:orgId/bulletins`: a bulletin of adopted reports, in the order given. */
export const bulletinBody = z.strictObject({
  title: text(OPINION_LIMITS.bulletinTitle),
  opinionIds: z.array(idSchema).min(1).max(OPINION_LIMITS.bulletinOpinions),
});
export type BulletinBody = z.infer<typeof bulletinBody>;

export const opinionParams = z.strictObject({ opinionId: idSchema });
export const bulletinParams = z.strictObject({ bulletinId: idSchema });

/** How long a search phrase may be; the words are split at spaces. */
export const OPINION_QUERY_MAX = 100;

/**
 * `GET /api/orgs/:orgId/opinions`: filters, then a page, the most recently changed first. `q` holds
 * words the title or text must all contain; `mine` keeps the reader's own. A member lists only their
 * own whatever they ask.
 */
export const opinionsQuery = z.strictObject({
  status: z.enum(OpinionStatuses).optional(),
  category: z.enum(DutyCategories).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(OPINION_QUERY_MAX)
    .transform((q) => q.split(/\s+/))
    .optional(),
  mine: z.enum(['true']).optional(),
  ...pageQuery,
});
export type OpinionsQuery = z.infer<typeof opinionsQuery>;

/** A report in a list: what a row shows, read from indexed columns. */
export interface OpinionSummary {
  id: string;
  orgId: string;
  title: string;
  category: DutyCategory;
  status: OpinionStatus;
  author: PersonRef;
  submittedAt: string;
  /** In how many bulletins, and whether a leader has written on it. */
  bulletins: number;
  instructed: boolean;
  updatedAt: string;
}

export interface OpinionsPage extends PageInfo {
  opinions: OpinionSummary[];
}

/** A bulletin as a report's page links to it. */
export interface BulletinRef {
  id: string;
  number: string | null;
  title: string;
}

/** `GET /api/opinions/:opinionId`: the whole record, the names it refers to, and what the reader may do. */
export interface OpinionDetail extends Opinion {
  names: { people: Record<string, string> };
  bulletins: BulletinRef[];
  /** The proposal it was converted from, when it was. */
  fromProposal: { id: string; title: string } | null;
  /** The commands the reader may take now, by the rules (the server checks each again). */
  actions: OpinionAction[];
  updatedAt: string;
}

export const bulletinsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQuery,
});
export type BulletinsQuery = z.infer<typeof bulletinsQuery>;

/** A bulletin in a list, the latest compiled first. */
export interface BulletinSummary {
  id: string;
  orgId: string;
  /** 期号 such as `2026-03`: the organisation's third of the year. */
  number: string | null;
  title: string;
  opinions: number;
  compiledBy: PersonRef;
  compiledAt: string;
}

export interface BulletinsPage extends PageInfo {
  bulletins: BulletinSummary[];
}

/** `GET /api/bulletins/:bulletinId`: the bulletin and its reports, whole, in its order. */
export interface BulletinDetail extends Bulletin {
  opinions: (Opinion & { authorName: string })[];
  compiledByName: string;
}
