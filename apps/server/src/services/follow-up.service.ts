import type { Stage } from '@yishi/procedure';
import type {
  InboxItem,
  InboxPage,
  InboxQuery,
  Notification,
  NotificationKind,
  NotificationsPage,
  NotificationsQuery,
} from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ReportsRepository } from '../store/reports.repo.js';
import type { TopicRow } from '../store/topics.repo.js';
import { readPage } from './pages.js';
import type { TopicsDeps } from './topics.service.js';

const DAY_MS = 24 * 3600 * 1000;
/** Recipients are reminded this many days before an answer is due. */
const REMIND_DAYS = 3;

type InboxRow = Awaited<ReturnType<ReportsRepository['answersDue']>>[number];

/**
 * After delivery: an official's inbox of outcomes with due dates (overdue ones flagged), and in-app
 * notifications — a stage change of my topic, an outcome delivered to me, an answer due in three days.
 */
export class FollowUpService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly logger: Logger,
  ) {
    deps.events.on('topic.stageChanged', (change) =>
      this.stageChanged(change).catch((err: unknown) => logger.error({ err }, 'stage notification failed')),
    );
  }

  /** Up to `limit` outcomes delivered to the actor that wait on their answer, the earliest due first. */
  async answersDue(actor: Actor, limit: number): Promise<InboxItem[]> {
    return (await this.deps.store.reports.answersDue(actor.user.id, limit)).map(this.inboxItem());
  }

  /** A page of the outcomes delivered to the actor, the latest delivered first, with how many there are. */
  async inboxPage(actor: Actor, query: InboxQuery): Promise<InboxPage> {
    const { reports } = this.deps.store;
    const { items, next, total } = await readPage(
      { name: 'inbox', shape: ['string', 'string'] },
      query,
      (start) => Promise.all([reports.inboxPage(actor.user.id, start, query.limit), reports.inboxCount(actor.user.id)]),
      (row) => row.key,
    );
    return { items: items.map(this.inboxItem()), next, total };
  }

  /** An inbox row as the actor sees it today: overdue when unanswered past its due date. */
  private inboxItem() {
    const today = this.deps.clock.now().toISOString().slice(0, 10);
    return (row: InboxRow): InboxItem => ({
      topicId: row.id,
      title: row.title,
      orgName: row.orgName,
      form: row.outcomeForm,
      stage: row.stage,
      dueDate: row.dueDate,
      answered: row.answeredAt !== null,
      overdue: row.answeredAt === null && row.stage === 'delivered' && row.dueDate !== null && row.dueDate < today,
      deliveredAt: row.deliveredAt,
    });
  }

  /** A page of the actor's notifications, the newest first, with how many there are and how many are unread. */
  async list(actor: Actor, query: NotificationsQuery): Promise<NotificationsPage> {
    const { notifications } = this.deps.store;
    const [page, unread] = await Promise.all([
      readPage(
        { name: 'notifications', shape: ['string', 'string'] },
        query,
        (start) =>
          Promise.all([notifications.page(actor.user.id, start, query.limit), notifications.count(actor.user.id)]),
        (n) => [n.createdAt, n.id],
      ),
      notifications.unreadCount(actor.user.id),
    ]);
    return { notifications: page.items, unread, next: page.next, total: page.total };
  }

  async markRead(actor: Actor, id: string | 'all'): Promise<void> {
    const { notifications } = this.deps.store;
    const changed = await notifications.markRead(actor.user.id, id, this.deps.clock.now().toISOString());
    if (id !== 'all' && changed === 0 && !(await notifications.exists(actor.user.id, id))) {
      throw notFound('Notification');
    }
  }

  /** Reminds recipients of answers due within three days; each reminder once per round. */
  async remindDue(): Promise<number> {
    const now = this.deps.clock.now();
    const horizon = new Date(now.getTime() + REMIND_DAYS * DAY_MS).toISOString().slice(0, 10);
    const due = await this.deps.store.reports.dueForReminder(horizon);
    let sent = 0;
    for (const row of due) {
      const key = `answer_due:${row.id}:${row.round}:${row.recipientId}`;
      if (await this.notify(row.recipientId, 'answer_due', row, { dueDate: row.dueDate ?? undefined }, key)) sent++;
    }
    return sent;
  }

  private async stageChanged(change: { topic: TopicRow; from: Stage; to: Stage; actorId: string }): Promise<void> {
    const { topic, from, to, actorId } = change;
    const participants = await this.deps.store.topics.participants(topic.id);
    const people = new Set([topic.proposerId, ...participants.map((p) => p.userId)]);
    people.delete(actorId);
    for (const userId of people) await this.notify(userId, 'stage_changed', topic, { from, to });
    if (to === 'delivered') {
      for (const userId of await this.deps.store.topics.recipientOfficials(topic.id)) {
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
    const stored = await this.deps.store.notifications.insert({
      id: notification.id,
      userId,
      kind,
      topicId: topic.id,
      data,
      dedupeKey: dedupeKey ?? null,
      createdAt: notification.createdAt,
    });
    if (!stored) return false;
    await this.deps.events.emit('notification.created', { userId, notification });
    return true;
  }
}
