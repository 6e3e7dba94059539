import type { Citation } from '@yishi/protocol';
import { documentT, type DocumentLanguage } from './i18n.js';

/** Times and dates in documents are Beijing time, as the organisations that issue them keep it. */
const ZONE = 'Asia/Shanghai';

/**
 * A citation as an exported document's footnote words it: a speech by its speaker, kind, meeting
 * and start; a research report by its title, authors and date. Plain text: Markdown escapes it.
 */
export function citationText(citation: Citation, lang: DocumentLanguage): string {
  const t = documentT(lang);
  if (citation.kind === 'speech') {
    return t('citations.speech', {
      speaker: citation.speaker.displayName,
      kind: t(`kinds.${citation.speechKind}`),
      meeting: citation.meeting.title,
      time: new Date(citation.startedAt).toLocaleString(lang, {
        timeZone: ZONE,
        dateStyle: 'long',
        timeStyle: 'short',
      }),
    });
  }
  // The report's date is a calendar date: read at noon in Beijing, it is that day in any zone.
  const date = new Date(`${citation.date}T12:00:00+08:00`).toLocaleDateString(lang, {
    timeZone: ZONE,
    dateStyle: 'long',
  });
  const authors = citation.authors.join(t('citations.authorsSeparator'));
  return authors
    ? t('citations.research', { title: citation.title, authors, date })
    : t('citations.researchNoAuthors', { title: citation.title, date });
}
