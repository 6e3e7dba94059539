import { sql, type RawBuilder } from 'kysely';
import { Stages, type Stage } from '@yishi/procedure';
import { storedProposal, type DepartmentRef, type ProposalsQuery } from '@yishi/protocol';
import {
  DutyCategories,
  hasReplied,
  ProposalStatuses,
  type DutyCategory,
  type Proposal,
  type ProposalStatus,
} from '@yishi/duty';
import type { Db, Dialect } from './db.js';
import { after, type KeyValue } from './keyset.js';
import { nextOfYear } from './numbers.js';
import { readEnum, readJson } from './stored.js';
import { holds } from './text-match.js';

/** What a list of proposals is filtered by: the organisation, then the query's filters. */
export interface ProposalFilter {
  orgId: string;
  status?: ProposalStatus | undefined;
  category?: DutyCategory | undefined;
  year?: number | undefined;
  words?: string[] | undefined;
  /** Those this person wrote or co-signs (confirmed or invited). */
  person?: string | undefined;
  departmentId?: string | undefined;
  /** Drafts are seen by their author and invitees only: those of this person, and no other. */
  draftsOf: string;
}

/** A proposal row of a list, with its author's and lead department's names, and its sort key. */
export interface ProposalRow {
  id: string;
  orgId: string;
  number: string | null;
  title: string;
  category: DutyCategory;
  status: ProposalStatus;
  key: boolean;
  authorId: string;
  authorName: string;
  submittedAt: string | null;
  leadDepartment: DepartmentRef | null;
  dueDate: string | null;
  leadReplied: boolean;
  updatedAt: string;
  sortKey: KeyValue[];
}

export type ProposalKey = readonly [updatedAt: string, id: string];

/** The words a proposal is found by: its title, reasons and suggestions, lower-cased. */
const searchTextOf = (p: Proposal) => `${p.title}\n${p.reasons}\n${p.suggestions}`.toLowerCase();

/**
 * Proposals: the record as JSON, and the columns and side tables that lists read, written
 * together from the record on every save.
 */
