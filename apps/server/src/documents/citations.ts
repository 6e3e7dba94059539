import type { Citation } from '@yishi/protocol';
import { documentDate, documentDateTime } from './dates.js';
import { documentT, type DocumentLanguage } from './i18n.js';

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
      time: documentDateTime(citation.startedAt, lang),
    });
  }
  // The report's date is a calendar date: that day, wherever it is read.
  const date = documentDate(citation.date, lang);
  const authors = citation.authors.join(t('citations.authorsSeparator'));
  return authors
    ? t('citations.research', { title: citation.title, authors, date })
    : t('citations.researchNoAuthors', { title: citation.title, date });
}
