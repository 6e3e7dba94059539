import type { Response } from 'express';
import {
  citationNotes,
  type BulletinDetail,
  type DocumentQuery,
  type Minutes,
  type ProposalDetail,
} from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { mdEscape } from '../documents/blocks.js';
import { citationText } from '../documents/citations.js';
import { documentDate } from '../documents/dates.js';
import { documentT, type DocumentLanguage } from '../documents/i18n.js';
import { bulletinMarkdown } from '../documents/bulletin-text.js';
import { proposalMarkdown } from '../documents/proposal-text.js';
import type { DocumentRenderer } from '../documents/renderer.js';
import { exportableText } from '../documents/text.js';
import { DomainError, notFound } from '../errors.js';
import { topicCitations } from './citations.js';
import { draftDocName } from './draft-doc.js';
import { composeMinutes } from './minutes-text.js';
import { draftBlocks } from './draft.service.js';
import { requireCapability, type TopicAccess } from './topic-access.js';
import { topicEntry } from './audit.service.js';
import type { TopicsDeps } from './topics.service.js';
import type { Repositories } from '../store/store.js';

/**
 * The documents a secretariat hands out: each meeting's minutes (generated from its agenda,
 * attendance and speech log, editable until approved) and the outcome as an official document,
 * as Markdown, DOCX or PDF. Every text leaves through `exportableText`, so that a control character
 * stored before input refused them never reaches a file; DOCX and PDF are drawn by the renderer's
 * worker threads.
 */
