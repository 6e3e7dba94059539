import type { User } from '@yishi/protocol';
import type { Db, Dialect } from './db.js';
import { lockUntilCommit } from './locks.js';
import type { UsersTable } from './schema.js';

export interface UserRecord extends User {
  passwordHash: string;
}

export function toUser(row: UsersTable): User {
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    isAdmin: row.isAdmin === 1,
    active: row.active === 1,
    createdAt: row.createdAt,
  };
}

function toRecord(row: UsersTable): UserRecord {
  return { ...toUser(row), passwordHash: row.passwordHash };
}

export class UsersRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Makes the first setups of racing nodes take turns (inside a transaction). */
  lockSetup(): Promise<void> {
    return lockUntilCommit(this.db, this.dialect, 'accounts:setup');
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findByLogin(login: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
    return row && toRecord(row);
  }

  /** Stores a new account; false when its login is taken. */
  async insert(user: UserRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('users')
      .values({
        id: user.id,
        login: user.login,
        displayName: user.displayName,
        passwordHash: user.passwordHash,
        isAdmin: user.isAdmin ? 1 : 0,
        active: user.active ? 1 : 0,
        createdAt: user.createdAt,
        updatedAt: user.createdAt,
      })
      .onConflict((oc) => oc.column('login').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async update(
    id: string,
    changes: Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'active'>>,
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        ...(changes.displayName === undefined ? {} : { displayName: changes.displayName }),
        ...(changes.passwordHash === undefined ? {} : { passwordHash: changes.passwordHash }),
        ...(changes.active === undefined ? {} : { active: changes.active ? 1 : 0 }),
        updatedAt: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Display names of the given accounts, for views that show who did what. */
  async displayNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }
}
