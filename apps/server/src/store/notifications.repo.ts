import { NotificationKinds, storedNotificationData, type Notification, type NotificationKind } from '@yishi/protocol';
import { readEnum, readJson } from './stored.js';
import type { Db } from './db.js';

/** In-app notifications, each at most once per dedupe key. */
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  /** Stores a notification; false when one with the same dedupe key exists (it was sent before). */
  async insert(row: {
    id: string;
    userId: string;
    kind: NotificationKind;
    topicId: string;
    data: Notification['data'];
    dedupeKey: string | null;
    createdAt: string;
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('notifications')
      .values({ ...row, data: JSON.stringify(row.data) })
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** A person's latest notifications, newest first. */
  async latest(userId: string, limit: number): Promise<Notification[]> {
    const rows = await this.db
      .selectFrom('notifications')
      .innerJoin('topics', 'topics.id', 'notifications.topicId')
      .selectAll('notifications')
      .select('topics.title as topicTitle')
      .where('notifications.userId', '=', userId)
      .orderBy('notifications.createdAt', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: readEnum(NotificationKinds, r.kind, `kind of notification ${r.id}`),
      topicId: r.topicId,
      topicTitle: r.topicTitle,
      data: readJson(storedNotificationData, r.data, `data of notification ${r.id}`),
      createdAt: r.createdAt,
      readAt: r.readAt,
    }));
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one unread notification of a person, or all of them, read; returns how many changed. */
  async markRead(userId: string, id: string | 'all', now: string): Promise<number> {
    let q = this.db
      .updateTable('notifications')
      .set({ readAt: now })
      .where('userId', '=', userId)
      .where('readAt', 'is', null);
    if (id !== 'all') q = q.where('id', '=', id);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async exists(userId: string, id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }
}
