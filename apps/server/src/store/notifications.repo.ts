import { sql, type Selectable } from 'kysely';
import {
  aboutSubject,
  NotificationKinds,
  storedNotificationData,
  type Notification,
  type NotificationKind,
  type NotificationSubjectType,
} from '@yishi/protocol';
import { readEnum, readJson } from './stored.js';
import type { Db } from './db.js';
import type { NotificationsTable } from './schema.js';
import { after } from './keyset.js';

/** Where a page of a person's notifications starts: after the one created then, with this id. */
export type NotificationKey = readonly [createdAt: string, id: string];

/** What a notification is about. */
export interface NotificationSubject {
  type: NotificationSubjectType;
  id: string;
}

/** In-app notifications, each about a topic, a proposal or an opinion report, each at most once per dedupe key. */
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  /** Stores a notification; false when one with the same dedupe key exists (it was sent before). */
  async insert(row: {
    id: string;
    userId: string;
    kind: NotificationKind;
    subject: NotificationSubject;
    data: Notification['data'];
    dedupeKey: string | null;
    createdAt: string;
  }): Promise<boolean> {
    const { subject, ...rest } = row;
    const result = await this.db
      .insertInto('notifications')
      .values({
        ...rest,
        topicId: subject.type === 'topic' ? subject.id : null,
        proposalId: subject.type === 'proposal' ? subject.id : null,
        opinionId: subject.type === 'opinion' ? subject.id : null,
        data: JSON.stringify(row.data),
      })
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /**
   * A page of a person's notifications, the newest first, starting after `start`; `limit + 1` are
   * read, so that the caller knows whether another page follows.
   */
  async page(userId: string, start: NotificationKey | undefined, limit: number): Promise<Notification[]> {
    let q = this.withTitles().where('notifications.userId', '=', userId);
    if (start) q = q.where(after([sql.ref('notifications.created_at'), sql.ref('notifications.id')], start));
    const rows = await q
      .orderBy('notifications.createdAt', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(limit + 1)
      .execute();
    return rows.map(toNotification);
  }

  /** One notification with its subject's title, whoever's it is (for its e-mail). */
  async find(id: string): Promise<(Notification & { userId: string }) | undefined> {
    const row = await this.withTitles().where('notifications.id', '=', id).executeTakeFirst();
    return row && { ...toNotification(row), userId: row.userId };
  }

  private withTitles() {
    return this.db
      .selectFrom('notifications')
      .leftJoin('topics', 'topics.id', 'notifications.topicId')
      .leftJoin('proposals', 'proposals.id', 'notifications.proposalId')
      .leftJoin('opinions', 'opinions.id', 'notifications.opinionId')
      .selectAll('notifications')
      .select(['topics.title as topicTitle', 'proposals.title as proposalTitle', 'opinions.title as opinionTitle']);
  }

  /** How many notifications a person has, read or not. */
  async count(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('userId', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
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

function toNotification(
  r: Selectable<NotificationsTable> & {
    topicTitle: string | null;
    proposalTitle: string | null;
    opinionTitle: string | null;
  },
): Notification {
  return {
    id: r.id,
    kind: readEnum(NotificationKinds, r.kind, `kind of notification ${r.id}`),
    ...aboutSubject(subjectOf(r)),
    data: readJson(storedNotificationData, r.data, `data of notification ${r.id}`),
    createdAt: r.createdAt,
    readAt: r.readAt,
  };
}

/** What a stored notification is about: the one of its three references that is set (a check says exactly one). */
function subjectOf(r: Parameters<typeof toNotification>[0]): Notification['subject'] {
  if (r.topicId !== null) return { type: 'topic', id: r.topicId, title: r.topicTitle ?? '' };
  if (r.proposalId !== null) return { type: 'proposal', id: r.proposalId, title: r.proposalTitle ?? '' };
  return { type: 'opinion', id: r.opinionId ?? '', title: r.opinionTitle ?? '' };
}