export class ProposalsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async insert(proposal: Proposal, now: string): Promise<void> {
    await this.db
      .insertInto('proposals')
      .values({ ...this.columns(proposal, now), version: 1, createdAt: proposal.createdAt })
      .execute();
    await this.replaceSides(proposal);
  }

  /** The record and its version, for a change that saves with `save`. */
  /** Records that `topicId` is a consultation opened from `proposalId`. */
  async linkTopic(proposalId: string, topicId: string, now: string): Promise<void> {
    await this.db.insertInto('proposalTopics').values({ proposalId, topicId, createdAt: now }).execute();
  }

  /** The consultation topics opened from a proposal, the first opened first. */
  async topicsOf(proposalId: string): Promise<{ id: string; title: string; stage: Stage }[]> {
    const rows = await this.db
      .selectFrom('proposalTopics')
      .innerJoin('topics', 'topics.id', 'proposalTopics.topicId')
      .select(['topics.id', 'topics.title', 'topics.stage'])
      .where('proposalTopics.proposalId', '=', proposalId)
      .orderBy('proposalTopics.createdAt')
      .orderBy('topics.id')
      .execute();
    return rows.map((row) => ({ ...row, stage: readEnum(Stages, row.stage, `stage of topic ${row.id}`) }));
  }

  /** The proposal a topic was opened from, if it was. */
  async ofTopic(topicId: string): Promise<{ id: string; number: string | null; title: string } | undefined> {
    return this.db
      .selectFrom('proposalTopics')
      .innerJoin('proposals', 'proposals.id', 'proposalTopics.proposalId')
      .select(['proposals.id', 'proposals.number', 'proposals.title'])
      .where('proposalTopics.topicId', '=', topicId)
      .executeTakeFirst();
  }

  async find(id: string): Promise<{ proposal: Proposal; version: number; updatedAt: string } | undefined> {
    const row = await this.db
      .selectFrom('proposals')
      .select(['record', 'version', 'updatedAt'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      proposal: readJson(storedProposal, row.record, `proposal ${id}`),
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }

  /** The proposals whose lead reply is past its due date (`today` is the committee's day), oldest due first. */
  async overdue(today: string): Promise<Proposal[]> {
    const rows = await this.db
      .selectFrom('proposals')
      .select(['id', 'record'])
      .where('status', '=', 'handling')
      .where('dueDate', '<', today)
      .where('leadReplied', '=', 0)
      .orderBy('dueDate')
      .orderBy('id')
      .execute();
    return rows.map((r) => readJson(storedProposal, r.record, `proposal ${r.id}`));
  }

  /**
   * Stores the changed record if it is still at `version` (nobody saved in between, on any node);
   * false otherwise, and nothing changes. Run it in a transaction with what goes with it.
   */
  async save(proposal: Proposal, version: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('proposals')
      .set({ ...this.columns(proposal, now), version: version + 1 })
      .where('id', '=', proposal.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.replaceSides(proposal);
    return true;
  }

  /** The organisation's next proposal number of the year (see `nextOfYear`). */
  async nextNumber(orgId: string, year: number): Promise<number> {
    return nextOfYear(this.db, 'proposalNumbers', orgId, year);
  }

  /** Up to `limit` + 1 proposals after `start`, the most recently changed first. */
  async page(filter: ProposalFilter, start: ProposalKey | undefined, limit: number): Promise<ProposalRow[]> {
    let q = this.matching(filter)
      .innerJoin('users', 'users.id', 'proposals.authorId')
      .leftJoin('departments', 'departments.id', 'proposals.leadDepartmentId')
      .select([
        'proposals.id',
        'proposals.orgId',
        'proposals.number',
        'proposals.title',
        'proposals.category',
        'proposals.status',
        'proposals.key',
        'proposals.authorId',
        'users.displayName as authorName',
        'proposals.submittedAt',
        'proposals.leadDepartmentId',
        'departments.name as leadDepartmentName',
        'proposals.dueDate',
        'proposals.leadReplied',
        'proposals.updatedAt',
      ]);
    if (start) q = q.where(after([sql.ref('proposals.updated_at'), sql.ref('proposals.id')], start));
    const rows = await q
      .orderBy('proposals.updatedAt', 'desc')
      .orderBy('proposals.id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orgId: row.orgId,
      number: row.number,
      title: row.title,
      category: readEnum(DutyCategories, row.category, `category of proposal ${row.id}`),
      status: readEnum(ProposalStatuses, row.status, `status of proposal ${row.id}`),
      key: row.key === 1,
      authorId: row.authorId,
      authorName: row.authorName,
      submittedAt: row.submittedAt,
      leadDepartment:
        row.leadDepartmentId && row.leadDepartmentName
          ? { id: row.leadDepartmentId, name: row.leadDepartmentName }
          : null,
      dueDate: row.dueDate,
      leadReplied: row.leadReplied === 1,
      updatedAt: row.updatedAt,
      sortKey: [row.updatedAt, row.id],
    }));
  }

  async count(filter: ProposalFilter): Promise<number> {
    const row = await this.matching(filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The ids of the proposals that name the department (as lead or co-department). */
  async naming(departmentId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('proposalDepartments')
      .select('proposalId')
      .where('departmentId', '=', departmentId)
      .execute();
    return rows.map((r) => r.proposalId);
  }

  private matching(filter: ProposalFilter) {
    let q = this.db.selectFrom('proposals').where('proposals.orgId', '=', filter.orgId);
    for (const condition of this.conditions(filter)) q = q.where(condition);
    return q;
  }

  private conditions(filter: ProposalFilter): RawBuilder<boolean>[] {
    const conditions: RawBuilder<boolean>[] = [
      // Someone else's draft is nobody's business until it is submitted.
      sql<boolean>`(proposals.status <> 'draft' or exists (select 1 from proposal_people pp
        where pp.proposal_id = proposals.id and pp.user_id = ${filter.draftsOf}))`,
    ];
    if (filter.status) conditions.push(sql<boolean>`proposals.status = ${filter.status}`);
    if (filter.category) conditions.push(sql<boolean>`proposals.category = ${filter.category}`);
    if (filter.year !== undefined) conditions.push(sql<boolean>`proposals.year = ${filter.year}`);
    for (const word of filter.words ?? []) {
      conditions.push(holds(this.dialect, sql.ref('proposals.search_text'), word.toLowerCase()));
    }
    if (filter.person) {
      conditions.push(sql<boolean>`exists (select 1 from proposal_people pp
        where pp.proposal_id = proposals.id and pp.user_id = ${filter.person})`);
    }
    if (filter.departmentId) {
      conditions.push(sql<boolean>`exists (select 1 from proposal_departments pd
        where pd.proposal_id = proposals.id and pd.department_id = ${filter.departmentId})`);
    }
    return conditions;
  }

  private columns(p: Proposal, now: string) {
    return {
      id: p.id,
      orgId: p.orgId,
      status: p.status,
      number: p.number,
      authorId: p.authorId,
      title: p.title,
      category: p.category,
      year: Number(p.createdAt.slice(0, 4)),
      key: p.key ? 1 : 0,
      leadDepartmentId: p.leadDepartmentId,
      dueDate: p.dueDate,
      leadReplied: hasReplied(p, p.leadDepartmentId) ? 1 : 0,
      submittedAt: p.submittedAt,
      record: JSON.stringify(p),
      searchText: searchTextOf(p),
      updatedAt: now,
    };
  }

  /** The people and departments tables, as the record says now. */
  private async replaceSides(p: Proposal): Promise<void> {
    await this.db.deleteFrom('proposalPeople').where('proposalId', '=', p.id).execute();
    await this.db
      .insertInto('proposalPeople')
      .values([
        { proposalId: p.id, userId: p.authorId, part: 'author', confirmed: 1 },
        ...p.cosigners.map((c) => ({
          proposalId: p.id,
          userId: c.userId,
          part: 'cosigner',
          confirmed: c.confirmedAt ? 1 : 0,
        })),
      ])
      .execute();
    await this.db.deleteFrom('proposalDepartments').where('proposalId', '=', p.id).execute();
    const departments = [
      ...(p.leadDepartmentId ? [{ proposalId: p.id, departmentId: p.leadDepartmentId, part: 'lead' }] : []),
      ...p.coDepartmentIds.map((departmentId) => ({ proposalId: p.id, departmentId, part: 'co' })),
    ];
    if (departments.length > 0) await this.db.insertInto('proposalDepartments').values(departments).execute();
  }
}

/** `ProposalsQuery`'s filters as the repository takes them. */
export function proposalFilter(orgId: string, query: ProposalsQuery, reader: string): ProposalFilter {
  return {
    orgId,
    status: query.status,
    category: query.category,
    year: query.year,
    words: query.q,
    person: query.mine ? reader : undefined,
    departmentId: query.departmentId,
    draftsOf: reader,
  };
}
