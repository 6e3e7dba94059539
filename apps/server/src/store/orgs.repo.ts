import { sql, type RawBuilder } from 'kysely';
import { OrgLevels, Roles, storedStrings, type Membership, type Org, type Role } from '@yishi/protocol';
import { after } from './keyset.js';
import { readEnum, readJson } from './stored.js';
import { holds } from './text-match.js';
import type { Db, Dialect } from './db.js';
import type { MembershipsTable, OrgsTable, UsersTable } from './schema.js';
import { toUser } from './users.repo.js';
import type { Member } from '@yishi/protocol';

function toOrg(row: OrgsTable): Org {
  return {
    id: row.id,
    name: row.name,
    level: readEnum(OrgLevels, row.level, `level of org ${row.id}`),
    parentId: row.parentId,
    createdAt: row.createdAt,
  };
}

function toMembership(row: MembershipsTable): Membership {
  return {
    id: row.id,
    orgId: row.orgId,
    userId: row.userId,
    role: readEnum(Roles, row.role, `role of membership ${row.id}`),
    sector: row.sector,
    expertise: readJson(storedStrings, row.expertise, `expertise of membership ${row.id}`),
    departmentId: row.departmentId,
    active: row.active === 1,
    createdAt: row.createdAt,
  };
}

/** A membership with its account's columns, the account's `active` and `createdAt` renamed. */
type MemberRow = MembershipsTable &
  Pick<UsersTable, 'login' | 'displayName' | 'passwordHash' | 'isAdmin' | 'updatedAt'> & {
    userActive: number;
    userCreatedAt: string;
  };

function toMember(row: MemberRow): Member {
  const user: UsersTable = {
    id: row.userId,
    login: row.login,
    displayName: row.displayName,
    passwordHash: row.passwordHash,
    isAdmin: row.isAdmin,
    active: row.userActive,
    createdAt: row.userCreatedAt,
    updatedAt: row.updatedAt,
  };
  return { ...toMembership(row), user: toUser(user) };
}

export class OrgsRepository {
  constructor(private readonly db: Db) {}

  async all(): Promise<Org[]> {
    const rows = await this.db.selectFrom('orgs').selectAll().orderBy('createdAt').orderBy('id').execute();
    return rows.map(toOrg);
  }

  /** The organisations of these ids, by id (those that do not exist left out). */
  async named(ids: readonly string[]): Promise<Map<string, Org>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.selectFrom('orgs').selectAll().where('id', 'in', unique).execute();
    return new Map(rows.map((row) => [row.id, toOrg(row)]));
  }

  /** The organisations right under `parentId`, by name. */
  async children(parentId: string): Promise<Org[]> {
    const rows = await this.db
      .selectFrom('orgs')
      .selectAll()
      .where('parentId', '=', parentId)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toOrg);
  }

  async findById(id: string): Promise<Org | undefined> {
    const row = await this.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOrg(row);
  }

  async insert(org: Org): Promise<void> {
    await this.db.insertInto('orgs').values(org).execute();
  }

  /** Renames an organisation or moves it under another parent (null: to the top). */
  async update(id: string, change: { name?: string; parentId?: string | null }): Promise<void> {
    await this.db.updateTable('orgs').set(change).where('id', '=', id).execute();
  }
}

/** Which members a page lists. */
export interface MemberFilter {
  q?: string | undefined;
  role?: Role | undefined;
}

/** Where a page of members starts: after the member of this display name and user id. */
export type MemberKey = readonly [displayName: string, userId: string];

