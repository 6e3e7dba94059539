import type { Stage } from '@yishi/procedure';
import type {
  EmailChoices,
  EmailChoicesBody,
  InboxItem,
  InboxPage,
  InboxQuery,
  Notification,
  NotificationKind,
  NotificationsPage,
  NotificationsQuery,
} from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ReportsRepository } from '../store/reports.repo.js';
import type { TopicRow } from '../store/topics.repo.js';
import type { Notifier } from './notifier.js';
import { readPage } from './pages.js';
import type { TopicsDeps } from './topics.service.js';

const DAY_MS = 24 * 3600 * 1000;
/** Recipients are reminded this many days before an answer is due. */
const REMIND_DAYS = 3;

type InboxRow = Awaited<ReturnType<ReportsRepository['answersDue']>>[number];

/**
 * After delivery: an official's inbox of outcomes with due dates (overdue ones flagged), and in-app
 * notifications — a stage change of my topic, an outcome delivered to me, an answer due in three
 * days or overdue, an answer received that is mine to rate.
 */
export class FollowUpService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly notifier: Notifier,
    /** Whether the installation sends e-mail (SMTP_URL). */
    private readonly mailAvailable: boolean,
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

  /** What the actor receives by e-mail; nothing until they choose, in Chinese. */
  async emailChoices(actor: Actor): Promise<EmailChoices> {
    const choices = await this.deps.store.email.choices(actor.user.id);
    return { address: null, kinds: [], lang: 'zh-CN', ...choices, available: this.mailAvailable };
  }

  /**
   * Sets the actor's own address and what they receive by e-mail (only their own: the route has
   * no user in it). Mails go out only for notifications stored from now on.
   */
  async setEmailChoices(actor: Actor, body: EmailChoicesBody): Promise<EmailChoices> {
    await this.deps.store.email.setChoices(actor.user.id, body, this.deps.clock.now().toISOString());
    return this.emailChoices(actor);
  }

  async markRead(actor: Actor, id: string | 'all'): Promise<void> {
    const { notifications } = this.deps.store;
    const changed = await notifications.markRead(actor.user.id, id, this.deps.clock.now().toISOString());
    if (id !== 'all' && changed === 0 && !(await notifications.exists(actor.user.id, id))) {
      throw notFound('Notification');
    }
  }

  /**
   * Reminds recipient officials of answers due within three days, each once per round; chases
   * answers past their due date, telling the officials and the organisation's secretariat, once
   * per round and due date. Returns how many notifications went out.
   */
  async remindDue(): Promise<number> {
    const now = this.deps.clock.now();
    const today = now.toISOString().slice(0, 10);
    const horizon = new Date(now.getTime() + REMIND_DAYS * DAY_MS).toISOString().slice(0, 10);
    const due = await this.deps.store.reports.dueForReminder(horizon);
    let sent = 0;
    const chased = new Set<string>();
    for (const row of due) {
      const dueDate = row.dueDate ?? undefined;
      sent += await this.notify([row.recipientId], 'answer_due', row, { dueDate }, `answer_due:${row.id}:${row.round}`);
      if (!row.dueDate || row.dueDate >= today) continue;
      const dedupe = `answer_overdue:${row.id}:${row.round}:${row.dueDate}`;
      const people = [row.recipientId];
      if (!chased.has(row.id)) {
        chased.add(row.id);
        people.push(...(await this.deps.store.memberships.holding(row.orgId, ['secretariat'])));
      }
      sent += await this.notify(people, 'answer_overdue', row, { dueDate }, dedupe);
    }
    return sent;
  }

  private async stageChanged(change: { topic: TopicRow; from: Stage; to: Stage; actorId: string }): Promise<void> {
    const { topic, from, to, actorId } = change;
    const participants = await this.deps.store.topics.participants(topic.id);
    const people = new Set([topic.proposerId, ...participants.map((p) => p.userId)]);
    people.delete(actorId);
    await this.notify(people, 'stage_changed', topic, { from, to });
    if (to === 'delivered') {
      const officials = await this.deps.store.topics.recipientOfficials(topic.id);
      await this.notify(officials, 'outcome_delivered', topic, { dueDate: topic.dueDate ?? undefined });
    }
    if (to === 'feedback' && from === 'delivered') {
      // The department answered: a rating is now due from the chairs and the party contact, and
      // the secretariat follows it up.
      const raters = await this.deps.store.memberships.holding(topic.orgId, ['chair', 'secretariat']);
      const told = [...raters, ...(topic.partyContactId ? [topic.partyContactId] : [])];
      await this.notify(
        told.filter((id) => id !== actorId),
        'answer_received',
        topic,
        {},
      );
    }
  }

  /** Stores and publishes one notification for each person; returns how many were new. */
  private async notify(
    userIds: Iterable<string>,
    kind: NotificationKind,
    topic: Pick<TopicRow, 'id' | 'title'>,
    data: Notification['data'],
    dedupe?: string,
  ): Promise<number> {
    const sent = await this.notifier.store(this.deps.store, {
      kind,
      subject: { type: 'topic', id: topic.id, title: topic.title },
      data,
      userIds,
      ...(dedupe ? { dedupe } : {}),
    });
    await this.notifier.publish(sent);
    return sent.length;
  }
}
