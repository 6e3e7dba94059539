import type { LoginBody, Me, Membership, SetupBody, User } from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { burnDecoyVerification, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import type { SessionService } from '../auth/sessions.js';
import { newId, type Clock } from '../deps.js';
import { DomainError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { Store } from '../store/store.js';

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
  ) {}

  async setupNeeded(): Promise<boolean> {
    return (await this.store.users.count()) === 0;
  }

  /** Creates the first administrator and signs them in; CONFLICT once any account exists. */
  async setup(body: SetupBody, meta: ClientMeta): Promise<{ user: User; token: string }> {
    const passwordHash = await hashPassword(body.password);
    const now = this.clock.now().toISOString();
    const user: User = {
      id: newId(),
      login: body.login,
      displayName: body.displayName,
      isAdmin: true,
      active: true,
      createdAt: now,
    };
    // The count and the insert share a transaction under the setup lock, so that two racing
    // setups cannot both succeed, on one node or on several.
    await this.store.transaction(async (tx) => {
      await tx.users.lockSetup();
      if ((await tx.users.count()) > 0) throw new DomainError('CONFLICT', 'Yishi is already set up');
      if (!(await tx.users.insert({ ...user, passwordHash })))
        throw new DomainError('CONFLICT', 'Yishi is already set up');
    });
    const token = await this.sessions.create(user.id, meta);
    return { user, token };
  }

  async login(body: LoginBody, meta: ClientMeta): Promise<{ user: User; token: string }> {
    await this.limiter.check(body.login, meta.ip);
    const record = await this.store.users.findByLogin(body.login);
    const ok = record ? await verifyPassword(record.passwordHash, body.password) : false;
    if (!record) await burnDecoyVerification(body.password);
    if (!record || !ok || !record.active) {
      await this.limiter.failed(body.login, meta.ip);
      throw new DomainError('UNAUTHENTICATED', 'Wrong login or password');
    }
    await this.limiter.succeeded(body.login);
    const token = await this.sessions.create(record.id, meta);
    const { passwordHash: _hash, ...user } = record;
    return { user, token };
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
