import type {
  AuditAction,
  CreateMemberBody,
  Department,
  Member,
  MembersPage,
  MembersQuery,
  Membership,
  Role,
  UpdateMemberBody,
  User,
} from '@yishi/protocol';
import type { AuditRecord } from '../store/audit.repo.js';
import { canAdministerOrg, canAssignRole, canManageMembers, type Actor } from '../auth/policy.js';
import type { Passwords } from '../auth/passwords.js';
import { assertStrongPassword } from '../auth/password-strength.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import type { SessionService } from '../auth/sessions.js';
import { newId, type Clock } from '../deps.js';
import { DomainError, forbidden, invalidField, notFound } from '../errors.js';
import type { Store } from '../store/store.js';
import type { EventBus, SessionEndReason } from '../events/bus.js';
import type { OrgsService } from './orgs.service.js';
import { readPage } from './pages.js';

/** An entry about a member, in the organisation's log. */
function memberEntry(
  actor: Actor,
  orgId: string,
  userId: string,
  action: AuditAction,
  at: string,
  details: Record<string, unknown> = {},
): AuditRecord {
  return { log: orgId, at, actorId: actor.user.id, action, subject: { type: 'user', id: userId }, details };
}

/** The members of an organisation: enrolment, role and profile, password resets, unlocks, deactivation. */
export class MembersService {
  constructor(
    private readonly store: Store,
    private readonly orgs: OrgsService,
    private readonly sessions: SessionService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly limiter: LoginLimiter,
    private readonly passwords: Passwords,
  ) {}

  /** A page of the organisation's members, by display name, filtered. */
  async list(actor: Actor, orgId: string, query: MembersQuery): Promise<MembersPage> {
    await this.orgs.visibleChain(actor, orgId);
    const filter = { q: query.q, role: query.role };
    const { memberships } = this.store;
    const { items, next, total } = await readPage(
      { name: 'members', shape: ['string', 'string'] },
      query,
      (start) =>
        Promise.all([
          memberships.membersPage(orgId, filter, start, query.limit),
          memberships.countMembers(orgId, filter),
        ]),
      (m) => [m.user.displayName, m.userId],
    );
    return { members: items, next, total };
  }

  /** Creates an account and its membership in one step; CONFLICT when the login is taken. */
  async create(actor: Actor, orgId: string, body: CreateMemberBody): Promise<{ user: User; membership: Membership }> {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (!canManageMembers(actor, chain)) throw forbidden('You cannot add members to this organisation');
    if (!canAssignRole(actor, chain, body.role)) throw forbidden(`You cannot give the role ${body.role}`);
    assertStrongPassword(body.password, body);
    if (await this.store.users.findByLogin(body.login)) {
      throw new DomainError('CONFLICT', 'This login is already taken', { field: 'login' });
    }
    const department = await this.assertDepartment(orgId, body.role, body.departmentId ?? null);
    const now = this.clock.now().toISOString();
    const user: User = {
      id: newId(),
      login: body.login,
      displayName: body.displayName,
      isAdmin: false,
      active: true,
      createdAt: now,
    };
    const membership: Membership = {
      id: newId(),
      orgId,
      userId: user.id,
      role: body.role,
      sector: body.sector ?? null,
      expertise: dedupe(body.expertise ?? []),
      departmentId: body.departmentId ?? null,
      active: true,
      createdAt: now,
    };
    const passwordHash = await this.passwords.hash(body.password);
    // The check above answers at once; the unique login catches a racing enrolment on another node.
    await this.store.transaction(async (tx) => {
      if (!(await tx.users.insert({ ...user, passwordHash }))) {
        throw new DomainError('CONFLICT', 'This login is already taken', { field: 'login' });
      }
      await tx.memberships.insert(membership);
      const details = {
        login: user.login,
        role: membership.role,
        ...(department ? { department: department.name } : {}),
      };
      await tx.audit.append(memberEntry(actor, orgId, user.id, 'member.added', now, details));
    });
    return { user, membership };
  }

