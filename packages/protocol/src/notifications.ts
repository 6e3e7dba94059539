import { z } from 'zod';
import type { Stage } from '@yishi/procedure';
import { idSchema, pageQuery, type PageInfo } from './schemas.js';

export const NotificationKinds = ['stage_changed', 'outcome_delivered', 'answer_due'] as const;
export type NotificationKind = (typeof NotificationKinds)[number];

/** An in-app notification; the UI words it by `kind` from `data`. */
export interface Notification {
  id: string;
  kind: NotificationKind;
  topicId: string;
  topicTitle: string;
  data: { from?: Stage; to?: Stage; dueDate?: string };
  createdAt: string;
  readAt: string | null;
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
