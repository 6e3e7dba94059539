import { createTransport, type Transporter } from 'nodemailer';
import type { Clock } from '../deps.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { OutboxMail } from '../store/email.repo.js';
import { composeMail } from './compose.js';

/** A mail is tried this many times, then given up (its notification stays in the bell). */
export const MAX_MAIL_ATTEMPTS = 8;
/** Mails taken from the outbox at a time. */
const BATCH = 20;
/** A leased mail is not leased again before this, should the node stop while sending it. */
const LEASE_MS = 5 * 60_000;
/** The outbox is looked at this often besides when a notification is stored. */
const INTERVAL_MS = 30_000;

export interface MailSettings {
  url: string;
  from: string;
  /** The public origin, for links in the mails. */
  origin: string | undefined;
}

/**
 * Sends the outbox's mails over SMTP (nodemailer), from any node: each mail is leased in a
 * transaction (locked and skipped by other nodes on PostgreSQL), sent, then marked sent; a failure
 * is tried again later, each time twice as late (one minute, two, four … at most six hours), up to
 * MAX_MAIL_ATTEMPTS. A node that stops between sending and marking leaves the mail to be sent again
 * after its lease: at least once, rather than perhaps never.
 */
export class MailSender {
  readonly #transport: Transporter;
  readonly #timer: NodeJS.Timeout;
  #running: Promise<number> | null = null;
  #again = false;
  #closed = false;

  constructor(
    private readonly store: Store,
    private readonly settings: MailSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.#transport = createTransport(settings.url);
    this.#timer = setInterval(() => this.kick(), INTERVAL_MS);
    this.#timer.unref();
  }

  /** Sends what is due soon, without waiting (after a notification is stored). */
  kick(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .catch((err: unknown) => {
        this.logger.warn({ err }, 'mail outbox not sent');
        return 0;
      })
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Sends every mail due now; resolves with how many went out (the tests, and the hourly job). */
  async sendDue(): Promise<number> {
    while (this.#running) await this.#running;
    this.#running = this.#drain();
    try {
      return await this.#running;
    } finally {
      this.#running = null;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    while (this.#running) await this.#running.catch(() => 0);
    this.#transport.close();
  }

  async #drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now();
      const until = new Date(now.getTime() + LEASE_MS).toISOString();
      const mails = await this.store.transaction((tx) =>
        tx.email.lease(now.toISOString(), until, BATCH, MAX_MAIL_ATTEMPTS),
      );
      if (mails.length === 0) return sent;
      for (const mail of mails) if (await this.#send(mail)) sent++;
      if (this.#closed) return sent;
    }
  }

  async #send(mail: OutboxMail): Promise<boolean> {
    const notification = await this.store.notifications.find(mail.notificationId);
    if (!notification) return false;
    try {
      const { subject, text } = composeMail(notification, mail.lang, this.settings.origin);
      await this.#transport.sendMail({
        from: this.settings.from,
        to: mail.address,
        subject,
        text,
        messageId: `<${mail.id}@yishi>`,
        headers: { 'X-Yishi-Notification': notification.id },
      });
      await this.store.email.markSent(mail.id, this.clock.now().toISOString());
      return true;
    } catch (err) {
      const delay = Math.min(60_000 * 2 ** (mail.attempts - 1), 6 * 3600_000);
      const retryAt = new Date(this.clock.now().getTime() + delay).toISOString();
      const why = err instanceof Error ? err.message : String(err);
      await this.store.email.markFailed(mail.id, why, retryAt);
      this.logger.warn({ mailId: mail.id, attempts: mail.attempts, why }, 'mail not sent; will try again');
      return false;
    }
  }
}