  async update(actor: Actor, orgId: string, userId: string, body: UpdateMemberBody): Promise<Member> {
    const { chain, membership } = await this.managed(actor, orgId, userId);
    if (body.role !== undefined && !canAssignRole(actor, chain, body.role)) {
      throw forbidden(`You cannot give the role ${body.role}`);
    }
    if (!canAssignRole(actor, chain, membership.role)) {
      throw forbidden(`You cannot change a member with the role ${membership.role}`);
    }
    if (userId === actor.user.id && (body.active === false || body.role !== undefined)) {
      throw forbidden('You cannot deactivate yourself or change your own role');
    }
    const role = body.role ?? membership.role;
    // An official keeps their department unless it is changed; any other role has none.
    const departmentId = role === 'official' ? (body.departmentId ?? membership.departmentId) : null;
    if (role !== 'official' && body.departmentId) {
      throw invalidField('departmentId', 'only an official has a department');
    }
    const department = await this.assertDepartment(orgId, role, departmentId);
    const changes = { ...body, departmentId };
    const movedTo = departmentId !== membership.departmentId && department ? { department: department.name } : {};
    const now = this.clock.now().toISOString();
    const target = await this.store.users.findById(userId);
    let signOut = false;
    await this.store.transaction(async (tx) => {
      await tx.memberships.update(membership.id, changes, now);
      const { departmentId: _id, ...said } = body;
      const details = { ...said, ...movedTo, ...(body.role !== undefined ? { fromRole: membership.role } : {}) };
      await tx.audit.append(memberEntry(actor, orgId, userId, 'member.changed', now, details));
      if (body.displayName !== undefined) await tx.users.update(userId, { displayName: body.displayName }, now);
      if (body.active === true) await tx.users.update(userId, { active: true }, now);
      if (body.active === false) {
        // An account left with no active membership can do nothing; it is switched off and signed out.
        if (!target?.isAdmin && (await tx.memberships.countActiveForUser(userId)) === 0) {
          await tx.users.update(userId, { active: false }, now);
          signOut = true;
        }
      }
    });
    if (signOut) await this.signedOut(await this.sessions.endAllFor(userId), 'deactivated');
    // A chair demoted to observer must not keep writing through a connection opened as chair.
    await this.events.emit('membership.changed', { userId });
    const member = (await this.store.memberships.membersOf(orgId)).find((m) => m.userId === userId);
    if (!member) throw notFound('Member');
    return member;
  }

  /** Sets a new password, signs the member out everywhere and lifts the waits of failed logins. */
  async resetPassword(actor: Actor, orgId: string, userId: string, password: string): Promise<void> {
    const { chain, membership } = await this.managed(actor, orgId, userId);
    if (!canAssignRole(actor, chain, membership.role)) {
      throw forbidden(`You cannot reset the password of a member with the role ${membership.role}`);
    }
    const target = await this.store.users.findById(userId);
    if (!target) throw notFound('Member');
    if (target.isAdmin && !actor.user.isAdmin) throw forbidden('Only a site administrator can reset this password');
    assertStrongPassword(password, target);
    const passwordHash = await this.passwords.hash(password);
    const now = this.clock.now().toISOString();
    await this.store.transaction(async (tx) => {
      await tx.users.update(userId, { passwordHash }, now);
      await tx.audit.append(memberEntry(actor, orgId, userId, 'member.password_reset', now));
    });
    await this.limiter.unlock(target.login);
    const ended = await this.sessions.endAllFor(userId);
    await this.signedOut(ended, 'password_reset');
  }

  /**
   * Starts the member's failed-login counts afresh, so that they may sign in at once from anywhere
   * (administrators of the organisation or above; an administrator's account, site administrators).
   */
  async unlock(actor: Actor, orgId: string, userId: string): Promise<void> {
    const { chain } = await this.managed(actor, orgId, userId);
    if (!canAdministerOrg(actor, chain)) throw forbidden('Only an administrator can unlock an account');
    const target = await this.store.users.findById(userId);
    if (!target) throw notFound('Member');
    if (target.isAdmin && !actor.user.isAdmin) throw forbidden('Only a site administrator can unlock this account');
    await this.limiter.unlock(target.login);
    const now = this.clock.now().toISOString();
    await this.store.transaction((tx) => tx.audit.append(memberEntry(actor, orgId, userId, 'member.unlocked', now)));
  }

  /**
   * An official answers for one department of the organisation (DESIGN §6); no other role has one.
   * VALIDATION on `departmentId` otherwise.
   */
  private async assertDepartment(orgId: string, role: Role, departmentId: string | null): Promise<Department | null> {
    const invalid = (message: string) => invalidField('departmentId', message);
    if (role !== 'official') {
      if (departmentId !== null) throw invalid('only an official has a department');
      return null;
    }
    if (departmentId === null) throw invalid('an official belongs to a department');
    const department = (await this.store.departments.inOrg(orgId, [departmentId])).get(departmentId);
    if (!department) throw invalid('not a department of this organisation');
    return department;
  }

  /** Tells every node that the sessions ended, so that their live connections close. */
  private async signedOut(sessionIds: string[], reason: SessionEndReason): Promise<void> {
    if (sessionIds.length > 0) await this.events.emit('session.ended', { sessionIds, reason });
  }

  private async managed(actor: Actor, orgId: string, userId: string) {
    const chain = await this.orgs.visibleChain(actor, orgId);
    if (!canManageMembers(actor, chain)) throw forbidden('You cannot manage the members of this organisation');
    const membership = await this.store.memberships.find(orgId, userId);
    if (!membership) throw notFound('Member');
    return { chain, membership };
  }
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}
