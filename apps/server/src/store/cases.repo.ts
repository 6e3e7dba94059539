import { sql } from 'kysely';
import { storedCaseDetail, type CaseDetail } from '@yishi/protocol';
import { readJson } from './stored.js';
import type { Db, Dialect } from './db.js';
import { isUniqueViolation } from './locks.js';

export interface CaseFilter {
  orgIds: readonly string[] | 'all';
  /** Words of the case's text, Chinese included, each found anywhere and regardless of case: all must be. */
  words?: readonly string[] | undefined;
  sector?: string | undefined;
  level?: string | undefined;
  year?: number | undefined;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern whose escape character is `\`. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

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

  /** Stores a published case; false when the topic already has one (a racing publish on another node). */
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
          detail: JSON.stringify(detail),
          searchText,
          publishedBy,
          publishedAt: detail.publishedAt,
        })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Matching cases, the latest published first. */
  async search(filter: CaseFilter): Promise<CaseDetail[]> {
    let q = this.db.selectFrom('cases').select('detail');
    if (filter.orgIds !== 'all') {
      if (filter.orgIds.length === 0) return [];
      q = q.where('orgId', 'in', filter.orgIds);
    }
    for (const condition of this.holding(filter.words ?? [])) q = q.where(condition);
    if (filter.sector)
      q = q.where(sql<boolean>`sectors like ${`%${likeLiteral(JSON.stringify(filter.sector))}%`} escape '\\'`);
    if (filter.level) q = q.where('level', '=', filter.level);
    if (filter.year) q = q.where('year', '=', filter.year);
    const rows = await q.orderBy('publishedAt', 'desc').orderBy('id').execute();
    return rows.map((r) => readJson(storedCaseDetail, r.detail, 'case detail'));
  }

  async find(id: string): Promise<{ orgId: string; detail: CaseDetail } | undefined> {
    const row = await this.db.selectFrom('cases').select(['orgId', 'detail']).where('id', '=', id).executeTakeFirst();
    return row && { orgId: row.orgId, detail: readJson(storedCaseDetail, row.detail, `case ${id}`) };
  }

  /** The conditions, all to be met, under which a case's text holds every one of `words`. */
  private holding(words: readonly string[]) {
    const pattern = (word: string) => `%${likeLiteral(word)}%`;
    if (this.dialect.kind === 'postgres') {
      return words.map((word) => sql<boolean>`search_text ilike ${pattern(word)} escape '\\'`);
    }
    // The trigram index answers words of three characters or more, in one query; shorter ones are scanned.
    const indexed = words.filter((word) => [...word].length >= 3);
    const scanned = words.filter((word) => [...word].length < 3);
    const conditions = scanned.map((word) => sql<boolean>`search_text like ${pattern(word)} escape '\\'`);
    if (indexed.length > 0) {
      const query = indexed.map((word) => `"${word.replaceAll('"', '""')}"`).join(' AND ');
      conditions.unshift(sql<boolean>`rowid in (select rowid from cases_fts where cases_fts match ${query})`);
    }
    return conditions;
  }
}
