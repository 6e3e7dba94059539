import type * as Y from 'yjs';
import type { Poll, PollResult } from '@yishi/polls';
import type { AttendancePerson } from '@yishi/protocol';
import { ModerationTypes, type PlaceReason, type QueueLogRecord } from '@yishi/queue';
import { mdEscape } from '../documents/blocks.js';
import { documentDate, documentDateTime, documentTime } from '../documents/dates.js';
import { documentT, DocumentLanguages, type DocumentLanguage, type DocumentT } from '../documents/i18n.js';
import type { Repositories } from '../store/store.js';
import { attendanceGroups } from './attendance.js';
import { meetingAttendance } from './attendance-facts.js';
import { agendaDocName } from './draft-doc.js';
import type { TopicAccess } from './topic-access.js';

/**
 * A meeting's minutes as generated, in Markdown, before the secretariat edits them: who attended
 * (in the hall or remote, who was absent, who else attended — as corrected by the secretariat),
 * the agenda, the speech log with the reason of each live turn's place, the chair's moderation of the
 * queue, and what was decided (the polls' results, the outcome's form and recipients, and a line for
 * the secretariat to complete).
 */
export async function composeMinutes(
  store: Repositories,
  meetingId: string,
  access: TopicAccess,
  lang: DocumentLanguage,
): Promise<string> {
  const t = documentT(lang);
  const meeting = (await store.meetings.find(meetingId))!;
  const [org, members, attendance, speeches, agendaDoc, log, departments, polls] = await Promise.all([
    store.orgs.findById(access.topic.orgId),
    store.memberships.membersOf(access.topic.orgId),
    meetingAttendance(store, meeting, access.topic),
    store.meetings.speeches(meetingId),
    store.docs.load(agendaDocName(meetingId)),
    store.queues.log(meetingId),
    store.topics.recipientDepartments(access.topic.id),
    store.polls.forMeeting(meetingId),
  ]);
  const member = new Map(members.map((m) => [m.userId, m]));
  // Someone from above the organisation (an administrator who looked in) is named from their account.
  const accounts = new Map(attendance.map((p) => [p.userId, p.displayName]));
  const name = (id: string) => mdEscape(member.get(id)?.user.displayName ?? accounts.get(id) ?? id);
  const sector = (id: string) => member.get(id)?.sector ?? null;
  const duration = (seconds: number) => t('minutes.minutesSeconds', { m: Math.floor(seconds / 60), s: seconds % 60 });
  const lines = [
    `# ${t('minutes.title', { meeting: mdEscape(meeting.title) })}`,
    '',
    `- ${t('minutes.topic')}：${mdEscape(access.topic.title)}`,
    `- ${t('minutes.organisation')}：${mdEscape(org?.name ?? '')}`,
    timeLine(meeting, lang),
    `- ${t('minutes.form')}：${t(`meetingForms.${meeting.form}`)}（${t(`meetingModes.${meeting.mode}`)}）`,
    ...(meeting.place || meeting.location
      ? [`- ${t('minutes.venue')}：${mdEscape(meeting.place?.name ?? meeting.location ?? '')}`]
      : []),
    ...(meeting.video
      ? [
          `- ${t('minutes.video')}：${meeting.video.provider === 'link' ? `<${meeting.video.url}>` : t('minutes.videoJitsi')}`,
        ]
      : []),
    '',
    ...attendanceLines(attendance, t),
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
  const clock = documentTime;
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
  if (departments.length > 0) {
    const recipients = departments.map((d) => mdEscape(d.name)).join(t('minutes.listSeparator'));
    lines.push(
      `- ${
        dueDate
          ? t('minutes.decided.recipientsDue', { recipients, date: documentDate(dueDate, lang) })
          : t('minutes.decided.recipients', { recipients })
      }`,
    );
  }
  lines.push(`- ${t('minutes.decisionsPlaceholder')}`, '');
  return lines.join('\n');
}

/**
 * The attendance section of the minutes: the participants present, in the hall and remote (and, in a
 * hybrid meeting, anyone who never said where they were, for the secretariat to correct), those
 * absent, and the others who attended (列席), each with their sector. Ends before the agenda.
 */
export function attendanceLines(people: readonly AttendancePerson[], t: DocumentT): string[] {
  const groups = attendanceGroups(people);
  const byId = new Map(people.map((p) => [p.userId, p]));
  const named = (id: string) => {
    const { displayName, sector } = byId.get(id)!;
    return sector ? `${mdEscape(displayName)}（${mdEscape(sector)}）` : mdEscape(displayName);
  };
  const list = (ids: string[]) => ids.map(named).join(t('minutes.listSeparator'));
  const bySite = (group: Record<'hall' | 'remote' | 'unstated', string[]>) =>
    (['hall', 'remote', 'unstated'] as const)
      .filter((site) => group[site].length > 0)
      .map((site) => `- ${t(`minutes.site.${site}`, { names: list(group[site]) })}`);
  const present = bySite(groups.present);
  const observers = bySite(groups.observers);
  return [
    `## ${t('minutes.attendance')}`,
    '',
    ...(present.length > 0 ? present : [t('minutes.nobody')]),
    '',
    ...(groups.absent.length > 0 ? [`## ${t('minutes.absent')}`, '', list(groups.absent), ''] : []),
    ...(observers.length > 0 ? [`## ${t('minutes.observers')}`, '', ...observers, ''] : []),
  ];
}

/** When the meeting was held, as the minutes' line says it: from its opening (or its start) to its end. */
function timeLine(
  meeting: { openedAt: string | null; startsAt: string; endedAt: string | null },
  lang: DocumentLanguage,
): string {
  const t = documentT(lang);
  const end = meeting.endedAt ? documentDateTime(meeting.endedAt, lang) : t('minutes.notEnded');
  return `- ${t('minutes.time')}：${documentDateTime(meeting.openedAt ?? meeting.startsAt, lang)} – ${end}`;
}

/**
 * Edited minutes with the meeting's time line as `meeting` now says it (in the language the minutes
 * were written in); null when the text no longer has that line.
 */
export function spliceTime(
  body: string,
  meeting: { openedAt: string | null; startsAt: string; endedAt: string | null },
): string | null {
  const lines = body.split('\n');
  for (const lang of DocumentLanguages) {
    const at = lines.findIndex((line) => line.startsWith(`- ${documentT(lang)('minutes.time')}：`));
    if (at < 0) continue;
    return [...lines.slice(0, at), timeLine(meeting, lang), ...lines.slice(at + 1)].join('\n');
  }
  return null;
}

/**
 * Edited minutes with `people` in place of their attendance section (from its heading to the
 * agenda's, in the language the minutes were written in); null when the text no longer has one.
 */
export function spliceAttendance(body: string, people: readonly AttendancePerson[]): string | null {
  const lines = body.split('\n');
  for (const lang of DocumentLanguages) {
    const t = documentT(lang);
    const start = lines.indexOf(`## ${t('minutes.attendance')}`);
    const end = lines.indexOf(`## ${t('minutes.agenda')}`, start + 1);
    if (start < 0 || end < 0) continue;
    return [...lines.slice(0, start), ...attendanceLines(people, t), ...lines.slice(end)].join('\n');
  }
  return null;
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
