import type * as Y from 'yjs';
import type { Response } from 'express';
import { citationNotes, type DocumentQuery, type Minutes } from '@yishi/protocol';
import type { Poll, PollResult } from '@yishi/polls';
import { ModerationTypes, type PlaceReason, type QueueLogRecord } from '@yishi/queue';
import type { Actor } from '../auth/policy.js';
import { mdEscape } from '../documents/blocks.js';
import { citationText } from '../documents/citations.js';
import { documentT, type DocumentLanguage, type DocumentT } from '../documents/i18n.js';
import type { DocumentRenderer } from '../documents/renderer.js';
import { exportableText } from '../documents/text.js';
import { DomainError, notFound } from '../errors.js';
import { topicCitations } from './citations.js';
import { agendaDocName, draftDocName } from './draft-doc.js';
import { draftBlocks } from './draft.service.js';
import { requireCapability, type TopicAccess } from './topic-access.js';
import { topicEntry } from './audit.service.js';
import type { TopicsDeps } from './topics.service.js';

const formatTime = (iso: string, lang: DocumentLanguage) =>
  new Date(iso).toLocaleString(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' });
const formatDate = (iso: string, lang: DocumentLanguage) =>
  new Date(iso).toLocaleDateString(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'long' });

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
      const body = exportableText(await this.generate(meetingId, access, lang));
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
    await this.assertNotApproved(meetingId);
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
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
    const current = await this.minutes(actor, meetingId, lang);
    if (current.status === 'approved') throw new DomainError('CONFLICT', 'The minutes are already approved');
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
      await tx.minutes.approve(meetingId, current.body, actor.user.id, now);
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
        ? `\n\n${t('minutes.approved', { date: formatDate(minutes.approvedAt!, query.lang), name: minutes.approvedBy!.displayName })}\n`
        : '';
    const title = t('minutes.title', { meeting: meeting.title });
    const exported = { document: 'minutes', meetingId, format: query.format, lang: query.lang };
    await this.send(res, query.format, `minutes-${meetingId}`, title, minutes.body + approval, () =>
      this.recordExport(access, exported),
    );
  }

  /** The outcome as an official document: the frozen draft (or the draft so far, marked as such). */
  async sendOutcome(actor: Actor, topicId: string, query: DocumentQuery, res: Response): Promise<void> {
    const access = await this.deps.access.load(actor, topicId);
    const markdown = await this.outcomeMarkdown(access, query.lang);
    if (query.format === 'json') {
      res.json({ markdown: exportableText(markdown) });
      return;
    }
    const exported = { document: 'outcome', format: query.format, lang: query.lang };
    await this.send(res, query.format, `outcome-${topicId}`, access.topic.title, markdown, () =>
      this.recordExport(access, exported),
    );
  }

  /** An official document left the building: who took which, in what form. */
  private async recordExport(access: TopicAccess, details: Record<string, unknown>): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction((tx) => tx.audit.append(topicEntry(access, 'document.exported', now, details)));
  }

  /** Markdown as a file to download, made exportable; DOCX and PDF are drawn off the event loop. */
  private async send(
    res: Response,
    format: 'md' | 'docx' | 'pdf',
    name: string,
    title: string,
    markdown: string,
    record: () => Promise<void>,
  ): Promise<void> {
    const text = exportableText(markdown);
    const cleanTitle = exportableText(title);
    const body =
      format === 'md'
        ? Buffer.from(text, 'utf8')
        : await this.renderer.render({ format, markdown: text, title: cleanTitle });
    // Recorded once the file exists and before it is sent: no document leaves unrecorded.
    await record();
    res.setHeader('Content-Type', contentTypes[format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${name}.${format}"; filename*=UTF-8''${encodeURIComponent(cleanTitle)}.${format}`,
    );
    res.send(body);
  }

  private async outcomeMarkdown(access: TopicAccess, lang: DocumentLanguage): Promise<string> {
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
    const recipients = (await this.deps.store.topics.recipients(topic.id)).map((id) => nameOf.get(id) ?? '?');
    const lines = [`# ${mdEscape(topic.title)}`, ''];
    if (topic.outcomeForm) lines.push(t('outcome.formLine', { form: t(`forms.${topic.outcomeForm}`) }), '');
    if (!final) lines.push(t('outcome.notFrozen'), '');
    // What the paragraphs cite, as Markdown footnotes: `[^1]` after the text, `[^1]: …` at the end.
    const { marks, notes } = citationNotes(blocks, await topicCitations(this.deps.store, topic.id, blocks));
    blocks.forEach((block, i) => {
      const level = Number(block.attrs.level ?? 2);
      const text = mdEscape(block.text) + (marks[i] ? `[^${marks[i].number}]` : '');
      lines.push(block.type === 'heading' ? `${'#'.repeat(Math.min(level + 1, 4))} ${text}` : text, '');
    });
    lines.push(
      `## ${t('outcome.participants')}`,
      '',
      participants.map((p) => nameOf.get(p.userId) ?? '?').join('、'),
      '',
    );
    if (recipients.length > 0) lines.push(`## ${t('outcome.recipients')}`, '', recipients.join('、'), '');
    if (topic.dueDate) lines.push(`${t('outcome.dueDate')}：${topic.dueDate}`, '');
    // An ideographic space (U+3000) separates issuer and date, as Chinese documents do.
    lines.push(
      `${mdEscape(org?.name ?? '')}\u3000${formatDate(final?.createdAt ?? this.deps.clock.now().toISOString(), lang)}`,
    );
    if (notes.length > 0)
      lines.push('', ...notes.map((n) => `[^${n.number}]: ${mdEscape(citationText(n.citation, lang))}`));
    return lines.join('\n');
  }

  private async generate(meetingId: string, access: TopicAccess, lang: DocumentLanguage): Promise<string> {
    const t = documentT(lang);
    const meeting = (await this.deps.store.meetings.find(meetingId))!;
    const [org, members, attendance, speeches, agendaDoc, log, recipientIds, polls] = await Promise.all([
      this.deps.store.orgs.findById(access.topic.orgId),
      this.deps.store.memberships.membersOf(access.topic.orgId),
      this.deps.store.minutes.attendance(meetingId),
      this.deps.store.meetings.speeches(meetingId),
      this.deps.store.docs.load(agendaDocName(meetingId)),
      this.deps.store.queues.log(meetingId),
      this.deps.store.topics.recipients(access.topic.id),
      this.deps.store.polls.forMeeting(meetingId),
    ]);
    const member = new Map(members.map((m) => [m.userId, m]));
    const name = (id: string) => mdEscape(member.get(id)?.user.displayName ?? '?');
    const sector = (id: string) => member.get(id)?.sector ?? null;
    const present = [...new Set([...attendance, ...speeches.map((s) => s.speakerId)])];
    const duration = (seconds: number) => t('minutes.minutesSeconds', { m: Math.floor(seconds / 60), s: seconds % 60 });
    const time = `${formatTime(meeting.openedAt ?? meeting.startsAt, lang)} – ${meeting.endedAt ? formatTime(meeting.endedAt, lang) : t('minutes.notEnded')}`;
    const lines = [
      `# ${t('minutes.title', { meeting: mdEscape(meeting.title) })}`,
      '',
      `- ${t('minutes.topic')}：${mdEscape(access.topic.title)}`,
      `- ${t('minutes.organisation')}：${mdEscape(org?.name ?? '')}`,
      `- ${t('minutes.time')}：${time}`,
      '',
      `## ${t('minutes.attendance')}`,
      '',
      present.length > 0
        ? present.map((id) => (sector(id) ? `${name(id)}（${mdEscape(sector(id)!)}）` : name(id))).join('、')
        : t('minutes.nobody'),
      '',
      `## ${t('minutes.agenda')}`,
      '',
    ];
    const agenda = agendaDoc
      .getArray<Y.Map<unknown>>('items')
      .toArray()
      .map((item) => item.toJSON() as Record<string, unknown>);
    if (agenda.length === 0) lines.push(t('minutes.noAgenda'), '');
    agenda.forEach((item, i) => {
      const presenter = item.presenter ? t('minutes.presenter', { name: mdEscape(String(item.presenter)) }) : '';
      lines.push(
        `${i + 1}. ${t('minutes.agendaItem', { title: mdEscape(String(item.title ?? '')), minutes: Number(item.minutes ?? 0), presenter })}`,
      );
    });
    lines.push('', `## ${t('minutes.speeches')}`, '');
    // Why each live turn came when it did: the reason of its place when the floor was given.
    const placeOf = new Map(
      log.flatMap(({ record }) => (record.type === 'granted' ? [[record.turn.entryId, record.reason] as const] : [])),
    );
    const clock = (iso: string) =>
      new Date(iso).toLocaleTimeString(lang, { timeZone: 'Asia/Shanghai', timeStyle: 'short' });
    if (speeches.length === 0) lines.push(t('minutes.noSpeeches'), '');
    else {
      lines.push(
        `| ${t('minutes.number')} | ${t('minutes.speaker')} | ${t('minutes.sector')} | ${t('minutes.kind')} | ${t('minutes.placeColumn')} | ${t('minutes.start')} | ${t('minutes.duration')} |`,
      );
      lines.push('| --- | --- | --- | --- | --- | --- | --- |');
      speeches.forEach((s, i) => {
        const reason = s.entryId ? placeOf.get(s.entryId) : undefined;
        const place = s.source === 'manual' ? t('minutes.place.manual') : reason ? placeWords(reason, t) : '—';
        lines.push(
          `| ${i + 1} | ${name(s.speakerId)} | ${mdEscape(sector(s.speakerId) ?? '—')} | ${t(`kinds.${s.kind}`)} | ${place} | ${clock(s.startedAt)} | ${duration(s.durationSeconds)} |`,
        );
      });
      lines.push('', `## ${t('minutes.bySector')}`, '');
      lines.push(
        `| ${t('minutes.sector')} | ${t('minutes.speakerCount')} | ${t('minutes.totalTime')} |`,
        '| --- | --- | --- |',
      );
      const bySector = new Map<string, { people: Set<string>; seconds: number }>();
      for (const s of speeches) {
        const key = sector(s.speakerId) ?? t('minutes.noSector');
        const entry = bySector.get(key) ?? { people: new Set(), seconds: 0 };
        entry.people.add(s.speakerId);
        entry.seconds += s.durationSeconds;
        bySector.set(key, entry);
      }
      for (const [key, entry] of [...bySector].sort((a, b) => b[1].seconds - a[1].seconds)) {
        lines.push(`| ${mdEscape(key)} | ${entry.people.size} | ${duration(entry.seconds)} |`);
      }
    }
    lines.push('', `## ${t('minutes.moderation')}`, '');
    const moderation = log.flatMap(({ at, record }) => (isModeration(record) ? [{ at, record }] : []));
    if (moderation.length === 0) lines.push(t('minutes.noModeration'), '');
    else {
      lines.push(t('minutes.moderationIntro'), '');
      lines.push(`| ${t('minutes.time')} | ${t('minutes.action')} | ${t('minutes.by')} |`, '| --- | --- | --- |');
      for (const { at, record } of moderation) {
        lines.push(`| ${clock(at)} | ${moderationWords(record, t)} | ${name(record.by)} |`);
      }
      lines.push('');
    }
    // What the meeting decided: its polls' results, the outcome's form and recipients as set now,
    // then what the secretariat adds while editing (the placeholder); the chair approves all of it.
    lines.push(`## ${t('minutes.decisions')}`, '');
    for (const { poll, result } of polls) if (result) lines.push(...pollLines(poll, result, t));
    const { outcomeForm, dueDate } = access.topic;
    if (outcomeForm) lines.push(`- ${t('minutes.decided.form', { form: t(`forms.${outcomeForm}`) })}`);
    if (recipientIds.length > 0) {
      const recipients = recipientIds.map(name).join(t('minutes.listSeparator'));
      lines.push(
        `- ${
          dueDate
            ? t('minutes.decided.recipientsDue', { recipients, date: formatDate(dueDate, lang) })
            : t('minutes.decided.recipients', { recipients })
        }`,
      );
    }
    lines.push(`- ${t('minutes.decisionsPlaceholder')}`, '');
    return lines.join('\n');
  }

  private async meeting(actor: Actor, meetingId: string) {
    const meeting = await this.deps.store.meetings.find(meetingId);
    if (!meeting) throw notFound('Meeting');
    return { meeting, access: await this.deps.access.load(actor, meeting.topicId) };
  }

  private async assertNotApproved(meetingId: string): Promise<void> {
    const row = await this.deps.store.minutes.find(meetingId);
    if (row?.status === 'approved') throw new DomainError('CONFLICT', 'Approved minutes can no longer be changed');
  }
}

