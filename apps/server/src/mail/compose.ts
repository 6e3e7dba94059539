import type { Notification } from '@yishi/protocol';
import { documentDate } from '../documents/dates.js';
import { documentT, type DocumentLanguage } from '../documents/i18n.js';

export interface ComposedMail {
  subject: string;
  text: string;
}

/**
 * A notification as an e-mail in the reader's language: the sentence the bell shows as the subject
 * and first line, a link to the topic or the proposal, and why the mail came with where to change
 * it. Links need the public origin (PUBLIC_ORIGIN); without it the mail says where to look instead.
 */
export function composeMail(n: Notification, lang: DocumentLanguage, origin: string | undefined): ComposedMail {
  const t = documentT(lang);
  const sentence = sentenceOf(n, lang);
  const path = `${subjectPaths[n.subject.type]}/${n.subject.id}`;
  const lines = [sentence, ''];
  if (origin) lines.push(t('mail.open', { url: `${origin}${path}` }), '');
  lines.push('—', origin ? t('mail.why', { url: `${origin}/settings` }) : t('mail.whyNoLink'));
  return { subject: t('mail.subject', { sentence }), text: `${lines.join('\n')}\n` };
}

/** Where each subject's page is, as the web routes it. */
const subjectPaths: Readonly<Record<Notification['subject']['type'], string>> = {
  topic: '/topics',
  proposal: '/proposals',
  opinion: '/opinions',
};

/** The sentence for a notification (as the web's bell words it). */
export function sentenceOf(n: Notification, lang: DocumentLanguage): string {
  const t = documentT(lang);
  const title = n.subject.title;
  const { from, to, dueDate, decision, number, by, org, direction } = n.data;
  const date = dueDate ? documentDate(`${dueDate}T12:00:00+08:00`, lang) : undefined;
  const other = () => t('mail.kinds.other', { title });
  const dated = (key: string) => (date ? t(key, { title, date }) : other());
  switch (n.kind) {
    case 'stage_changed':
      return from && to
        ? t('mail.kinds.stage_changed', { title, from: t(`mail.stages.${from}`), to: t(`mail.stages.${to}`) })
        : other();
    case 'outcome_delivered':
      return date
        ? t('mail.kinds.outcome_delivered', { title, date })
        : t('mail.kinds.outcome_delivered_undated', { title });
    case 'answer_due':
    case 'answer_overdue':
    case 'proposal_assigned':
    case 'proposal_overdue':
      return dated(`mail.kinds.${n.kind}`);
    case 'proposal_reviewed':
      if (decision === 'accepted')
        return number ? t('mail.kinds.proposal_reviewed_accepted', { title, number }) : other();
      return decision ? t(`mail.kinds.proposal_reviewed_${decision}`, { title }) : other();
    case 'topic_forwarded':
      return org && direction ? t(`mail.kinds.topic_forwarded_${direction}`, { title, org }) : other();
    case 'opinion_handled':
      return decision === 'adopted' || decision === 'not_adopted'
        ? t(`mail.kinds.opinion_handled_${decision}`, { title })
        : other();
    case 'opinion_in_bulletin':
      return number
        ? t('mail.kinds.opinion_in_bulletin', { title, number })
        : t('mail.kinds.opinion_in_bulletin_unnumbered', { title });
    case 'opinion_instructed':
      return by ? t('mail.kinds.opinion_instructed', { title, by }) : other();
    default:
      return t(`mail.kinds.${n.kind}`, { title });
  }
}
