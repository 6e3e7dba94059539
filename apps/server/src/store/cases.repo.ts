import { sql, type RawBuilder } from 'kysely';
import {
  AnswerDecisions,
  OrgLevels,
  OutcomeForms,
  storedCaseDetail,
  type CaseDetail,
  type CaseSummary,
} from '@yishi/protocol';
import { z } from 'zod';
import { readEnum, readJson } from './stored.js';
import type { Db, Dialect } from './db.js';
import { after, type KeyValue } from './keyset.js';
import { isUniqueViolation } from './locks.js';
import { holds, likeLiteral } from './text-match.js';

export interface CaseFilter {
  orgIds: readonly string[] | 'all';
  /** Words of the case's text, Chinese included, each found anywhere and regardless of case: all must be. */
  words?: readonly string[] | undefined;
  sector?: string | undefined;
  level?: string | undefined;
  year?: number | undefined;
}

/**
 * Where a page of the library starts: after the case with this sort key. The library is sorted by
 * whether the title holds every word asked (1 or 0; 0 without words), then by publication, newest
 * first, then by id.
 */
export type CaseKey = readonly [titleMatch: number, publishedAt: string, id: string];

const stringList = z.array(z.string());

/** The columns of a case's summary, as a page of the library reads them. */
const SUMMARY_COLUMNS = [
  'cases.id',
  'cases.topicId',
  'cases.orgId',
  'orgs.name as orgName',
  'cases.level',
  'cases.title',
  'cases.summary',
  'cases.tags',
  'cases.sectors',
  'cases.year',
  'cases.form',
  'cases.decision',
  'cases.publishedAt',
] as const;

interface PageRow {
  id: string;
  topicId: string;
  orgId: string;
  orgName: string;
  level: string;
  title: string;
  summary: string;
  tags: string;
  sectors: string;
  year: number;
  form: string | null;
  decision: string | null;
  publishedAt: string;
  titleMatch: number | string;
}

/** A row of a page as the summary it shows and the sort key a cursor carries. */
function pageRow(r: PageRow): { summary: CaseSummary; key: KeyValue[] } {
  return {
    summary: {
      id: r.id,
      topicId: r.topicId,
      orgId: r.orgId,
      orgName: r.orgName,
      level: readEnum(OrgLevels, r.level, `level of case ${r.id}`),
      title: r.title,
      summary: r.summary,
      tags: readJson(stringList, r.tags, `tags of case ${r.id}`),
      sectors: readJson(stringList, r.sectors, `sectors of case ${r.id}`),
      year: r.year,
      form: r.form === null ? null : readEnum(OutcomeForms, r.form, `form of case ${r.id}`),
      decision: r.decision === null ? null : readEnum(AnswerDecisions, r.decision, `decision of case ${r.id}`),
      publishedAt: r.publishedAt,
    },
    key: [Number(r.titleMatch), r.publishedAt, r.id],
  };
}

/** Whether SQLite's trigram index can find a word: three characters or more. */
const indexable = (word: string) => [...word].length >= 3;

/** An FTS5 query that a text holds every one of the words, each as a phrase. */
const ftsQuery = (words: readonly string[]) => words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' AND ');

/**
 * The case library. Full-text search differs by store and behaves the same on both: each word is
 * found anywhere in a case's text, case-insensitively, whatever its length, and a case must hold
 * every word. SQLite answers words of three characters or more from its FTS5 trigram index and
 * scans for shorter ones; PostgreSQL matches with ILIKE, which its `pg_trgm` GIN index serves.
 */
