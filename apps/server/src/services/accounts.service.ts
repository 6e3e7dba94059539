import type { LoginBody, Me, Membership, SetupBody, User } from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import type { Passwords } from '../auth/passwords.js';
import { assertStrongPassword } from '../auth/password-strength.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import { isSetupCode, newSetupCode } from '../auth/setup-code.js';
import type { SessionService } from '../auth/sessions.js';
import { newId, type Clock } from '../deps.js';
import { DomainError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { Store } from '../store/store.js';
import { SITE_LOG } from './audit.service.js';

export interface ClientMeta {
  ip: string;
  userAgent: string | undefined;
}

/** Setup of the first administrator, sign-in and sign-out, and who the signed-in person is. */
export class AccountsService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly sessions: SessionService,
    private readonly limiter: LoginLimiter,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
  ) {}

  async setupNeeded(): Promise<boolean> {
    return (await this.store.users.count()) === 0;
  }

  /**
   * The one-time setup code while nobody has set Yishi up yet (undefined afterwards), for the log.
   * The first node to start makes it and keeps it in the store; every other node, and a restart,
   * finds the same one there.
   */
  async pendingSetupCode(): Promise<string | undefined> {
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (tx) => {
      await tx.users.lockSetup();
      if ((await tx.users.count()) > 0) return undefined;
      return tx.settings.putIfAbsent('setup_code', newSetupCode(), now);
    });
  }

  /**
   * Creates the first administrator and signs them in. FORBIDDEN without the setup code of the
   * log, which this uses up; CONFLICT once any account exists.
   */
  async setup(body: SetupBody, meta: ClientMeta): Promise<{ user: User; token: string }> {
    assertStrongPassword(body.password, body);
    const passwordHash = await this.passwords.hash(body.password);
    const now = this.clock.now().toISOString();
    const user: User = {
      id: newId(),
      login: body.login,
      displayName: body.displayName,
      isAdmin: true,
      active: true,
      createdAt: now,
    };
    // The count, the code and the insert share a transaction under the setup lock, so that two
    // racing setups cannot both succeed, on one node or on several.
    await this.store.transaction(async (tx) => {
      await tx.users.lockSetup();
      if ((await tx.users.count()) > 0) throw new DomainError('CONFLICT', 'Yishi is already set up');
      const code = await tx.settings.get('setup_code');
      if (code === undefined || !isSetupCode(code, body.setupCode)) {
        throw new DomainError('FORBIDDEN', 'Wrong setup code: the server prints it in its log at start');
      }
      if (!(await tx.users.insert({ ...user, passwordHash })))
        throw new DomainError('CONFLICT', 'Yishi is already set up');
      await tx.settings.delete('setup_code');
      const details = { login: user.login, address: meta.ip };
      const subject = { type: 'user' as const, id: user.id };
      await tx.audit.append({ log: SITE_LOG, at: now, actorId: user.id, action: 'setup.done', subject, details });
    });
    const token = await this.sessions.create(user.id, meta);
    return { user, token };
  }

  /** Signs in; failures slow further attempts down (`LoginLimiter`), with RATE_LIMITED while they wait. */
  async login(body: LoginBody, meta: ClientMeta): Promise<{ user: User; token: string }> {
    const attempt = await this.limiter.attempt(body.login, meta.ip);
    const record = await this.store.users.findByLogin(body.login);
    const ok = record ? await this.passwords.verify(record.passwordHash, body.password) : false;
    if (!record) await this.passwords.burnDecoyVerification(body.password);
    if (!record || !ok || !record.active) {
      // Only attempts the limiter let through are recorded: one it turned away writes nothing.
      await this.audit(attempt.slowsNext ? 'auth.slowed' : 'auth.refused', record, body.login, meta);
      throw new DomainError('UNAUTHENTICATED', 'Wrong login or password');
    }
    await attempt.succeeded();
    const token = await this.sessions.create(record.id, meta);
    const { passwordHash: _hash, ...user } = record;
    await this.audit('auth.signed_in', user, body.login, meta);
    return { user, token };
  }

  /**
   * Records a sign-in or a refused one in the logs of the organisations the account belongs to, and
   * in the installation's own for a site administrator, an account of no organisation or a login
   * that names no account.
   */
  private async audit(
    action: 'auth.signed_in' | 'auth.refused' | 'auth.slowed',
    user: Pick<User, 'id' | 'isAdmin'> | undefined,
    login: string,
    meta: ClientMeta,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    const orgIds = user
      ? (await this.store.memberships.forUser(user.id)).filter((m) => m.active).map((m) => m.orgId)
      : [];
    const logs = [...new Set(orgIds)];
    if (!user || user.isAdmin || logs.length === 0) logs.push(SITE_LOG);
    const details = { login, address: meta.ip };
    const subject = user ? { type: 'user' as const, id: user.id } : null;
    const actorId = action === 'auth.signed_in' && user ? user.id : null;
    await this.store.transaction(async (tx) => {
      for (const log of logs) await tx.audit.append({ log, at, actorId, action, subject, details });
    });
  }

  /** Ends the session, and closes the live connections it opened on every node. */
  async logout(sessionId: string): Promise<void> {
    await this.sessions.end(sessionId);
    await this.events.emit('session.ended', { sessionIds: [sessionId], reason: 'logout' });
  }

  /** The actor behind a user: their account and active memberships, as the policy reads them. */
  async actorFor(user: User): Promise<Actor> {
    const memberships = await this.store.memberships.forUser(user.id);
    return { user, memberships: memberships.filter((m) => m.active) };
  }

  async me(user: User): Promise<Me> {
    const memberships = (await this.store.memberships.forUser(user.id)).filter((m) => m.active);
    const withOrgs = await Promise.all(
      memberships.map(async (m: Membership) => {
        const org = await this.store.orgs.findById(m.orgId);
        if (!org) throw new DomainError('INTERNAL', 'Membership without organisation');
        return { ...m, org };
      }),
    );
    return { user, memberships: withOrgs };
  }
}
