import { z } from 'zod';
import type { AnswerDecision, OutcomeForm, RaterKind, Stage } from '@yishi/procedure';
import type { Citation } from './citations.js';
import type { DepartmentRef } from './departments.js';
import { CaseSearchLimits } from './limits.js';
import type { OrgLevel } from './constants.js';
import { idSchema, pageQuery, type PageInfo } from './schemas.js';
import type { DraftBlock, PersonRef } from './topics.js';

/**
 * The words of a case search: separated by any whitespace, the ideographic space (U+3000) included.
 * Chinese is written without spaces, so `电梯 加装` is two words and `加装电梯` one.
 */
export const searchWords = (text: string): string[] => text.split(/\s+/u).filter((word) => word !== '');

export const casesQuery = z.strictObject({
  /**
   * Full text, Chinese included: words, each found anywhere in the title, summary, tags, outcome,
   * answer or ratings, regardless of case; a case must hold them all. Parsed into its words.
   */
  q: z
    .string()
    .trim()
    .min(1)
    .max(CaseSearchLimits.length)
    .transform(searchWords)
    .pipe(
      z
        .array(z.string().max(CaseSearchLimits.wordLength, `at most ${CaseSearchLimits.wordLength} characters a word`))
        .max(CaseSearchLimits.words, `at most ${CaseSearchLimits.words} words`),
    )
    .optional(),
  sector: z.string().trim().min(1).max(50).optional(),
  level: z.enum(['province', 'city', 'county', 'township', 'liaison_station', 'consultation_room']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQuery,
});
export type CasesQuery = z.infer<typeof casesQuery>;
export const caseParams = z.strictObject({ id: idSchema });

export interface CaseSummary {
  id: string;
  topicId: string;
  orgId: string;
  orgName: string;
  level: OrgLevel;
  title: string;
  summary: string;
  tags: string[];
  /** Sectors (界别) of the participants. */
  sectors: string[];
  year: number;
  form: OutcomeForm | null;
  decision: AnswerDecision | null;
  publishedAt: string;
}

/** `GET /api/cases`: a page of the library, the cases whose title holds the words first, then the newest. */
export interface CasesPage extends PageInfo {
  cases: CaseSummary[];
}

export interface CaseDetail extends CaseSummary {
  timeline: { from: Stage; to: Stage; actor: PersonRef; reason: string | null; at: string }[];
  outcome: {
    form: OutcomeForm | null;
    blocks: DraftBlock[];
    /** What the blocks' `source` attributes cite, as resolved when the case was published (empty for older cases). */
    citations: Citation[];
    /** The departments it was addressed to. */
    recipients: DepartmentRef[];
    dueDate: string | null;
  };
  answer: {
    decision: AnswerDecision;
    measures: string;
    reason: string;
    answeredBy: PersonRef;
    answeredAt: string;
  } | null;
  ratings: { kind: RaterKind; score: number; comment: string; ratedBy: PersonRef }[];
  participants: { displayName: string; sector: string | null }[];
  publishedBy: PersonRef;
}
