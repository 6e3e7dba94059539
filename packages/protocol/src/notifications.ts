import { z } from 'zod';
import type { Stage } from '@yishi/procedure';
import { idSchema } from './schemas.js';

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

/** `GET /api/inbox`: outcomes delivered to the signed-in official. */
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