/** A closed poll's result in the minutes: the counts, and for a named poll who chose each option. */
function pollLines(poll: Poll, result: PollResult, t: DocumentT): string[] {
  const option = (i: number) =>
    poll.kind === 'yes_no_abstain'
      ? t(`minutes.decided.${poll.options[i] as 'yes' | 'no' | 'abstain'}`)
      : mdEscape(poll.options[i]!);
  const separator = t('minutes.listSeparator');
  const counts = result.tally
    .map((count, i) => t('minutes.decided.pollCount', { option: option(i), count }))
    .join(separator);
  const how = t(poll.secret ? 'minutes.decided.pollSecret' : 'minutes.decided.pollNamed');
  const lines = [
    `- ${t('minutes.decided.poll', { question: mdEscape(poll.question), how, counts, ballots: result.ballots })}`,
  ];
  if (result.voters) {
    poll.options.forEach((_, i) => {
      const names = result.voters!.filter((v) => v.choices.includes(i)).map((v) => mdEscape(v.displayName));
      if (names.length > 0)
        lines.push(`  - ${t('minutes.decided.pollVoters', { option: option(i), names: names.join(separator) })}`);
    });
  }
  return lines;
}

/** A place reason in the minutes' words (Markdown: the names in it are escaped). */
function placeWords(reason: PlaceReason, t: DocumentT): string {
  switch (reason.code) {
    case 'reply_to':
    case 'answer_to_question':
      return t(`minutes.place.${reason.code}`, { name: mdEscape(reason.name) });
    case 'repeat_speaker':
      return t('minutes.place.repeat_speaker', { count: reason.count });
    case 'sector_balance':
      return reason.sector
        ? t('minutes.place.sector_balance', { sector: mdEscape(reason.sector) })
        : t('minutes.place.sector_balance_none');
    default:
      return t(`minutes.place.${reason.code}`);
  }
}

type ModerationRecord = Extract<QueueLogRecord, { type: (typeof ModerationTypes)[number] | 'granted' }>;

/** What the minutes list as moderation: the chair's changes to the queue, and turns given out of order. */
const isModeration = (record: QueueLogRecord): record is ModerationRecord =>
  (ModerationTypes as readonly string[]).includes(record.type) || (record.type === 'granted' && record.outOfTurn);

/** One moderation record of the queue log, as a line of the minutes (Markdown: the name is escaped). */
function moderationWords(record: ModerationRecord, t: DocumentT): string {
  const turn = { name: mdEscape(record.turn.displayName), kind: t(`kinds.${record.turn.kind}`) };
  switch (record.type) {
    case 'moved':
      return t('minutes.did.moved', { ...turn, from: record.from + 1, to: record.to + 1 });
    case 'time_added':
      return t('minutes.did.time_added', { ...turn, seconds: record.seconds, limit: record.limitSeconds });
    case 'granted':
      return t('minutes.did.granted', { ...turn, reason: record.reason ? placeWords(record.reason, t) : '—' });
    default:
      return t(`minutes.did.${record.type}`, turn);
  }
}

const contentTypes = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
