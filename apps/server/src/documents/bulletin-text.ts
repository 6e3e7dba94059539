import type { BulletinDetail } from '@yishi/protocol';
import { mdEscape } from './blocks.js';
import { documentDate } from './dates.js';
import { documentT, type DocumentLanguage } from './i18n.js';
import { paragraphs } from './proposal-text.js';

/**
 * A bulletin (社情民意专报) as the secretariat sends it up: its kind and issue, the contents, then
 * each adopted report whole — title, who reported it, its category, its text, and the leaders'
 * instructions recorded on it — in zh-CN or en, every text people typed escaped. The issuing body
 * and date go in the document's signature.
 */
export function bulletinMarkdown(bulletin: BulletinDetail, lang: DocumentLanguage): string {
  const t = documentT(lang);
  const lines = [`# ${mdEscape(bulletin.title)}`, ''];
  const issue = issueOf(bulletin.number);
  lines.push(`${t('bulletinDoc.kind')} · ${issue ? t('bulletinDoc.issue', issue) : t('bulletinDoc.unnumbered')}`, '');
  lines.push(`## ${t('bulletinDoc.contents')}`, '');
  bulletin.opinions.forEach((opinion, i) => lines.push(`${i + 1}. ${mdEscape(opinion.title)}`));
  lines.push('');
  bulletin.opinions.forEach((opinion, i) => {
    lines.push(`## ${i + 1}. ${mdEscape(opinion.title)}`, '');
    lines.push(t('bulletinDoc.author', { name: mdEscape(opinion.authorName) }), '');
    lines.push(t('bulletinDoc.category', { category: t(`proposalDoc.categories.${opinion.category}`) }), '');
    lines.push(paragraphs(opinion.body), '');
    if (opinion.instructions.length > 0) {
      lines.push(`### ${t('bulletinDoc.instructions')}`, '');
      for (const instruction of opinion.instructions) {
        const date = documentDate(`${instruction.date}T12:00:00+08:00`, lang);
        lines.push(
          t('bulletinDoc.instruction', { by: mdEscape(instruction.by), date, text: mdEscape(instruction.text) }),
          '',
        );
      }
    }
  });
  return lines.join('\n').trimEnd() + '\n';
}

/** `2026-03` as its year and issue; undefined for a number of another shape. */
function issueOf(number: string | null): { year: string; n: number } | undefined {
  const match = number ? /^(\d{4})-(\d+)$/.exec(number) : null;
  return match ? { year: match[1]!, n: Number(match[2]) } : undefined;
}
