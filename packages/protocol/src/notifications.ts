import { z } from 'zod';
import type { OpinionDecision, ReviewDecision } from '@yishi/duty';
import type { Stage } from '@yishi/procedure';
import { idSchema, pageQuery, type PageInfo } from './schemas.js';

/**
 * What a notification tells, each to the people who must act next (docs/design.md §6):
 * - a topic's: its stage changed (proposer, participants); its outcome delivered to a department
 *   (the department's officials); an answer due within three days, or overdue (the officials; when
 *   overdue the secretariat too); an answer received, a rating now due (chairs, secretariat, party
 *   contact); a topic forwarded here from the organisation above or below (the chairs and secretariat);
 * - a proposal's: an invitation to co-sign (the invitee); submitted for review (the secretariat);
 *   reviewed (the author and co-signers, with the decision); assigned (the lead and co-departments'
 *   officials, with the due date); replied, an assessment now due (the author); sent back after an
 *   unsatisfied assessment (the departments); the lead reply overdue (the lead department, the
 *   secretariat);
 * - a public-opinion report's: submitted (the secretariat); adopted or declined, included in a
 *   bulletin, a leader's instruction recorded (the author).
 */
/** The kinds about a topic. */
export const TopicNotificationKinds = [
  'stage_changed',
  'outcome_delivered',
  'answer_due',
  'answer_overdue',
  'answer_received',
  'topic_forwarded',
] as const;
/** The kinds about a proposal. */
export const ProposalNotificationKinds = [
  'proposal_cosign_invited',
  'proposal_submitted',
  'proposal_reviewed',
  'proposal_assigned',
  'proposal_replied',
  'proposal_returned',
  'proposal_overdue',
] as const;
/** The kinds about a public-opinion report. */
export const OpinionNotificationKinds = [
  'opinion_submitted',
  'opinion_handled',
  'opinion_in_bulletin',
  'opinion_instructed',
] as const;
export const NotificationKinds = [
  ...TopicNotificationKinds,
  ...ProposalNotificationKinds,
  ...OpinionNotificationKinds,
] as const;
export type NotificationKind = (typeof NotificationKinds)[number];

export const NotificationSubjectTypes = ['topic', 'proposal', 'opinion'] as const;
export type NotificationSubjectType = (typeof NotificationSubjectTypes)[number];

/** An in-app notification; the UI words it by `kind` from `data`, and links it to its subject. */
export interface Notification {
  id: string;
  kind: NotificationKind;
  /** What it is about: a topic, a proposal or an opinion report, with its title. */
  subject: { type: NotificationSubjectType; id: string; title: string };
  /** The subject's id and title when it is a topic; null for a proposal's. */
  topicId: string | null;
  topicTitle: string | null;
  data: NotificationData;
  createdAt: string;
  readAt: string | null;
}

/**
 * A notification's subject with the fields that repeat it for a topic (`topicId`, `topicTitle`,
 * null for a proposal's), as every notification carries them.
 */
export function aboutSubject(
  subject: Notification['subject'],
): Pick<Notification, 'subject' | 'topicId' | 'topicTitle'> {
  const topic = subject.type === 'topic';
  return { subject, topicId: topic ? subject.id : null, topicTitle: topic ? subject.title : null };
}

export interface NotificationData {
  from?: Stage;
  to?: Stage;
  dueDate?: string;
  /** A proposal's review decision (`proposal_reviewed`), or a report's (`opinion_handled`). */
  decision?: ReviewDecision | OpinionDecision;
  /** A proposal's number once accepted (`2026-0007`), or a bulletin's (`opinion_in_bulletin`, `2026-03`). */
  number?: string;
  /** Who wrote a leader's instruction (`opinion_instructed`), as recorded. */
  by?: string;
  /** The organisation a forwarded topic came from (`topic_forwarded`), and whether it went up or down. */
  org?: string;
  direction?: 'up' | 'down';
}

export const notificationParams = z.strictObject({ id: idSchema });

export const notificationsQuery = z.strictObject({ ...pageQuery });
export type NotificationsQuery = z.infer<typeof notificationsQuery>;

/** `GET /api/notifications`: a page of my notifications, the newest first, and how many are unread in all. */
export interface NotificationsPage extends PageInfo {
  notifications: Notification[];
  unread: number;
}

/** An outcome delivered to the signed-in official, as `GET /api/inbox` lists it. */
export interface InboxItem {
  topicId: string;
  title: string;
  orgName: string;
  form: string | null;
  stage: Stage;
  dueDate: string | null;
  answered: boolean;
  /** Not answered and the due date has passed. */
  overdue: boolean;
  deliveredAt: string | null;
}

export const inboxQuery = z.strictObject({ ...pageQuery });
export type InboxQuery = z.infer<typeof inboxQuery>;

/** `GET /api/inbox`: a page of the outcomes delivered to the signed-in official, the latest delivered first. */
export interface InboxPage extends PageInfo {
  items: InboxItem[];
}

/** What a person receives by e-mail, as `GET /api/me/email` answers and `PUT /api/me/email` sets it. */
export interface EmailChoices {
  /** Where mails go; null: none. */
  address: string | null;
  /** The kinds of notification that also come by e-mail. */
  kinds: NotificationKind[];
  /** The language of the mails. */
  lang: 'zh-CN' | 'en';
  /** Whether this installation sends e-mail at all (a mail server is set); when not, nothing is sent. */
  available: boolean;
}

export const emailChoicesBody = z
  .strictObject({
    address: z.email().max(254).nullable(),
    kinds: z.array(z.enum(NotificationKinds)).max(NotificationKinds.length),
    lang: z.enum(['zh-CN', 'en']),
  })
  .refine((body) => new Set(body.kinds).size === body.kinds.length, { message: 'each kind once', path: ['kinds'] })
  .refine((body) => body.address !== null || body.kinds.length === 0, {
    message: 'an address is needed to receive mail',
    path: ['address'],
  });
export type EmailChoicesBody = z.infer<typeof emailChoicesBody>;
