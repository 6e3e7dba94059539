/**
 * Notifications as the UI words them, and the list kept in the browser. The server stores each
 * notification with its kind and data; the words are chosen here, in the reader's language.
 */
import { OpinionDecisions, ReviewDecisions } from '@yishi/duty';
import type { Notification } from '@yishi/protocol';
import type { MessageKey, MessageVars } from '../i18n/i18n.svelte';
import { formatCalendarDate } from '../format';

/** How many notifications the panel asks for at a time (`GET /api/notifications?limit=`). */
export const NOTIFICATIONS_PAGE = 50;

const oneOf =
  <T extends string>(list: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (list as readonly string[]).includes(value);
const isReviewDecision = oneOf(ReviewDecisions);
const isOpinionDecision = oneOf(OpinionDecisions);

/** `t` or a stand-in for it. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** The sentence for a notification, e.g. "「进一步优化营商环境」由 审议中 进入 准备中". */
export function notificationText(notification: Notification, t: Translate, locale: string): string {
  const topic = notification.subject.title;
  const { from, to, dueDate, decision, number, by, org, direction } = notification.data;
  const date = dueDate ? formatCalendarDate(dueDate, locale) : undefined;
  const other = () => t('followUp.notifications.kinds.other', { topic });
  /** A sentence that needs the due date; the generic one without it. */
  const dated = (key: MessageKey) => (date ? t(key, { topic, date }) : other());
  switch (notification.kind) {
    case 'stage_changed':
      return from && to
        ? t('followUp.notifications.kinds.stage_changed', {
            topic,
            from: t(`stages.${from}`),
            to: t(`stages.${to}`),
          })
        : other();
    case 'outcome_delivered':
      return date
        ? t('followUp.notifications.kinds.outcome_delivered', { topic, date })
        : t('followUp.notifications.kinds.outcome_delivered_undated', { topic });
    case 'answer_due':
      return dated('followUp.notifications.kinds.answer_due');
    case 'answer_overdue':
      return dated('followUp.notifications.kinds.answer_overdue');
    case 'proposal_assigned':
      return dated('followUp.notifications.kinds.proposal_assigned');
    case 'proposal_overdue':
      return dated('followUp.notifications.kinds.proposal_overdue');
    case 'answer_received':
    case 'proposal_cosign_invited':
    case 'proposal_submitted':
    case 'proposal_replied':
    case 'proposal_returned':
    case 'opinion_submitted':
      return t(`followUp.notifications.kinds.${notification.kind}`, { topic });
    case 'proposal_reviewed':
      if (decision === 'accepted') {
        return number ? t('followUp.notifications.kinds.proposal_reviewed_accepted', { topic, number }) : other();
      }
      return isReviewDecision(decision)
        ? t(`followUp.notifications.kinds.proposal_reviewed_${decision}`, { topic })
        : other();
    case 'topic_forwarded':
      return org && direction
        ? t(`followUp.notifications.kinds.topic_forwarded_${direction}`, { topic, org })
        : other();
    case 'opinion_handled':
      return isOpinionDecision(decision)
        ? t(`followUp.notifications.kinds.opinion_handled_${decision}`, { topic })
        : other();
    case 'opinion_in_bulletin':
      return number
        ? t('followUp.notifications.kinds.opinion_in_bulletin', { topic, number })
        : t('followUp.notifications.kinds.opinion_in_bulletin_unnumbered', { topic });
    case 'opinion_instructed':
      return by
        ? t('followUp.notifications.kinds.opinion_instructed', { topic, by })
        : t('followUp.notifications.kinds.opinion_instructed_unnamed', { topic });
    default:
      // A kind this version of the UI does not know yet.
      return other();
  }
}

/**
 * The list with a newly arrived notification first (once, however often it arrives). None shown is
 * dropped for it: the next page starts after the last one shown, so dropping one would skip it.
 */
export function withNotification(list: readonly Notification[], incoming: Notification): Notification[] {
  if (list.some((n) => n.id === incoming.id)) return [...list];
  return [incoming, ...list];
}

/** The list with a further page after it, any already shown (arrived live meanwhile) once. */
export function withPage(list: readonly Notification[], page: readonly Notification[]): Notification[] {
  const shown = new Set(list.map((n) => n.id));
  return [...list, ...page.filter((n) => !shown.has(n.id))];
}

/** The list with the given notifications (all when `ids` is `'all'`) marked read at `at`. */
export function markedRead(list: readonly Notification[], ids: readonly string[] | 'all', at: string): Notification[] {
  return list.map((n) => (n.readAt === null && (ids === 'all' || ids.includes(n.id)) ? { ...n, readAt: at } : n));
}
