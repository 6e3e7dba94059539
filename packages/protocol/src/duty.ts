import { z } from 'zod';
import { DUTY_WEIGHT_MAX, DutyCountKeys, type DutyCountKey, type DutyCounts, type DutyWeights } from '@yishi/duty';
import { idSchema } from './schemas.js';

/**
 * Duty records (履职档案, docs/design.md §6): for each member of an organisation and each year, what
 * they did — meetings attended, speeches, topics, research, proposals, opinion reports — counted,
 * each count with the items behind it, and a score from weights the secretariat sets.
 */

/** `?year=`: the committee's calendar year; the current one when left out. */
export const dutyQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type DutyQuery = z.infer<typeof dutyQuery>;

/** `GET /api/orgs/:orgId/duty/export`: the table of a year as a workbook, worded in a language. */
export const dutyExportQuery = dutyQuery.extend({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });
export type DutyExportQuery = z.infer<typeof dutyExportQuery>;

export const dutyMemberParams = z.strictObject({ orgId: idSchema, userId: idSchema });

/**
 * `PUT /api/orgs/:orgId/duty/weights`: any of the counts' weights, 0 to 100 with one decimal at
 * most (the rules' check); a count left out keeps its weight.
 */
export const dutyWeightsBody = z
  .strictObject(
    Object.fromEntries(DutyCountKeys.map((key) => [key, z.number().min(0).max(DUTY_WEIGHT_MAX).optional()])) as Record<
      DutyCountKey,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'nothing to change');
export type DutyWeightsBody = z.infer<typeof dutyWeightsBody>;

/** One member's counts and score in a year. */
export interface DutyRow {
  userId: string;
  displayName: string;
  /** 界别. */
  sector: string | null;
  counts: DutyCounts;
  score: number;
}

/** `GET /api/orgs/:orgId/duty`: every member's record of a year, by sector then name (the secretariat's table). */
export interface DutyTable {
  orgId: string;
  year: number;
  weights: DutyWeights;
  members: DutyRow[];
}

/** What one count is made of: a meeting (with its topic), a topic, a proposal or an opinion report, to open from the record. */
export interface DutyItem {
  kind: 'meeting' | 'topic' | 'proposal' | 'opinion';
  id: string;
  /** The topic a meeting or research report belongs to; null for a proposal or a report. */
  topicId: string | null;
  title: string;
  /** When: ISO-8601, or a calendar day. */
  at: string;
}

/** `GET /api/orgs/:orgId/duty/:userId`: one member's record of a year, each count with its items. */
export interface DutyRecord extends DutyRow {
  orgId: string;
  year: number;
  weights: DutyWeights;
  items: Record<DutyCountKey, DutyItem[]>;
}

/** `GET/PUT /api/orgs/:orgId/duty/weights`. */
export interface DutyWeightsView {
  weights: DutyWeights;
  /** Whether they are the defaults (the secretariat never set any). */
  defaults: boolean;
}
