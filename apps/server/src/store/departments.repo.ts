import type { Department } from '@yishi/protocol';
import type { Db } from './db.js';

/**
 * An organisation's departments (承办单位), each with how many active officials it has. Names are
 * unique within an organisation (the store's constraint, so that two nodes cannot both add one).
 */
export class DepartmentsRepository {
  constructor(private readonly db: Db) {}

  private withOfficials() {
    return this.db
      .selectFrom('departments')
      .leftJoin('memberships', (join) =>
        join
          .onRef('memberships.departmentId', '=', 'departments.id')
          .on('memberships.role', '=', 'official')
          .on('memberships.active', '=', 1),
      )
      .select(['departments.id', 'departments.orgId', 'departments.name', 'departments.createdAt'])
      .select((eb) => eb.fn.count<number | string>('memberships.id').as('officials'))
      .groupBy(['departments.id', 'departments.orgId', 'departments.name', 'departments.createdAt']);
  }

  /** Every department of the organisation, by name. */
  async ofOrg(orgId: string): Promise<Department[]> {
    const rows = await this.withOfficials()
      .where('departments.orgId', '=', orgId)
      .orderBy('departments.name')
      .orderBy('departments.id')
      .execute();
    return rows.map(toDepartment);
  }

  async find(id: string): Promise<Department | undefined> {
    const row = await this.withOfficials().where('departments.id', '=', id).executeTakeFirst();
    return row && toDepartment(row);
  }

  /** The departments of `ids` that belong to the organisation, by id. */
  async inOrg(orgId: string, ids: readonly string[]): Promise<Map<string, Department>> {
    if (ids.length === 0) return new Map();
    const rows = await this.withOfficials()
      .where('departments.orgId', '=', orgId)
      .where('departments.id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((row) => [row.id, toDepartment(row)]));
  }

  async count(orgId: string): Promise<number> {
    const row = await this.db
      .selectFrom('departments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('orgId', '=', orgId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Adds the department; false when the organisation has one of that name already. */
  async insert(department: Omit<Department, 'officials'>): Promise<boolean> {
    const result = await this.db
      .insertInto('departments')
      .values({
        id: department.id,
        orgId: department.orgId,
        name: department.name,
        createdAt: department.createdAt,
        updatedAt: department.createdAt,
      })
      .onConflict((oc) => oc.columns(['orgId', 'name']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Renames the department; false when another of its organisation has the name already. */
  async rename(id: string, orgId: string, name: string, now: string): Promise<boolean> {
    const clash = await this.db
      .selectFrom('departments')
      .select('id')
      .where('orgId', '=', orgId)
      .where('name', '=', name)
      .where('id', '!=', id)
      .executeTakeFirst();
    if (clash) return false;
    await this.db.updateTable('departments').set({ name, updatedAt: now }).where('id', '=', id).execute();
    return true;
  }

  /**
   * Moves the department's officials and the outcomes addressed to it to `into`, and removes it. An
   * outcome addressed to both keeps one. Run it in a transaction.
   */
  async mergeInto(id: string, into: string, now: string): Promise<void> {
    const addressedToBoth = this.db.selectFrom('topicDepartments').select('topicId').where('departmentId', '=', into);
    await this.db
      .deleteFrom('topicDepartments')
      .where('departmentId', '=', id)
      .where('topicId', 'in', addressedToBoth)
      .execute();
    await this.db.updateTable('topicDepartments').set({ departmentId: into }).where('departmentId', '=', id).execute();
    await this.db
      .updateTable('memberships')
      .set({ departmentId: into, updatedAt: now })
      .where('departmentId', '=', id)
      .execute();
    await this.db.deleteFrom('departments').where('id', '=', id).execute();
  }

  /** Whether any membership (of any state), outcome or proposal names the department. */
  async inUse(id: string): Promise<boolean> {
    const first = (table: 'memberships' | 'topicDepartments' | 'proposalDepartments') =>
      this.db
        .selectFrom(table)
        .select((eb) => eb.lit(1).as('one'))
        .where('departmentId', '=', id)
        .limit(1)
        .executeTakeFirst();
    const found = await Promise.all([first('memberships'), first('topicDepartments'), first('proposalDepartments')]);
    return found.some((row) => row !== undefined);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('departments').where('id', '=', id).execute();
  }
}

function toDepartment(row: {
  id: string;
  orgId: string;
  name: string;
  createdAt: string;
  officials: number | string;
}): Department {
  return { id: row.id, orgId: row.orgId, name: row.name, officials: Number(row.officials), createdAt: row.createdAt };
}
