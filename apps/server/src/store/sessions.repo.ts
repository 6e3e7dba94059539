import type { Db } from './db.js';
import type { SessionsTable } from './schema.js';

export type SessionRecord = SessionsTable;

export class SessionsRepository {
  constructor(private readonly db: Db) {}

  async insert(session: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  async findLive(id: string, now: string): Promise<SessionRecord | undefined> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
  }

  async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends every session of a user; returns their ids so that live sockets can be closed too. */
  async deleteForUser(userId: string): Promise<string[]> {
    const rows = await this.db.deleteFrom('sessions').where('userId', '=', userId).returning('id').execute();
    return rows.map((r) => r.id);
  }

  async deleteExpired(now: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