export class MembershipsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async forUser(userId: string): Promise<Membership[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAt')
      .execute();
    return rows.map(toMembership);
  }

  async find(orgId: string, userId: string): Promise<Membership | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('orgId', '=', orgId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return row && toMembership(row);
  }

  /** The active members of the organisation who hold one of these roles, by user id. */
  async holding(orgId: string, roles: readonly Role[]): Promise<string[]> {
    if (roles.length === 0) return [];
    const rows = await this.db
      .selectFrom('memberships')
      .select('userId')
      .where('orgId', '=', orgId)
      .where('role', 'in', roles)
      .where('active', '=', 1)
      .orderBy('userId')
      .execute();
    return rows.map((r) => r.userId);
  }

  /** The active officials of these departments, by user id. */
  async officialsOf(departmentIds: readonly string[]): Promise<string[]> {
    if (departmentIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('memberships')
      .select('userId')
      .distinct()
      .where('departmentId', 'in', departmentIds)
      .where('role', '=', 'official')
      .where('active', '=', 1)
      .orderBy('userId')
      .execute();
    return rows.map((r) => r.userId);
  }

  /** Every member of the organisation, by display name. */
  async membersOf(orgId: string): Promise<Member[]> {
    const rows = await this.withUsers(orgId).orderBy('users.displayName').orderBy('users.id').execute();
    return rows.map(toMember);
  }

  /**
   * Up to `limit` + 1 members after `start` (the extra one says there is a next page), by display
   * name, those whose name or login holds `q`, of `role`.
   */
  async membersPage(
    orgId: string,
    filter: MemberFilter,
    start: MemberKey | undefined,
    limit: number,
  ): Promise<Member[]> {
    let query = this.withUsers(orgId);
    for (const condition of this.matching(filter)) query = query.where(condition);
    if (start) query = query.where(after([sql.ref('users.display_name'), sql.ref('users.id')], start, 'asc'));
    const rows = await query
      .orderBy('users.displayName')
      .orderBy('users.id')
      .limit(limit + 1)
      .execute();
    return rows.map(toMember);
  }

  async countMembers(orgId: string, filter: MemberFilter): Promise<number> {
    let query = this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.userId')
      .where('memberships.orgId', '=', orgId);
    for (const condition of this.matching(filter)) query = query.where(condition);
    const row = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private withUsers(orgId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.userId')
      .selectAll('memberships')
      .select([
        'users.login',
        'users.displayName',
        'users.passwordHash',
        'users.isAdmin',
        'users.active as userActive',
        'users.createdAt as userCreatedAt',
        'users.updatedAt',
      ])
      .where('memberships.orgId', '=', orgId);
  }

  /** The conditions, all to be met, of the members the filter matches. */
  private matching(filter: MemberFilter): RawBuilder<boolean>[] {
    const conditions: RawBuilder<boolean>[] = [];
    if (filter.role) conditions.push(sql<boolean>`memberships.role = ${filter.role}`);
    if (filter.q) {
      const { q } = filter;
      const name = holds(this.dialect, sql.ref('users.display_name'), q);
      conditions.push(sql<boolean>`(${name} or ${holds(this.dialect, sql.ref('users.login'), q)})`);
    }
    return conditions;
  }

  async insert(membership: Membership): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({
        ...membership,
        expertise: JSON.stringify(membership.expertise),
        active: membership.active ? 1 : 0,
        updatedAt: membership.createdAt,
      })
      .execute();
  }

  async update(
    id: string,
    changes: Partial<Pick<Membership, 'role' | 'sector' | 'expertise' | 'departmentId' | 'active'>>,
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('memberships')
      .set({
        ...(changes.role === undefined ? {} : { role: changes.role }),
        ...(changes.sector === undefined ? {} : { sector: changes.sector }),
        ...(changes.expertise === undefined ? {} : { expertise: JSON.stringify(changes.expertise) }),
        ...(changes.departmentId === undefined ? {} : { departmentId: changes.departmentId }),
        ...(changes.active === undefined ? {} : { active: changes.active ? 1 : 0 }),
        updatedAt: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async countActiveForUser(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** Walks the organisation tree in the store with recursive queries (SQLite and PostgreSQL both have them). */
export class OrgTreeRepository {
  constructor(private readonly db: Db) {}

  /** The ids from `orgId` up to its root, `orgId` first; empty when it does not exist. */
  async chain(orgId: string): Promise<string[]> {
    const rows = await this.db
      .withRecursive('up(id, parentId, depth)', (qb) =>
        qb
          .selectFrom('orgs')
          .select(['id', 'parentId', sql<number>`0`.as('depth')])
          .where('id', '=', orgId)
          .unionAll((qb2) =>
            qb2
              .selectFrom('orgs')
              .innerJoin('up', 'up.parentId', 'orgs.id')
              .select(['orgs.id', 'orgs.parentId', sql<number>`up.depth + 1`.as('depth')]),
          ),
      )
      .selectFrom('up')
      .select('id')
      .orderBy('depth')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Every organisation at or below the given ones. */
  async subtree(rootIds: readonly string[]): Promise<Org[]> {
    if (rootIds.length === 0) return [];
    const rows = await this.db
      .withRecursive('down(id)', (qb) =>
        qb
          .selectFrom('orgs')
          .select('id')
          .where('id', 'in', rootIds)
          .union((qb2) => qb2.selectFrom('orgs').innerJoin('down', 'down.id', 'orgs.parentId').select('orgs.id')),
      )
      .selectFrom('orgs')
      .selectAll('orgs')
      .where('orgs.id', 'in', (qb) => qb.selectFrom('down').select('down.id'))
      .orderBy('orgs.createdAt')
      .orderBy('orgs.id')
      .execute();
    return rows.map(toOrg);
  }
}
