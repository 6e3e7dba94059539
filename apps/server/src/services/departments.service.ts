import { DepartmentLimits, type Department, type DepartmentBody, type MergeDepartmentBody } from '@yishi/protocol';
import { canManageMembers, type Actor } from '../auth/policy.js';
import { newId, type Clock } from '../deps.js';
import { DomainError, forbidden, invalidField, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { AuditRecord } from '../store/audit.repo.js';
import type { Repositories, Store } from '../store/store.js';
import type { OrgsService } from './orgs.service.js';

/**
 * Every proposal that names department `from` (to lead, to help, or in a reply) names `into`
 * instead; a co-department that becomes the lead is one no longer.
 */
async function proposalsTo(tx: Repositories, from: string, into: string, now: string): Promise<void> {
  const swap = (id: string) => (id === from ? into : id);
  for (const id of await tx.proposals.naming(from)) {
    const found = await tx.proposals.find(id);
    if (!found) continue;
    const p = found.proposal;
    const lead = p.leadDepartmentId === null ? null : swap(p.leadDepartmentId);
    const changed = {
      ...p,
      leadDepartmentId: lead,
      coDepartmentIds: [...new Set(p.coDepartmentIds.map(swap))].filter((d) => d !== lead),
      replies: p.replies.map((r) => ({ ...r, departmentId: swap(r.departmentId) })),
    };
    if (!(await tx.proposals.save(changed, found.version, now))) {
      throw new DomainError('CONFLICT', 'A proposal of this department changed meanwhile; try again');
    }
  }
}

/** An entry about a department, in its organisation's log. */
function departmentEntry(
  actor: Actor,
  department: Department,
  action: AuditRecord['action'],
  at: string,
  details = {},
) {
  return {
    log: department.orgId,
    at,
    actorId: actor.user.id,
    action,
    subject: { type: 'department', id: department.id },
    details: { name: department.name, ...details },
  } satisfies AuditRecord;
}

const nameTaken = () =>
  new DomainError('CONFLICT', 'This organisation has a department of that name', { field: 'name' });

/**
 * An organisation's departments (承办单位, DESIGN §6): everyone who sees the organisation reads
 * them; its administrators and secretariat (and those above) add, rename, merge and remove them.
 */
export class DepartmentsService {
  constructor(
    private readonly store: Store,
    private readonly orgs: OrgsService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, orgId: string): Promise<Department[]> {
    await this.orgs.visibleChain(actor, orgId);
    return this.store.departments.ofOrg(orgId);
  }

  async create(actor: Actor, orgId: string, body: DepartmentBody): Promise<Department> {
    await this.managed(actor, orgId);
    if ((await this.store.departments.count(orgId)) >= DepartmentLimits.perOrg) {
      throw new DomainError('CONFLICT', `An organisation has at most ${DepartmentLimits.perOrg} departments`);
    }
    const now = this.clock.now().toISOString();
    const department: Department = { id: newId(), orgId, name: body.name, officials: 0, createdAt: now };
    await this.store.transaction(async (tx) => {
      if (!(await tx.departments.insert(department))) throw nameTaken();
      await tx.audit.append(departmentEntry(actor, department, 'department.created', now));
    });
    return department;
  }

  async rename(actor: Actor, departmentId: string, body: DepartmentBody): Promise<Department> {
    const department = await this.managedDepartment(actor, departmentId);
    const now = this.clock.now().toISOString();
    await this.store.transaction(async (tx) => {
      if (!(await tx.departments.rename(department.id, department.orgId, body.name, now))) throw nameTaken();
      await tx.audit.append(departmentEntry(actor, department, 'department.renamed', now, { to: body.name }));
    });
    return { ...department, name: body.name };
  }

  /**
   * Folds a department into another of its organisation: its officials answer for the other one
   * from now on, and it is removed. Those officials' live connections are told, as on any change
   * of their membership.
   */
  async merge(actor: Actor, departmentId: string, body: MergeDepartmentBody): Promise<Department> {
    const department = await this.managedDepartment(actor, departmentId);
    if (body.into === department.id) throw invalidField('into', 'a department cannot be merged into itself');
    const into = (await this.store.departments.inOrg(department.orgId, [body.into])).get(body.into);
    if (!into) throw invalidField('into', 'not a department of this organisation');
    const officials = (await this.store.memberships.membersOf(department.orgId)).filter(
      (m) => m.departmentId === department.id,
    );
    const now = this.clock.now().toISOString();
    await this.store.transaction(async (tx) => {
      await proposalsTo(tx, department.id, into.id, now);
      await tx.departments.mergeInto(department.id, into.id, now);
      const details = { into: into.id, intoName: into.name };
      await tx.audit.append(departmentEntry(actor, department, 'department.merged', now, details));
    });
    for (const official of officials) await this.events.emit('membership.changed', { userId: official.userId });
    return (await this.store.departments.find(into.id)) ?? into;
  }

  /** Removes a department that no official belongs to and no outcome names; CONFLICT otherwise (merge it instead). */
  async remove(actor: Actor, departmentId: string): Promise<void> {
    const department = await this.managedDepartment(actor, departmentId);
    const now = this.clock.now().toISOString();
    await this.store.transaction(async (tx) => {
      if (await tx.departments.inUse(department.id)) {
        throw new DomainError('CONFLICT', 'Officials, outcomes or proposals name this department; merge it instead');
      }
      await tx.departments.delete(department.id);
      await tx.audit.append(departmentEntry(actor, department, 'department.deleted', now));
    });
  }

  private async managed(actor: Actor, orgId: string): Promise<void> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (!canManageMembers(actor, chain)) throw forbidden('You cannot manage the departments of this organisation');
  }

  private async managedDepartment(actor: Actor, departmentId: string): Promise<Department> {
    const department = await this.store.departments.find(departmentId);
    if (!department) throw notFound('Department');
    await this.managed(actor, department.orgId);
    return department;
  }
}
