import type { LoginBody, Me, Membership, SetupBody, User } from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { burnDecoyVerification, hashPassword, verifyPassword } from '../auth/passwords.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import type { SessionService } from '../auth/sessions.js';
import { newId, type Clock } from '../deps.js';
import { DomainError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { MembershipsRepository, OrgsRepository } from '../store/orgs.repo.js';
import type { UsersRepository } from '../store/users.repo.js';

export interface ClientMeta {
  ip: string;
  userAgent: string | undefined;
}

/** Setup of the first administrator, sign-in and sign-out, and who the signed-in person is. */
export class AccountsService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly orgs: OrgsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly sessions: SessionService,
    private readonly limiter: LoginLimiter,
    private readonly clock: Clock,
  ) {}

  async setupNeeded(): Promise<boolean> {
    return (await this.users.count()) === 0;
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
    // The count and the insert share a transaction, so two racing setups cannot both succeed.
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(row.n) > 0) throw new DomainError('CONFLICT', 'Yishi is already set up');
      await this.users.insert({ ...user, passwordHash }, trx);
    });
    const token = await this.sessions.create(user.id, meta);
    return { user, token };
  }

  async login(body: LoginBody, meta: ClientMeta): Promise<{ user: User; token: string }> {
    await this.limiter.check(body.login, meta.ip);
    const record = await this.users.findByLogin(body.login);
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

  logout(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId);
  }

  /** The actor behind a user: their account and active memberships, as the policy reads them. */
  async actorFor(user: User): Promise<Actor> {
    const memberships = await this.memberships.forUser(user.id);
    return { user, memberships: memberships.filter((m) => m.active) };
  }

  async me(user: User): Promise<Me> {
    const memberships = (await this.memberships.forUser(user.id)).filter((m) => m.active);
    const withOrgs = await Promise.all(
      memberships.map(async (m: Membership) => {
        const org = await this.orgs.findById(m.orgId);
        if (!org) throw new DomainError('INTERNAL', 'Membership without organisation');
        return { ...m, org };
      }),
    );
    return { user, memberships: withOrgs };
  }
}
