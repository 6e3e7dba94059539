import type { Stage } from '@yishi/procedure';
import type { InboxItem, Notification, NotificationKind } from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TopicRow } from '../store/topics.repo.js';
import type { TopicsDeps } from './topics.service.js';

const DAY_MS = 24 * 3600 * 1000;
/** Recipients are reminded this many days before an answer is due. */
const REMIND_DAYS = 3;

type Publish = (userId: string, notification: Notification) => void;

/**
 * After delivery: an official's inbox of outcomes with due dates (overdue ones flagged), and in-app
 * notifications — a stage change of my topic, an outcome delivered to me, an answer due in three days.
 */
export class FollowUpService {
  private publish: Publish = () => undefined;

  constructor(
    private readonly deps: TopicsDeps,
    private readonly logger: Logger,
  ) {
    deps.feed.onStage((change) =>
      this.stageChanged(change).catch((err: unknown) => logger.error({ err }, 'stage notification failed')),
    );
  }

  /** Where new notifications go once stored (the live layer sets it). */
  onNotification(publish: Publish): void {
    this.publish = publish;
  }

  async inbox(actor: Actor): Promise<InboxItem[]> {
    const rows = await this.deps.db
      .selectFrom('topicRecipients')
      .innerJoin('topics', 'topics.id', 'topicRecipients.topicId')
      .innerJoin('orgs', 'orgs.id', 'topics.orgId')
      .select([
        'topics.id',
        'topics.title',
        'topics.stage',
        'topics.outcomeForm',
        'topics.dueDate',
        'topics.round',
        'orgs.name as orgName',
      ])
      .where('topicRecipients.userId', '=', actor.user.id)
      .where('topics.stage', 'in', ['delivered', 'feedback', 'closed'])
      .orderBy('topics.dueDate')
      .execute();
    const today = this.deps.clock.now().toISOString().slice(0, 10);
    const items: InboxItem[] = [];
    for (const row of rows) {
      const [answer, delivered] = await Promise.all([
        this.deps.topics.answer(row.id, row.round),
        this.deps.db
          .selectFrom('topicTransitions')
          .select('at')
          .where('topicId', '=', row.id)
          .where('toStage', '=', 'delivered')
          .orderBy('seq', 'desc')
          .executeTakeFirst(),
      ]);
      items.push({
        topicId: row.id,
        title: row.title,
        orgName: row.orgName,
        form: row.outcomeForm,
        stage: row.stage as Stage,
        dueDate: row.dueDate,
        answered: answer !== undefined,
        overdue: answer === undefined && row.stage === 'delivered' && row.dueDate !== null && row.dueDate < today,
        deliveredAt: delivered?.at ?? null,
      });
    }
    return items;
  }

  async list(actor: Actor): Promise<{ notifications: Notification[]; unread: number }> {
    const rows = await this.deps.db
      .selectFrom('notifications')
      .innerJoin('topics', 'topics.id', 'notifications.topicId')
      .selectAll('notifications')
      .select('topics.title as topicTitle')
      .where('notifications.userId', '=', actor.user.id)
      .orderBy('notifications.createdAt', 'desc')
      .limit(50)
      .execute();
    const unread = await this.deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', actor.user.id)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      notifications: rows.map((r) => ({
        id: r.id,
        kind: r.kind as NotificationKind,
        topicId: r.topicId,
        topicTitle: r.topicTitle,
        data: JSON.parse(r.data) as Notification['data'],
        createdAt: r.createdAt,
        readAt: r.readAt,
      })),
      unread: Number(unread.n),
    };
  }

  async markRead(actor: Actor, id: string | 'all'): Promise<void> {
    let q = this.deps.db
      .updateTable('notifications')
      .set({ readAt: this.deps.clock.now().toISOString() })
      .where('userId', '=', actor.user.id)
      .where('readAt', 'is', null);
    if (id !== 'all') q = q.where('id', '=', id);
    const result = await q.executeTakeFirst();
    if (id !== 'all' && Number(result.numUpdatedRows) === 0) {
      const exists = await this.deps.db
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', id)
        .where('userId', '=', actor.user.id)
        .executeTakeFirst();
      if (!exists) throw notFound('Notification');
    }
  }

  /** Reminds recipients of answers due within three days; each reminder once per round. */
  async remindDue(): Promise<number> {
    const now = this.deps.clock.now();
    const horizon = new Date(now.getTime() + REMIND_DAYS * DAY_MS).toISOString().slice(0, 10);
    const due = await this.deps.db
      .selectFrom('topics')
      .innerJoin('topicRecipients', 'topicRecipients.topicId', 'topics.id')
      .leftJoin('topicAnswers', (join) =>
        join.onRef('topicAnswers.topicId', '=', 'topics.id').onRef('topicAnswers.round', '=', 'topics.round'),
      )
      .selectAll('topics')
      .select('topicRecipients.userId as recipientId')
      .where('topics.stage', '=', 'delivered')
      .where('topics.dueDate', '<=', horizon)
      .where('topicAnswers.topicId', 'is', null)
      .execute();
    let sent = 0;
    for (const row of due) {
      const key = `answer_due:${row.id}:${row.round}:${row.recipientId}`;
      if (await this.notify(row.recipientId, 'answer_due', row, { dueDate: row.dueDate ?? undefined }, key)) sent++;
    }
    return sent;
  }

  private async stageChanged(change: { topic: TopicRow; from: Stage; to: Stage; actorId: string }): Promise<void> {
    const { topic, from, to, actorId } = change;
    const participants = await this.deps.topics.participants(topic.id);
    const people = new Set([topic.proposerId, ...participants.map((p) => p.userId)]);
    people.delete(actorId);
    for (const userId of people) await this.notify(userId, 'stage_changed', topic, { from, to });
    if (to === 'delivered') {
      for (const userId of await this.deps.topics.recipients(topic.id)) {
        await this.notify(userId, 'outcome_delivered', topic, { dueDate: topic.dueDate ?? undefined });
      }
    }
  }

  private async notify(
    userId: string,
    kind: NotificationKind,
    topic: Pick<TopicRow, 'id' | 'title'>,
    data: Notification['data'],
    dedupeKey?: string,
  ): Promise<boolean> {
    const notification: Notification = {
      id: newId(),
      kind,
      topicId: topic.id,
      topicTitle: topic.title,
      data,
      createdAt: this.deps.clock.now().toISOString(),
      readAt: null,
    };
    const result = await this.deps.db
      .insertInto('notifications')
      .values({
        id: notification.id,
        userId,
        kind,
        topicId: topic.id,
        data: JSON.stringify(data),
        dedupeKey: dedupeKey ?? null,
        createdAt: notification.createdAt,
      })
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
    this.publish(userId, notification);
    return true;
  }
}
