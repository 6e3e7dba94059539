import { sql } from 'kysely';
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
      .values({ caseId: detail.id, detail: JSON.stringify(detail), searchText: searchText.toLowerCase() })
      .execute();
    return true;
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
    const titleMatch = this.titleMatch(filter.words ?? []);
    let q = this.matching(filter)
      .innerJoin('orgs', 'orgs.id', 'cases.orgId')
      .select([
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
        titleMatch.as('titleMatch'),
      ]);
    if (start) q = q.where(after([titleMatch, sql.ref('cases.published_at'), sql.ref('cases.id')], start));
    // Without words every title "matches" (0): ordering by a constant is no order (and a bare 0 in
    // ORDER BY would name a column in SQLite).
    if (filter.words?.length) q = q.orderBy(titleMatch, 'desc');
    const rows = await q
      .orderBy('cases.publishedAt', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map((r) => ({
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
    }));
  }

  /** How many cases match, on every page. */
  async count(filter: CaseFilter): Promise<number> {
    const words = filter.words ?? [];
    const onlyWords = filter.orgIds === 'all' && !filter.sector && !filter.level && !filter.year;
    // Every case has its text, so the cases holding the words are counted in the text alone: on
    // SQLite in the full-text index (when every word is long enough for it), on PostgreSQL in the
    // text table, without reading a case.
    if (onlyWords && words.length > 0) {
      const counted =
        this.dialect.kind === 'postgres'
          ? await sql<{ n: number | string }>`select count(*) as n from case_details d
              where ${sql.join(this.textHolds(words), sql` and `)}`.execute(this.db)
          : words.every(indexable)
            ? await sql<{ n: number | string }>`select count(*) as n from cases_fts
                where cases_fts match ${ftsQuery(words)}`.execute(this.db)
            : undefined;
      if (counted) return Number(counted.rows[0]?.n ?? 0);
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

  /** 1 when the title holds every one of `words` (regardless of case), else 0; 0 without words. */
  private titleMatch(words: readonly string[]) {
    if (words.length === 0) return sql<number>`0`;
    const all = words.map((word) => holds(this.dialect, sql.ref('cases.title'), word));
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