export class CasesRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** The id of the case a topic was published as, if any. */
  async idForTopic(topicId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('cases').select('id').where('topicId', '=', topicId).executeTakeFirst();
    return row?.id;
  }

  /**
   * Stores a published case, its summary and its detail; false when the topic already has one (a
   * racing publish on another node). Run it in a transaction, so that both rows are written or neither.
   */
  async insert(detail: CaseDetail, searchText: string, publishedBy: string): Promise<boolean> {
    try {
      await this.db
        .insertInto('cases')
        .values({
          id: detail.id,
          topicId: detail.topicId,
          orgId: detail.orgId,
          year: detail.year,
          level: detail.level,
          sectors: JSON.stringify(detail.sectors),
          title: detail.title,
          summary: detail.summary,
          tags: JSON.stringify(detail.tags),
          form: detail.form,
          decision: detail.decision,
          publishedBy,
          publishedAt: detail.publishedAt,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    await this.db
      .insertInto('caseDetails')
      .values({
        caseId: detail.id,
        orgId: detail.orgId,
        title: detail.title,
        publishedAt: detail.publishedAt,
        detail: JSON.stringify(detail),
        searchText: searchText.toLowerCase(),
      })
      .execute();
    return true;
  }

  /**
   * A page of matching cases and how many match in all: on PostgreSQL the first page of a search by
   * words counts its matches in the same scan that ranks them; otherwise the page and the count are
   * read side by side.
   */
  async search(
    filter: CaseFilter,
    start: CaseKey | undefined,
    limit: number,
  ): Promise<{ rows: { summary: CaseSummary; key: KeyValue[] }[]; total: number }> {
    if (!start && this.rankedInTextFits(filter)) {
      const { rows, total } = await this.rankedInText(filter.orgIds, filter.words ?? [], undefined, limit, true);
      return { rows, total: total ?? 0 };
    }
    const [rows, total] = await Promise.all([this.page(filter, start, limit), this.count(filter)]);
    return { rows, total };
  }

  /**
   * A page of matching cases: those whose title holds every word first, then the latest published,
   * read from the summary columns (no case's detail is parsed). `limit + 1` rows are read, so that
   * the caller knows whether another page follows.
   */
  async page(
    filter: CaseFilter,
    start: CaseKey | undefined,
    limit: number,
  ): Promise<{ summary: CaseSummary; key: KeyValue[] }[]> {
    const words = filter.words ?? [];
    if (this.rankedInTextFits(filter)) return (await this.rankedInText(filter.orgIds, words, start, limit)).rows;
    const titleMatch = this.titleMatch(sql.ref('cases.title'), words);
    let q = this.matching(filter)
      .innerJoin('orgs', 'orgs.id', 'cases.orgId')
      .select([...SUMMARY_COLUMNS, titleMatch.as('titleMatch')]);
    if (start) q = q.where(after([titleMatch, sql.ref('cases.published_at'), sql.ref('cases.id')], start));
    // Without words every title "matches" (0): ordering by a constant is no order (and a bare 0 in
    // ORDER BY would name a column in SQLite).
    if (words.length > 0) q = q.orderBy(titleMatch, 'desc');
    const rows = await q
      .orderBy('cases.publishedAt', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map(pageRow);
  }

  /**
   * PostgreSQL's page of a search by words (and organisations): ranked in the text table, where the
   * bitmap scan that finds the matches reads each one's title and date beside its text, and only
   * the page's cases are then read. Left to itself, the planner sorted every case by the ranking and
   * probed the text for each until a page matched (issue 16's bench: 223 ms at 100,000 cases).
   */
  private rankedInTextFits(filter: CaseFilter): boolean {
    const words = filter.words ?? [];
    return this.dialect.kind === 'postgres' && words.length > 0 && !filter.sector && !filter.level && !filter.year;
  }

  private async rankedInText(
    orgIds: readonly string[] | 'all',
    words: readonly string[],
    start: CaseKey | undefined,
    limit: number,
    counted = false,
  ): Promise<{ rows: { summary: CaseSummary; key: KeyValue[] }[]; total: number | undefined }> {
    const titleMatch = this.titleMatch(sql.ref('d.title'), words);
    // Counted over every match before the limit (a first page only: a later one starts after a key).
    const total = counted ? sql<number | string | null>`count(*) over ()` : sql<number | string | null>`null`;
    let ranked = this.db
      .selectFrom('caseDetails as d')
      .select(['d.caseId', 'd.publishedAt', titleMatch.as('titleMatch'), total.as('total')]);
    for (const condition of this.textHolds(words)) ranked = ranked.where(condition);
    if (orgIds !== 'all') ranked = ranked.where('d.orgId', 'in', orgIds.length > 0 ? orgIds : ['']);
    if (start) ranked = ranked.where(after([titleMatch, sql.ref('d.published_at'), sql.ref('d.case_id')], start));
    const page = ranked
      .orderBy(titleMatch, 'desc')
      .orderBy('d.publishedAt', 'desc')
      .orderBy('d.caseId', 'desc')
      .limit(limit + 1);
    const rows = await this.db
      .selectFrom(page.as('r'))
      .innerJoin('cases', 'cases.id', 'r.caseId')
      .innerJoin('orgs', 'orgs.id', 'cases.orgId')
      .select([...SUMMARY_COLUMNS, 'r.titleMatch', 'r.total'])
      .orderBy('r.titleMatch', 'desc')
      .orderBy('r.publishedAt', 'desc')
      .orderBy('r.caseId', 'desc')
      .execute();
    const first = rows[0]?.total;
    return { rows: rows.map(pageRow), total: counted ? Number(first ?? 0) : undefined };
  }

  /** How many cases match, on every page. */
  async count(filter: CaseFilter): Promise<number> {
    const words = filter.words ?? [];
    const byWords = words.length > 0 && !filter.sector && !filter.level && !filter.year;
    // Every case has its text, so the cases holding the words are counted in the text alone: on
    // PostgreSQL in the text table (which knows each case's organisation), on SQLite in the
    // full-text index for a reader who sees every organisation, when every word is long enough for it.
    if (byWords && this.dialect.kind === 'postgres') {
      let q = this.db.selectFrom('caseDetails as d').select((eb) => eb.fn.countAll<number | string>().as('n'));
      for (const condition of this.textHolds(words)) q = q.where(condition);
      if (filter.orgIds !== 'all') q = q.where('d.orgId', 'in', filter.orgIds.length > 0 ? filter.orgIds : ['']);
      return Number((await q.executeTakeFirstOrThrow()).n);
    }
    if (byWords && filter.orgIds === 'all' && words.every(indexable)) {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from cases_fts
        where cases_fts match ${ftsQuery(words)}`.execute(this.db);
      return Number(rows[0]?.n ?? 0);
    }
    const row = await this.matching(filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The cases the filter matches (none when it allows no organisation). */
  private matching(filter: CaseFilter) {
    let q = this.db.selectFrom('cases');
    if (filter.orgIds !== 'all') q = q.where('cases.orgId', 'in', filter.orgIds.length > 0 ? filter.orgIds : ['']);
    for (const condition of this.holding(filter.words ?? [])) q = q.where(condition);
    if (filter.sector)
      q = q.where(sql<boolean>`cases.sectors like ${`%${likeLiteral(JSON.stringify(filter.sector))}%`} escape '\\'`);
    if (filter.level) q = q.where('cases.level', '=', filter.level);
    if (filter.year) q = q.where('cases.year', '=', filter.year);
    return q;
  }

  /** 1 when `title` holds every one of `words` (regardless of case), else 0; 0 without words. */
  private titleMatch(title: RawBuilder<unknown>, words: readonly string[]) {
    if (words.length === 0) return sql<number>`0`;
    const all = words.map((word) => holds(this.dialect, title, word));
    return sql<number>`case when ${sql.join(all, sql` and `)} then 1 else 0 end`;
  }

  async find(id: string): Promise<{ orgId: string; detail: CaseDetail } | undefined> {
    const row = await this.db
      .selectFrom('cases')
      .innerJoin('caseDetails', 'caseDetails.caseId', 'cases.id')
      .select(['cases.orgId', 'caseDetails.detail'])
      .where('cases.id', '=', id)
      .executeTakeFirst();
    return row && { orgId: row.orgId, detail: readJson(storedCaseDetail, row.detail, `case ${id}`) };
  }

  /** The conditions, all to be met, under which a case's text holds every one of `words`. */
  private holding(words: readonly string[]) {
    if (words.length === 0) return [];
    if (this.dialect.kind === 'postgres') {
      const all = sql.join(this.textHolds(words), sql` and `);
      return [sql<boolean>`cases.id in (select d.case_id from case_details d where ${all})`];
    }
    // The trigram index answers words of three characters or more, in one query, with the rowids of
    // the cases; shorter ones are scanned in the cases' text.
    const indexed = words.filter(indexable);
    const scanned = words.filter((word) => !indexable(word));
    const conditions = scanned.map(
      (word) =>
        sql<boolean>`exists (select 1 from case_details d where d.case_id = cases.id and ${this.textHolds([word])[0]!})`,
    );
    if (indexed.length > 0) {
      conditions.unshift(
        sql<boolean>`cases.rowid in (select rowid from cases_fts where cases_fts match ${ftsQuery(indexed)})`,
      );
    }
    return conditions;
  }

  /**
   * Conditions on the text table `d` that its (lower-cased) text holds each word: a plain LIKE of
   * the lower-cased word, which PostgreSQL's trigram index serves, and which costs far less than an
   * ILIKE that lower-cases every text it reads.
   */
  private textHolds(words: readonly string[]) {
    return words.map((word) => sql<boolean>`d.search_text like ${`%${likeLiteral(word.toLowerCase())}%`} escape '\\'`);
  }
}
