import type { ProposalDetail } from '@yishi/protocol';
import { mdEscape } from './blocks.js';
import { documentDate } from './dates.js';
import { documentT, type DocumentLanguage } from './i18n.js';

/** People's text as Markdown paragraphs, one per line they wrote, each line escaped. */
export const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((line) => mdEscape(line.trim()))
    .filter((line) => line !== '')
    .join('\n\n');

/**
 * A proposal (提案) as the document a secretariat files and sends: its number, authors and category,
 * the reasons and suggestions, the review, each department's reply by round, and the author's
 * assessments — in zh-CN or en, every text the people typed escaped.
 */
export function proposalMarkdown(proposal: ProposalDetail, lang: DocumentLanguage): string {
  const t = documentT(lang);
  const person = (id: string) => mdEscape(proposal.names.people[id] ?? id);
  const department = (id: string) => mdEscape(proposal.names.departments[id] ?? id);
  const list = (names: string[]) => names.join(t('proposalDoc.separator'));
  const lines = [`# ${mdEscape(proposal.title)}`, ''];
  lines.push(
    proposal.number ? t('proposalDoc.numbered', { number: proposal.number }) : t('proposalDoc.unnumbered'),
    '',
  );
  lines.push(t('proposalDoc.author', { name: person(proposal.authorId) }), '');
  const cosigners = proposal.cosigners.filter((c) => c.confirmedAt !== null).map((c) => person(c.userId));
  if (cosigners.length > 0) lines.push(t('proposalDoc.cosigners', { names: list(cosigners) }), '');
  lines.push(t('proposalDoc.category', { category: t(`proposalDoc.categories.${proposal.category}`) }), '');
  if (proposal.submittedAt)
    lines.push(t('proposalDoc.submitted', { date: documentDate(proposal.submittedAt, lang) }), '');
  lines.push(`## ${t('proposalDoc.reasons')}`, '', paragraphs(proposal.reasons), '');
  lines.push(`## ${t('proposalDoc.suggestions')}`, '', paragraphs(proposal.suggestions), '');
  if (proposal.decision) {
    lines.push(`## ${t('proposalDoc.review')}`, '', t(`proposalDoc.decisions.${proposal.decision}`), '');
    if (proposal.leadDepartmentId)
      lines.push(t('proposalDoc.lead', { name: department(proposal.leadDepartmentId) }), '');
    if (proposal.coDepartmentIds.length > 0) {
      lines.push(t('proposalDoc.co', { names: list(proposal.coDepartmentIds.map(department)) }), '');
    }
    if (proposal.dueDate) lines.push(t('proposalDoc.due', { date: documentDate(proposal.dueDate, lang) }), '');
    if (proposal.reason) lines.push(t('proposalDoc.reason', { reason: mdEscape(proposal.reason) }), '');
  }
  if (proposal.replies.length > 0) {
    lines.push(`## ${t('proposalDoc.replies')}`, '');
    for (const reply of proposal.replies) {
      const name = department(reply.departmentId);
      const heading = [
        reply.departmentId === proposal.leadDepartmentId ? t('proposalDoc.leadDepartment', { name }) : name,
        t('proposalDoc.classification', { value: reply.classification }),
        ...(proposal.round > 1 ? [t('proposalDoc.round', { round: reply.round })] : []),
        documentDate(reply.at, lang),
      ];
      lines.push(`### ${heading.join(' · ')}`, '', paragraphs(reply.body), '');
    }
  }
  if (proposal.assessments.length > 0) {
    lines.push(`## ${t('proposalDoc.assessments')}`, '');
    for (const assessment of proposal.assessments) {
      const line = t('proposalDoc.assessmentLine', {
        verdict: t(`proposalDoc.satisfactions.${assessment.satisfaction}`),
        date: documentDate(assessment.at, lang),
        comment: mdEscape(assessment.comment),
      });
      lines.push(line.trimEnd(), '');
    }
  }
  return lines.join('\n').trimEnd() + '\n';
}
