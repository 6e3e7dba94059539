import { sql } from 'kysely';
import { NotificationKinds, type NotificationKind } from '@yishi/protocol';
import { z } from 'zod';
import type { Db, Dialect } from './db.js';
import { readEnum, readJson } from './stored.js';

export type MailLanguage = 'zh-CN' | 'en';
const MailLanguages = ['zh-CN', 'en'] as const;

/** A person's e-mail address, the kinds of notification they receive by e-mail, and the mails' language. */
export interface EmailChoicesRow {
  address: string | null;
  kinds: NotificationKind[];
  lang: MailLanguage;
}

/** A mail leased for sending: the notification it tells of, to whom, in which language. */
export interface OutboxMail {
  id: string;
  notificationId: string;
  address: string;
  lang: MailLanguage;
  attempts: number;
}

const storedKinds = z.array(z.enum(NotificationKinds));

/** E-mail choices and the outbox of notification mails. */
export class EmailRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async choices(userId: string): Promise<EmailChoicesRow | undefined> {
    const row = await this.db.selectFrom('emailChoices').selectAll().where('userId', '=', userId).executeTakeFirst();
    if (!row) return undefined;
    return {
      address: row.address,
      kinds: readJson(storedKinds, row.kinds, `e-mail kinds of ${userId}`),
      lang: readEnum(MailLanguages, row.lang, `mail language of ${userId}`),
    };
  }

  async setChoices(userId: string, choices: EmailChoicesRow, now: string): Promise<void> {
    const values = {
      address: choices.address,
      kinds: JSON.stringify(choices.kinds),
      lang: choices.lang,
      updatedAt: now,
    };
    await this.db
      .insertInto('emailChoices')
      .values({ userId, ...values })
      .onConflict((oc) => oc.column('userId').doUpdateSet(values))
      .execute();
  }

  /** Puts a mail in the outbox, due at once. */
  async enqueue(mail: { id: string; notificationId: string; address: string; lang: MailLanguage; at: string }) {
    await this.db
      .insertInto('emailOutbox')
      .values({
        id: mail.id,
        notificationId: mail.notificationId,
        address: mail.address,
        lang: mail.lang,
        createdAt: mail.at,
        nextAttemptAt: mail.at,
      })
      .execute();
  }

  /**
   * Leases up to `limit` unsent mails that are due at `now` and have been tried fewer than
   * `maxAttempts` times, the oldest first: each is not due again until `until`, and counts one more
   * attempt. Run it in a transaction: on PostgreSQL the rows are locked and others' locked rows
   * skipped, so that two nodes never lease one mail.
   */
  async lease(now: string, until: string, limit: number, maxAttempts: number): Promise<OutboxMail[]> {
    let q = this.db
      .selectFrom('emailOutbox')
      .select(['id', 'notificationId', 'address', 'lang', 'attempts'])
      .where('sentAt', 'is', null)
      .where('nextAttemptAt', '<=', now)
      .where('attempts', '<', maxAttempts)
      .orderBy('createdAt')
      .orderBy('id')
      .limit(limit);
    if (this.dialect.kind === 'postgres') q = q.forUpdate().skipLocked();
    const rows = await q.execute();
    if (rows.length === 0) return [];
    await this.db
      .updateTable('emailOutbox')
      .set((eb) => ({ nextAttemptAt: until, attempts: eb('attempts', '+', 1) }))
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      ...r,
      lang: readEnum(MailLanguages, r.lang, `mail language of ${r.id}`),
      attempts: r.attempts + 1,
    }));
  }

  async markSent(id: string, at: string): Promise<void> {
    await this.db.updateTable('emailOutbox').set({ sentAt: at, lastError: null }).where('id', '=', id).execute();
  }

  /** A failed attempt: why, and when to try again. */
  async markFailed(id: string, error: string, retryAt: string): Promise<void> {
    await this.db
      .updateTable('emailOutbox')
      .set({ lastError: error.slice(0, 500), nextAttemptAt: retryAt })
      .where('id', '=', id)
      .execute();
  }

  /** The outbox's state (what the tests read): how many wait, were sent, or were given up. */
  async counts(maxAttempts: number): Promise<{ waiting: number; sent: number; failed: number }> {
    const row = await this.db
      .selectFrom('emailOutbox')
      .select([
        sql<
          number | string
        >`coalesce(sum(case when sent_at is null and attempts < ${maxAttempts} then 1 else 0 end), 0)`.as('waiting'),
        sql<number | string>`coalesce(sum(case when sent_at is not null then 1 else 0 end), 0)`.as('sent'),
        sql<
          number | string
        >`coalesce(sum(case when sent_at is null and attempts >= ${maxAttempts} then 1 else 0 end), 0)`.as('failed'),
      ])
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.waiting), sent: Number(row.sent), failed: Number(row.failed) };
  }
}
