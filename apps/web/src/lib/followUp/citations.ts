/** The sources a case's outcome cites, as its notes word them and where a reader can read them. */
import type { Citation } from '@yishi/protocol';
import { resolve } from '$app/paths';
import { reportAnchor, speechAnchor } from '$lib/anchors.svelte';
import { formatCalendarDate, formatDateTime } from '$lib/format';
import { t, type Locale } from '$lib/i18n/i18n.svelte';

/** A speech by its speaker, kind, meeting and time; a research report by its title, authors and date. */
export function citationText(citation: Citation, locale: Locale): string {
  if (citation.kind === 'speech') {
    return t('followUp.cases.detail.citations.speech', {
      name: citation.speaker.displayName,
      kind: t(`speechKinds.${citation.speechKind}`),
      meeting: citation.meeting.title,
      time: formatDateTime(citation.startedAt, locale),
    });
  }
  const date = formatCalendarDate(citation.date, locale);
  const authors = citation.authors.join(t('followUp.cases.detail.citations.authorsSeparator'));
  return authors
    ? t('followUp.cases.detail.citations.research', { title: citation.title, authors, date })
    : t('followUp.cases.detail.citations.researchNoAuthors', { title: citation.title, date });
}

/** Where the source can be read: the speech's row in its meeting's log, the report on the topic's page. */
export function citationHref(citation: Citation, topicId: string): string {
  return citation.kind === 'speech'
    ? `${resolve('/(app)/meetings/[id]', { id: citation.meeting.id })}#${speechAnchor(citation.id)}`
    : `${resolve('/(app)/topics/[id]', { id: topicId })}#${reportAnchor(citation.id)}`;
}