export class DocumentsService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly renderer: DocumentRenderer,
  ) {}

  async minutes(actor: Actor, meetingId: string, lang: DocumentLanguage): Promise<Minutes> {
    const { meeting, access } = await this.meeting(actor, meetingId);
    return this.minutesOf(meeting.id, access, lang);
  }

  private async minutesOf(meetingId: string, access: TopicAccess, lang: DocumentLanguage): Promise<Minutes> {
    const stored = await this.deps.store.minutes.find(meetingId);
    if (!stored) {
      const body = exportableText(await composeMinutes(this.deps.store, meetingId, access, lang));
      return {
        meetingId,
        body,
        status: 'generated',
        updatedBy: null,
        updatedAt: null,
        approvedBy: null,
        approvedAt: null,
      };
    }
    const names = await this.deps.store.users.displayNames([
      stored.updatedBy,
      ...(stored.approvedBy ? [stored.approvedBy] : []),
    ]);
    const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '?' } : null);
    return {
      meetingId,
      body: exportableText(stored.body),
      status: stored.status as Minutes['status'],
      updatedBy: person(stored.updatedBy),
      updatedAt: stored.updatedAt,
      approvedBy: person(stored.approvedBy),
      approvedAt: stored.approvedAt,
    };
  }

  async saveMinutes(actor: Actor, meetingId: string, body: string, lang: DocumentLanguage): Promise<Minutes> {
    const { access } = await this.meeting(actor, meetingId);
    requireCapability(access, 'editMinutes');
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
      await tx.minutes.lock(meetingId);
      await assertNotApproved(tx, meetingId);
      await tx.minutes.saveDraft(meetingId, body, actor.user.id, now);
      await tx.audit.append(topicEntry(access, 'minutes.saved', now, { meetingId }));
    });
    return this.minutes(actor, meetingId, lang);
  }

  /** The chair approves the minutes as they stand (generated or edited); from then on they are final. */
  async approveMinutes(actor: Actor, meetingId: string, lang: DocumentLanguage): Promise<Minutes> {
    const { meeting, access } = await this.meeting(actor, meetingId);
    requireCapability(access, 'approveMinutes');
    if (meeting.status !== 'ended')
      throw new DomainError('CONFLICT', 'Minutes are approved after the meeting has ended');
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
      // Under the minutes' lock, the text approved is the one stored or generated now: an edit or a
      // correction that came first is in it, and none can follow.
      await tx.minutes.lock(meetingId);
      const stored = await tx.minutes.find(meetingId);
      if (stored?.status === 'approved') throw new DomainError('CONFLICT', 'The minutes are already approved');
      const body = stored ? stored.body : exportableText(await composeMinutes(tx, meetingId, access, lang));
      await tx.minutes.approve(meetingId, body, actor.user.id, now);
      await tx.audit.append(topicEntry(access, 'minutes.approved', now, { meetingId }));
    });
    return this.minutes(actor, meetingId, lang);
  }

  /** The minutes as a file: Markdown, DOCX or PDF. */
  async sendMinutes(actor: Actor, meetingId: string, query: DocumentQuery, res: Response): Promise<void> {
    const { meeting, access } = await this.meeting(actor, meetingId);
    const minutes = await this.minutesOf(meeting.id, access, query.lang);
    if (query.format === 'json') {
      res.json({ minutes });
      return;
    }
    const t = documentT(query.lang);
    const approval =
      minutes.status === 'approved'
        ? `\n\n${t('minutes.approved', { date: documentDate(minutes.approvedAt!, query.lang), name: minutes.approvedBy!.displayName })}\n`
        : '';
    const title = t('minutes.title', { meeting: meeting.title });
    const exported = { document: 'minutes', meetingId, format: query.format, lang: query.lang };
    await this.send(
      res,
      { format: query.format, lang: query.lang },
      `minutes-${meetingId}`,
      title,
      { markdown: minutes.body + approval },
      () => this.recordExport(access, exported),
    );
  }

  /** The outcome as an official document: the frozen draft (or the draft so far, marked as such). */
  async sendOutcome(actor: Actor, topicId: string, query: DocumentQuery, res: Response): Promise<void> {
    const access = await this.deps.access.load(actor, topicId);
    const outcome = await this.outcomeMarkdown(access, query.lang);
    if (query.format === 'json') {
      res.json({ markdown: exportableText(withSignature(outcome)) });
      return;
    }
    const exported = { document: 'outcome', format: query.format, lang: query.lang };
    await this.send(
      res,
      { format: query.format, lang: query.lang },
      `outcome-${topicId}`,
      access.topic.title,
      outcome,
      () => this.recordExport(access, exported),
    );
  }

  /**
   * A proposal with its review, replies and assessments as a file (or its Markdown for `json`); the
   * caller has read it for `actor`, who may. Recorded in the organisation's audit log, under the proposal.
   */
  async sendProposal(actor: Actor, proposal: ProposalDetail, query: DocumentQuery, res: Response): Promise<void> {
    const markdown = proposalMarkdown(proposal, query.lang);
    if (query.format === 'json') {
      res.json({ markdown: exportableText(markdown) });
      return;
    }
    const details = { document: 'proposal', format: query.format, lang: query.lang, title: proposal.title };
    await this.send(
      res,
      { format: query.format, lang: query.lang },
      `proposal-${proposal.number ?? proposal.id}`,
      proposal.title,
      { markdown },
      async () => {
        const now = this.deps.clock.now().toISOString();
        await this.deps.store.transaction((tx) =>
          tx.audit.append({
            log: proposal.orgId,
            at: now,
            actorId: actor.user.id,
            action: 'document.exported',
            subject: { type: 'proposal', id: proposal.id },
            details,
          }),
        );
      },
    );
  }

  /** A bulletin (专报) as a file, signed by its organisation on the day it was compiled; the export is audited. */
  async sendBulletin(actor: Actor, bulletin: BulletinDetail, query: DocumentQuery, res: Response): Promise<void> {
    const markdown = bulletinMarkdown(bulletin, query.lang);
    if (query.format === 'json') {
      res.json({ markdown: exportableText(markdown) });
      return;
    }
    const org = await this.deps.store.orgs.findById(bulletin.orgId);
    const details = { document: 'bulletin', format: query.format, lang: query.lang, title: bulletin.title };
    await this.send(
      res,
      { format: query.format, lang: query.lang },
      `bulletin-${bulletin.number ?? bulletin.id}`,
      bulletin.title,
      { markdown, signature: { issuer: org?.name ?? '', date: documentDate(bulletin.compiledAt, query.lang) } },
      async () => {
        const now = this.deps.clock.now().toISOString();
        await this.deps.store.transaction((tx) =>
          tx.audit.append({
            log: bulletin.orgId,
            at: now,
            actorId: actor.user.id,
            action: 'document.exported',
            subject: { type: 'bulletin', id: bulletin.id },
            details,
          }),
        );
      },
    );
  }

  /** An official document left the building: who took which, in what form. */
  private async recordExport(access: TopicAccess, details: Record<string, unknown>): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction((tx) => tx.audit.append(topicEntry(access, 'document.exported', now, details)));
  }

  /**
   * Markdown as a file to download, made exportable; DOCX and PDF are drawn off the event loop, in
   * the layout of the document's language, the signature (issuing body and date) set at the end.
   */
  private async send(
    res: Response,
    { format, lang }: { format: 'md' | 'docx' | 'pdf'; lang: DocumentLanguage },
    name: string,
    title: string,
    document: ExportText,
    record: () => Promise<void>,
  ): Promise<void> {
    const cleanTitle = exportableText(title);
    const { signature } = document;
    const body =
      format === 'md'
        ? Buffer.from(exportableText(withSignature(document)), 'utf8')
        : await this.renderer.render({
            format,
            lang,
            markdown: exportableText(document.markdown + (document.notes ? `\n\n${document.notes}` : '')),
            title: cleanTitle,
            ...(signature ? { signature: { issuer: exportableText(signature.issuer), date: signature.date } } : {}),
          });
    // Recorded once the file exists and before it is sent: no document leaves unrecorded.
    await record();
    res.setHeader('Content-Type', contentTypes[format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${name}.${format}"; filename*=UTF-8''${encodeURIComponent(cleanTitle)}.${format}`,
    );
    res.send(body);
  }

  private async outcomeMarkdown(access: TopicAccess, lang: DocumentLanguage): Promise<ExportText> {
    const t = documentT(lang);
    const { topic } = access;
    const final = await this.deps.store.docs.finalVersion(draftDocName(topic.id));
    const blocks = draftBlocks(final?.doc ?? (await this.deps.store.docs.load(draftDocName(topic.id))));
    const [participants, members, org] = await Promise.all([
      this.deps.store.topics.participants(topic.id),
      this.deps.store.memberships.membersOf(topic.orgId),
      this.deps.store.orgs.findById(topic.orgId),
    ]);
    // Names are people's own text: escaped, so that a name cannot become a link or a heading.
    const nameOf = new Map(members.map((m) => [m.userId, mdEscape(m.user.displayName)]));
    const recipients = (await this.deps.store.topics.recipientDepartments(topic.id)).map((d) => mdEscape(d.name));
    const lines = [`# ${mdEscape(topic.title)}`, ''];
    if (topic.outcomeForm) lines.push(t('outcome.formLine', { form: t(`forms.${topic.outcomeForm}`) }), '');
    if (!final) lines.push(t('outcome.notFrozen'), '');
    // What the paragraphs cite, as Markdown footnotes: `[^1]` after the text, `[^1]: …` at the end.
    const { marks, notes } = citationNotes(blocks, await topicCitations(this.deps.store, topic.id, blocks));
    blocks.forEach((block, i) => {
      const level = Number(block.attrs.level ?? 2);
      const mark = marks[i] ? `[^${marks[i].number}]` : '';
      if (block.type === 'heading')
        lines.push(`${'#'.repeat(Math.min(level + 1, 4))} ${mdEscape(block.text)}${mark}`, '');
      else lines.push((block.markdown ?? mdEscape(block.text)) + mark, '');
    });
    lines.push(
      `## ${t('outcome.participants')}`,
      '',
      participants.map((p) => nameOf.get(p.userId) ?? '?').join('、'),
      '',
    );
    if (recipients.length > 0) lines.push(`## ${t('outcome.recipients')}`, '', recipients.join('、'), '');
    if (topic.dueDate) lines.push(`${t('outcome.dueDate')}：${documentDate(topic.dueDate, lang)}`, '');
    return {
      markdown: lines.join('\n'),
      signature: {
        issuer: org?.name ?? '',
        date: documentDate(final?.createdAt ?? this.deps.clock.now().toISOString(), lang),
      },
      notes: notes.map((n) => `[^${n.number}]: ${mdEscape(citationText(n.citation, lang))}`).join('\n'),
    };
  }

  private async meeting(actor: Actor, meetingId: string) {
    const meeting = await this.deps.store.meetings.find(meetingId);
    if (!meeting) throw notFound('Meeting');
    return { meeting, access: await this.deps.access.load(actor, meeting.topicId) };
  }
}

/** A document's Markdown, the issuing body and date that end it, and its footnotes' definitions. */
interface ExportText {
  markdown: string;
  signature?: { issuer: string; date: string };
  notes?: string;
}

/**
 * The document as one Markdown text: the signature a line after the body (an ideographic space,
 * U+3000, between issuer and date, as Chinese documents do), then the notes.
 */
function withSignature({ markdown, signature, notes }: ExportText): string {
  const end = signature ? `\n${mdEscape(signature.issuer)}\u3000${signature.date}` : '';
  return markdown + end + (notes ? `\n\n${notes}` : '');
}

/** CONFLICT when a meeting's minutes are approved; call it under the minutes' lock. */
async function assertNotApproved(tx: Repositories, meetingId: string): Promise<void> {
  const row = await tx.minutes.find(meetingId);
  if (row?.status === 'approved') throw new DomainError('CONFLICT', 'Approved minutes can no longer be changed');
}

const contentTypes = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
