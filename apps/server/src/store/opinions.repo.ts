import { sql, type RawBuilder } from 'kysely';
import { storedBulletin, storedOpinion, type OpinionsQuery, type PersonRef } from '@yishi/protocol';
import {
  DutyCategories,
  OpinionStatuses,
  type Bulletin,
  type DutyCategory,
  type Opinion,
  type OpinionStatus,
} from '@yishi/duty';
import type { Db, Dialect } from './db.js';
import { after, type KeyValue } from './keyset.js';
import { nextOfYear } from './numbers.js';
import { readEnum, readJson } from './stored.js';
import { holds } from './text-match.js';

/** What a list of reports is filtered by: the organisation, then the query's filters. */
export interface OpinionFilter {
  orgId: string;
  status?: OpinionStatus | undefined;
  category?: DutyCategory | undefined;
  year?: number | undefined;
  words?: string[] | undefined;
  /** Only this person's reports. */
  authorId?: string | undefined;
}

/** A report row of a list, with its author's name and its sort key. */
export interface OpinionRow {
  id: string;
  orgId: string;
  title: string;
  category: DutyCategory;
  status: OpinionStatus;
  author: PersonRef;
  submittedAt: string;
  bulletins: number;
  instructed: boolean;
  updatedAt: string;
  sortKey: KeyValue[];
}

/** A bulletin row of a list, with its compiler's name and its sort key. */
export interface BulletinRow {
  id: string;
  orgId: string;
  number: string | null;
  title: string;
  opinions: number;
  compiledBy: PersonRef;
  compiledAt: string;
  sortKey: KeyValue[];
}

export type OpinionKey = readonly [updatedAt: string, id: string];
export type BulletinKey = readonly [compiledAt: string, id: string];

/** The words a report is found by: its title and text, lower-cased. */
const searchTextOf = (o: Opinion) => `${o.title}\n${o.body}`.toLowerCase();

/**
 * Public-opinion reports and bulletins: each record as JSON, and the columns that lists read,
 * written together from the record on every save.
 */
