import type { NoticeAudience } from '@yishi/duty';
import { aboutSubject, type Notification, type NotificationKind, type NotificationSubjectType } from '@yishi/protocol';
import { newId, type Clock } from '../deps.js';
import type { EventBus } from '../events/bus.js';
import type { Repositories } from '../store/store.js';

/** One notification to store for each of `userIds`. */
export interface NoticeToSend {
  kind: NotificationKind;
  subject: { type: NotificationSubjectType; id: string; title: string };
  data: Notification['data'];
  userIds: Iterable<string>;
  /** A reminder's key: the same key for the same person is stored once, however often it is sent. */
  dedupe?: string;
}

/** A stored notification, to publish once what stored it has committed. */
export interface Sent {
  userId: string;
  notification: Notification;
  /** Whether a mail of it is in the outbox. */
  mailed: boolean;
}

/** Where mails go out, when the installation sends e-mail. */
export interface MailOutbox {
  /** Sends what the outbox holds, soon (after a commit that put mails in it). */
  kick(): void;
}

/**
 * Stores in-app notifications — in the caller's transaction, so that a notification exists exactly
 * when the change it tells of does — with a mail in the outbox for whoever chose to receive that
 * kind by e-mail (when the installation sends e-mail), and publishes them (the bell, on every node)
 * after the commit.
 */
export class Notifier {
  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly mail: MailOutbox | undefined,
  ) {}

  /** The people an audience names in an organisation: named people, its secretariat, departments' officials. */
  async audience(repos: Repositories, orgId: string, to: NoticeAudience): Promise<string[]> {
    if ('people' in to) return [...to.people];
    if ('secretariat' in to) return repos.memberships.holding(orgId, ['secretariat']);
    return repos.memberships.officialsOf(to.departments);
  }

  /** Stores the notice for each person (each once); returns those stored, to publish after the commit. */
  async store(repos: Repositories, notice: NoticeToSend): Promise<Sent[]> {
    const sent: Sent[] = [];
    const createdAt = this.clock.now().toISOString();
    for (const userId of new Set(notice.userIds)) {
      const subject = notice.subject;
      const notification: Notification = {
        id: newId(),
        kind: notice.kind,
        ...aboutSubject(subject),
        data: notice.data,
        createdAt,
        readAt: null,
      };
      const stored = await repos.notifications.insert({
        id: notification.id,
        userId,
        kind: notice.kind,
        subject: { type: subject.type, id: subject.id },
        data: notice.data,
        dedupeKey: notice.dedupe ? `${notice.dedupe}:${userId}` : null,
        createdAt,
      });
      if (!stored) continue;
      sent.push({ userId, notification, mailed: await this.#enqueue(repos, userId, notification) });
    }
    return sent;
  }

  /** Tells every node of notifications that are now stored, and has their mails sent. */
  async publish(sent: readonly Sent[]): Promise<void> {
    for (const { userId, notification } of sent)
      await this.events.emit('notification.created', { userId, notification });
    if (sent.some((one) => one.mailed)) this.mail?.kick();
  }

  /** A mail of the notification, when the person receives its kind by e-mail. */
  async #enqueue(repos: Repositories, userId: string, notification: Notification): Promise<boolean> {
    if (!this.mail) return false;
    const choices = await repos.email.choices(userId);
    if (!choices?.address || !choices.kinds.includes(notification.kind)) return false;
    await repos.email.enqueue({
      id: newId(),
      notificationId: notification.id,
      address: choices.address,
      lang: choices.lang,
      at: notification.createdAt,
    });
    return true;
  }
}