export class OpinionsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async insert(opinion: Opinion, now: string): Promise<void> {
    await this.db
      .insertInto('opinions')
      .values({ ...this.columns(opinion, now), version: 1, createdAt: now })
      .execute();
  }

  async find(id: string): Promise<{ opinion: Opinion; version: number; updatedAt: string } | undefined> {
    const row = await this.db
      .selectFrom('opinions')
      .select(['record', 'version', 'updatedAt'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      opinion: readJson(storedOpinion, row.record, `opinion ${id}`),
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }

  /** The reports of `ids` that exist, with their versions, in no particular order. */
  async findMany(ids: readonly string[]): Promise<{ opinion: Opinion; version: number }[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('opinions')
      .select(['id', 'record', 'version'])
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((row) => ({
      opinion: readJson(storedOpinion, row.record, `opinion ${row.id}`),
      version: row.version,
    }));
  }

  /**
   * Stores the changed record if it is still at `version` (nobody saved in between, on any node);
   * false otherwise, and nothing changes. Run it in a transaction with what goes with it.
   */
  async save(opinion: Opinion, version: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('opinions')
      .set({ ...this.columns(opinion, now), version: version + 1 })
      .where('id', '=', opinion.id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Up to `limit` + 1 reports after `start`, the most recently changed first. */
  async page(filter: OpinionFilter, start: OpinionKey | undefined, limit: number): Promise<OpinionRow[]> {
    let q = this.matching(filter)
      .innerJoin('users', 'users.id', 'opinions.authorId')
      .select([
        'opinions.id',
        'opinions.orgId',
        'opinions.title',
        'opinions.category',
        'opinions.status',
        'opinions.authorId',
        'users.displayName as authorName',
        'opinions.submittedAt',
        'opinions.bulletins',
        'opinions.instructed',
        'opinions.updatedAt',
      ]);
    if (start) q = q.where(after([sql.ref('opinions.updated_at'), sql.ref('opinions.id')], start));
    const rows = await q
      .orderBy('opinions.updatedAt', 'desc')
      .orderBy('opinions.id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orgId: row.orgId,
      title: row.title,
      category: readEnum(DutyCategories, row.category, `category of opinion ${row.id}`),
      status: readEnum(OpinionStatuses, row.status, `status of opinion ${row.id}`),
      author: { id: row.authorId, displayName: row.authorName },
      submittedAt: row.submittedAt,
      bulletins: row.bulletins,
      instructed: row.instructed === 1,
      updatedAt: row.updatedAt,
      sortKey: [row.updatedAt, row.id],
    }));
  }

  async count(filter: OpinionFilter): Promise<number> {
    const row = await this.matching(filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The organisation's reports submitted in the span, whole (the duty records count them). */
  async submittedIn(orgId: string, from: string, to: string): Promise<Opinion[]> {
    const rows = await this.db
      .selectFrom('opinions')
      .select(['id', 'record'])
      .where('orgId', '=', orgId)
      .where('submittedAt', '>=', from)
      .where('submittedAt', '<', to)
      .orderBy('submittedAt')
      .orderBy('id')
      .execute();
    return rows.map((row) => readJson(storedOpinion, row.record, `opinion ${row.id}`));
  }

  /** The report a proposal was converted into, if it was. */
  async fromProposal(proposalId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('opinions')
      .select('id')
      .where('fromProposalId', '=', proposalId)
      .executeTakeFirst();
    return row?.id;
  }

  async insertBulletin(bulletin: Bulletin): Promise<void> {
    await this.db
      .insertInto('bulletins')
      .values({
        id: bulletin.id,
        orgId: bulletin.orgId,
        number: bulletin.number,
        title: bulletin.title,
        year: Number(bulletin.compiledAt.slice(0, 4)),
        opinionCount: bulletin.opinionIds.length,
        compiledBy: bulletin.compiledBy,
        compiledAt: bulletin.compiledAt,
        record: JSON.stringify(bulletin),
      })
      .execute();
  }

  async findBulletin(id: string): Promise<Bulletin | undefined> {
    const row = await this.db.selectFrom('bulletins').select('record').where('id', '=', id).executeTakeFirst();
    return row && readJson(storedBulletin, row.record, `bulletin ${id}`);
  }

  /** The bulletins of `ids`, as a report's page names them. */
  async bulletinRefs(ids: readonly string[]): Promise<{ id: string; number: string | null; title: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('bulletins')
      .select(['id', 'number', 'title'])
      .where('id', 'in', [...ids])
      .orderBy('compiledAt')
      .orderBy('id')
      .execute();
  }

  /** Up to `limit` + 1 bulletins of the organisation after `start`, the latest compiled first. */
  async bulletinsPage(
    orgId: string,
    year: number | undefined,
    start: BulletinKey | undefined,
    limit: number,
  ): Promise<BulletinRow[]> {
    let q = this.bulletinsOf(orgId, year)
      .innerJoin('users', 'users.id', 'bulletins.compiledBy')
      .select([
        'bulletins.id',
        'bulletins.orgId',
        'bulletins.number',
        'bulletins.title',
        'bulletins.opinionCount',
        'bulletins.compiledBy',
        'users.displayName as compiledByName',
        'bulletins.compiledAt',
      ]);
    if (start) q = q.where(after([sql.ref('bulletins.compiled_at'), sql.ref('bulletins.id')], start));
    const rows = await q
      .orderBy('bulletins.compiledAt', 'desc')
      .orderBy('bulletins.id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orgId: row.orgId,
      number: row.number,
      title: row.title,
      opinions: row.opinionCount,
      compiledBy: { id: row.compiledBy, displayName: row.compiledByName },
      compiledAt: row.compiledAt,
      sortKey: [row.compiledAt, row.id],
    }));
  }

  async bulletinCount(orgId: string, year: number | undefined): Promise<number> {
    const row = await this.bulletinsOf(orgId, year)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The organisation's next bulletin number of the year (see `nextOfYear`). */
  async nextBulletinNumber(orgId: string, year: number): Promise<number> {
    return nextOfYear(this.db, 'bulletinNumbers', orgId, year);
  }

  private bulletinsOf(orgId: string, year: number | undefined) {
    let q = this.db.selectFrom('bulletins').where('bulletins.orgId', '=', orgId);
    if (year !== undefined) q = q.where('bulletins.year', '=', year);
    return q;
  }

  private matching(filter: OpinionFilter) {
    let q = this.db.selectFrom('opinions').where('opinions.orgId', '=', filter.orgId);
    for (const condition of this.conditions(filter)) q = q.where(condition);
    return q;
  }

  private conditions(filter: OpinionFilter): RawBuilder<boolean>[] {
    const conditions: RawBuilder<boolean>[] = [];
    if (filter.status) conditions.push(sql<boolean>`opinions.status = ${filter.status}`);
    if (filter.category) conditions.push(sql<boolean>`opinions.category = ${filter.category}`);
    if (filter.year !== undefined) conditions.push(sql<boolean>`opinions.year = ${filter.year}`);
    if (filter.authorId) conditions.push(sql<boolean>`opinions.author_id = ${filter.authorId}`);
    for (const word of filter.words ?? []) {
      conditions.push(holds(this.dialect, sql.ref('opinions.search_text'), word.toLowerCase()));
    }
    return conditions;
  }

  private columns(o: Opinion, now: string) {
    return {
      id: o.id,
      orgId: o.orgId,
      status: o.status,
      authorId: o.authorId,
      title: o.title,
      category: o.category,
      year: Number(o.submittedAt.slice(0, 4)),
      submittedAt: o.submittedAt,
      bulletins: o.bulletinIds.length,
      instructed: o.instructions.length > 0 ? 1 : 0,
      fromProposalId: o.fromProposalId,
      record: JSON.stringify(o),
      searchText: searchTextOf(o),
      updatedAt: now,
    };
  }
}

/** `OpinionsQuery`'s filters as the repository takes them; `authorId` when the reader sees only their own. */
export function opinionFilter(orgId: string, query: OpinionsQuery, authorId: string | undefined): OpinionFilter {
  return {
    orgId,
    status: query.status,
    category: query.category,
    year: query.year,
    words: query.q,
    authorId,
  };
}
