/**
 * An audit entry in words: the action's groups for the filter, its subject, and its details in a
 * short form. Pure functions of a `Words` object (translations, locale, names known to the page),
 * so that a template passing `i18n.locale` re-renders on a language switch.
 *
 * `details` come from the server as stored at the time of the action; every field is checked before
 * use, and what is not understood is left out rather than shown raw.
 */
import { OpinionDecisions, ReplyClassifications, ReviewDecisions, Satisfactions } from '@yishi/duty';
import {
  AnswerDecisions,
  AttendanceStatuses,
  OrgLevels,
  OutcomeForms,
  RaterKinds,
  Roles,
  SpeechKinds,
  Stages,
  type AuditAction,
  type AuditEntry,
} from '@yishi/protocol';
import { formatCalendarDate, formatDateTime } from '../format';
import type { MessageKey, MessageVars } from '../i18n/i18n.svelte';

/** What describing an entry needs from the page. */
export interface Words {
  t: (key: MessageKey, vars?: MessageVars) => string;
  locale: string;
  /** A user's display name, when the page knows it. */
  person: (userId: string) => string | undefined;
  /** A topic's title, when the page knows it. */
  topic: (topicId: string) => string | undefined;
  /** A meeting's title, when the page knows it. */
  meeting: (meetingId: string) => string | undefined;
  /** An organisation's name, when the page knows it. */
  org: (orgId: string) => string | undefined;
}

/** The actions in the filter's groups, in the order of the procedure. */
export const AUDIT_ACTION_GROUPS = {
  procedure: [
    'topic.created',
    'topic.forwarded',
    'topic.vetted',
    'topic.stage',
    'participant.added',
    'participant.removed',
    'research.added',
    'draft.version_saved',
    'outcome.set',
    'answer.recorded',
    'rating.recorded',
    'case.published',
  ],
  meetings: [
    'meeting.created',
    'meeting.opened',
    'queue.moderated',
    'speech.recorded',
    'meeting.ended',
    'meeting.times_corrected',
    'minutes.saved',
    'attendance.corrected',
    'minutes.approved',
  ],
  organisation: [
    'org.created',
    'org.renamed',
    'org.moved',
    'settings.changed',
    'member.added',
    'member.changed',
    'member.password_reset',
    'member.unlocked',
    'department.created',
    'department.renamed',
    'department.merged',
    'department.deleted',
  ],
  proposals: [
    'proposal.created',
    'proposal.edited',
    'proposal.cosigner_invited',
    'proposal.cosigner_removed',
    'proposal.cosigned',
    'proposal.submitted',
    'proposal.reviewed',
    'proposal.replied',
    'proposal.assessed',
    'proposal.flagged',
    'proposal.consultation_opened',
    'proposal.converted',
  ],
  opinions: [
    'opinion.submitted',
    'opinion.edited',
    'opinion.handled',
    'opinion.instruction_recorded',
    'bulletin.compiled',
  ],
  duty: ['duty.weights_changed'],
  access: ['auth.signed_in', 'auth.refused', 'auth.slowed', 'document.exported', 'setup.done'],
} as const satisfies Record<string, readonly AuditAction[]>;

export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;

/** The longest text quoted from the details (reasons can be long). */
const MAX_TEXT = 80;

const oneOf =
  <T extends string>(list: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (list as readonly string[]).includes(value);

const isStage = oneOf(Stages);
const isForm = oneOf(OutcomeForms);
const isDecision = oneOf(AnswerDecisions);
const isRater = oneOf(RaterKinds);
const isSpeechKind = oneOf(SpeechKinds);
const isRole = oneOf(Roles);
const isLevel = oneOf(OrgLevels);
const isAttendance = oneOf(AttendanceStatuses);
const isReviewDecision = oneOf(ReviewDecisions);
const isClassification = oneOf(ReplyClassifications);
const isSatisfaction = oneOf(Satisfactions);
const isOpinionDecision = oneOf(OpinionDecisions);
const isModeration = oneOf(['grant', 'next', 'move', 'remove', 'finish', 'pause', 'resume', 'addTime', 'close']);

/** A non-empty string, shortened with an ellipsis. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT - 1)}…` : trimmed;
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** The action in words, e.g. "Stage changed". */
export function actionName(action: AuditAction, w: Pick<Words, 't'>): string {
  return w.t(`audit.actions.${action}`);
}

/** What an entry is about: a page to link to, or a name. */
export type AuditSubjectView =
  { kind: 'topic' | 'meeting' | 'case'; id: string; label: string } | { kind: 'text'; label: string } | null;

/** The subject of an entry, named as well as the page can. */
export function subjectOf(entry: AuditEntry, w: Words): AuditSubjectView {
  const subject = entry.subject;
  if (!subject) return null;
  const title = text(entry.details.title);
  switch (subject.type) {
    case 'topic': {
      const known = w.topic(subject.id) ?? (entry.action === 'topic.created' ? title : undefined);
      return { kind: 'topic', id: subject.id, label: known ?? w.t('audit.subjects.topic') };
    }
    case 'meeting':
      return { kind: 'meeting', id: subject.id, label: w.meeting(subject.id) ?? w.t('audit.subjects.meeting') };
    case 'case':
      return { kind: 'case', id: subject.id, label: title ?? w.t('audit.subjects.case') };
    case 'user':
      return { kind: 'text', label: w.person(subject.id) ?? w.t('audit.subjects.user') };
    case 'org':
      return { kind: 'text', label: w.org(subject.id) ?? text(entry.details.name) ?? w.t('audit.subjects.org') };
    case 'department':
      return { kind: 'text', label: text(entry.details.name) ?? w.t('audit.subjects.department') };
    case 'proposal':
      return { kind: 'text', label: title ?? w.t('audit.subjects.proposal') };
    case 'opinion':
      return { kind: 'text', label: title ?? w.t('audit.subjects.opinion') };
    case 'bulletin':
      return { kind: 'text', label: title ?? w.t('audit.subjects.bulletin') };
    default:
      return null;
  }
}

/** The entry's details in a short form, e.g. "Vetting → Preparation · reason: …"; '' when there is nothing to say. */
export function describeDetails(entry: AuditEntry, w: Words): string {
  return detailParts(entry, w)
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

function quoted(value: unknown, w: Words): string | undefined {
  const shown = text(value);
  return shown === undefined ? undefined : w.t('audit.details.quoted', { text: shown });
}

function people(ids: unknown, w: Words): string | undefined {
  if (!Array.isArray(ids)) return undefined;
  const names = ids.flatMap((id) => (typeof id === 'string' ? [w.person(id) ?? w.t('audit.subjects.user')] : []));
  return names.length > 0 ? names.join(w.t('audit.details.separator')) : undefined;
}

function personName(id: unknown, w: Words): string | undefined {
  return typeof id === 'string' ? w.person(id) : undefined;
}

/** The parts of an entry's details in words; '' or undefined parts are left out. */
type Describe = (d: Record<string, unknown>, w: Words) => (string | undefined)[];

const title: Describe = (d, w) => [quoted(d.title, w)];
const meetingOf: Describe = (d, w) => [typeof d.meetingId === 'string' ? quoted(w.meeting(d.meetingId), w) : undefined];
const participant: Describe = (d, w) => [personName(d.userId, w)];

/** How each action's details read; an action not listed shows the account fields it carries (`knownFields`). */
const DESCRIBE: Partial<Record<AuditAction, Describe>> = {
  'topic.created': title,
  'topic.forwarded': (d, w) => [
    quoted(d.title, w),
    typeof d.toOrgName === 'string' ? w.t('audit.forwardedTo', { org: d.toOrgName }) : undefined,
  ],
  'research.added': title,
  'case.published': title,
  'draft.version_saved': (d, w) => [quoted(d.name, w)],
  'topic.stage': ({ from, to, reason, waived }, { t }) => {
    const why = text(reason);
    const excepted = Array.isArray(waived) ? waived.filter((gate) => gate === 'official_exchange') : [];
    return [
      isStage(from) && isStage(to)
        ? t('audit.details.stage', { from: t(`stages.${from}`), to: t(`stages.${to}`) })
        : undefined,
      ...excepted.map((gate) =>
        t('topic.history.waived', { gates: t(`topic.history.waivedGate.${gate as 'official_exchange'}`) }),
      ),
      why === undefined ? undefined : t('audit.details.reason', { reason: why }),
    ];
  },
  'topic.vetted': (d, { t }) =>
    (['relevance', 'remit'] as const).map((question) => {
      const answer = record(d[question])?.answer;
      if (typeof answer !== 'boolean') return undefined;
      const said = t(answer ? 'topic.vetting.yes' : 'topic.vetting.no');
      return t('audit.details.vetting', { question: t(`steps.${question}`), answer: said });
    }),
  'participant.added': participant,
  'participant.removed': participant,
  'meeting.created': (d, w) => {
    const startsAt = typeof d.startsAt === 'string' ? formatDateTime(d.startsAt, w.locale) : undefined;
    return [quoted(d.title, w), startsAt && w.t('audit.details.startsAt', { when: startsAt })];
  },
  'meeting.opened': meetingOf,
  'meeting.ended': meetingOf,
  'meeting.times_corrected': (d, w) => {
    const to = record(d.to);
    const when = (value: unknown) => (typeof value === 'string' ? formatDateTime(value, w.locale) : undefined);
    const [from, until] = [when(to?.openedAt), when(to?.endedAt)];
    return [...meetingOf(d, w), from && until ? w.t('audit.details.held', { from, to: until }) : undefined];
  },
  'minutes.saved': meetingOf,
  'minutes.approved': meetingOf,
  'attendance.corrected': (d, w) => {
    const entries = Array.isArray(d.entries) ? d.entries.map(record) : [];
    const said = entries.flatMap((e) =>
      e && typeof e.userId === 'string' && isAttendance(e.status)
        ? [
            w.t('audit.details.attendance', {
              name: w.person(e.userId) ?? w.t('audit.subjects.user'),
              status: w.t(`attendance.status.${e.status}`),
            }),
          ]
        : [],
    );
    return [...meetingOf(d, w), text(said.join(w.t('audit.details.separator')))];
  },
  'queue.moderated': (d, w) => {
    const command = record(d.command);
    if (!command || !isModeration(command.type)) return [];
    return [w.t(`audit.moderation.${command.type}`, { seconds: num(command.seconds) ?? 0 })];
  },
  'speech.recorded': (d, w) => {
    const name = personName(d.speakerId, w);
    if (!isSpeechKind(d.kind)) return [name];
    const kind = w.t(`speechKinds.${d.kind}`);
    return [name ? w.t('audit.details.speech', { kind, name }) : kind];
  },
  'outcome.set': (d, w) => {
    // Departments, named as they were; entries from before departments name the officials.
    const departments = Array.isArray(d.recipientDepartments)
      ? text(d.recipientDepartments.flatMap((r) => text(record(r)?.name) ?? []).join(w.t('audit.details.separator')))
      : undefined;
    const names = departments ?? people(d.recipients, w);
    const due = typeof d.dueDate === 'string' ? formatCalendarDate(d.dueDate, w.locale) : undefined;
    return [
      isForm(d.form) ? w.t(`outcomeForms.${d.form}`) : undefined,
      names && w.t('audit.details.recipients', { names }),
      due && w.t('audit.details.due', { date: due }),
    ];
  },
  'answer.recorded': (d, { t }) => {
    const round = num(d.round);
    return [
      round === undefined ? undefined : t('audit.details.round', { round }),
      isDecision(d.decision) ? t(`decisions.${d.decision}`) : undefined,
    ];
  },
  'rating.recorded': (d, { t }) => {
    const score = num(d.score);
    if (!isRater(d.kind) || score === undefined) return [];
    return [t('audit.details.rating', { rater: t(`raterKinds.${d.kind}`), score })];
  },
  'settings.changed': (d, w) => [
    setting(w.t('admin.gates.research'), d.minResearchReports, w),
    setting(w.t('admin.gates.speakers'), d.minDistinctSpeakers, w),
    typeof d.requireOfficialExchange === 'boolean'
      ? w.t('audit.details.setting', {
          name: w.t('admin.gates.exchange'),
          value: w.t(d.requireOfficialExchange ? 'topic.vetting.yes' : 'topic.vetting.no'),
        })
      : undefined,
  ],
  'proposal.cosigner_invited': participant,
  'proposal.cosigner_removed': participant,
  'proposal.reviewed': (d, { t }) => [
    isReviewDecision(d.decision) ? t(`audit.proposal.decisions.${d.decision}`) : undefined,
  ],
  'proposal.replied': (d, { t }) => [
    isClassification(d.classification) ? t('audit.proposal.classification', { value: d.classification }) : undefined,
  ],
  'proposal.assessed': (d, { t }) => [
    isSatisfaction(d.satisfaction) ? t(`audit.proposal.satisfaction.${d.satisfaction}`) : undefined,
  ],
  'proposal.flagged': (d, { t }) => [
    typeof d.key === 'boolean' ? t(d.key ? 'audit.proposal.key' : 'audit.proposal.notKey') : undefined,
  ],
  'opinion.handled': (d, { t }) => [
    isOpinionDecision(d.decision) ? t(`audit.opinion.decisions.${d.decision}`) : undefined,
  ],
  'opinion.instruction_recorded': (d, w) => [text(d.by) && w.t('audit.opinion.instructedBy', { name: text(d.by)! })],
  'bulletin.compiled': (d, w) => {
    const count = Array.isArray(d.opinionIds) ? d.opinionIds.length : num(d.opinions);
    return [
      text(d.number) && w.t('audit.opinion.number', { number: text(d.number)! }),
      count === undefined ? undefined : w.t('audit.opinion.count', { count }),
    ];
  },
  'department.renamed': (d, w) => [text(d.to) && w.t('audit.details.renamedTo', { name: text(d.to)! })],
  'department.merged': (d, w) => [text(d.intoName) && w.t('audit.details.mergedInto', { name: text(d.intoName)! })],
  'org.created': (d, { t, org }) => {
    const parent = typeof d.parentId === 'string' ? org(d.parentId) : undefined;
    return [
      isLevel(d.level) ? t(`orgLevels.${d.level}`) : undefined,
      parent === undefined ? undefined : t('audit.details.parent', { name: parent }),
    ];
  },
  'org.renamed': (d, w) => [text(d.to) && w.t('audit.details.renamedTo', { name: text(d.to)! })],
  'org.moved': (d, { t, org }) => {
    const parent = typeof d.toParentId === 'string' ? org(d.toParentId) : undefined;
    return [parent === undefined ? undefined : t('audit.details.parent', { name: parent })];
  },
  'document.exported': exported,
};

function detailParts(entry: AuditEntry, w: Words): (string | undefined)[] {
  return (DESCRIBE[entry.action] ?? knownFields)(entry.details, w);
}

function setting(name: string, value: unknown, w: Words): string | undefined {
  const count = num(value);
  return count === undefined ? undefined : w.t('audit.details.setting', { name, value: count });
}

/** Fields that sign-ins and accounts carry: named in words, the rest left out. */
const FIELDS = ['login', 'displayName', 'role', 'department', 'sector', 'expertise', 'active', 'address'] as const;

function knownFields(d: Record<string, unknown>, w: Words): (string | undefined)[] {
  return FIELDS.map((field) => {
    const value = d[field];
    const name = w.t(`audit.fields.${field}`);
    if (field === 'role' && isRole(value)) {
      const to = w.t(`roles.${value}`);
      return isRole(d.fromRole)
        ? w.t('audit.details.change', { name, from: w.t(`roles.${d.fromRole}`), to })
        : w.t('audit.details.field', { name, value: to });
    }
    const shown =
      typeof value === 'boolean'
        ? w.t(value ? 'common.active' : 'common.inactive')
        : Array.isArray(value)
          ? text(value.filter((item) => typeof item === 'string').join(w.t('audit.details.separator')))
          : text(value);
    return shown === undefined ? undefined : w.t('audit.details.field', { name, value: shown });
  });
}

const isFormat = oneOf(['md', 'docx', 'pdf', 'xlsx']);
const isLanguage = oneOf(['zh-CN', 'en']);
const isDocument = oneOf(['outcome', 'minutes', 'duty', 'proposal', 'bulletin']);

/** Which document left, in what form and language. */
function exported(d: Record<string, unknown>, w: Words): (string | undefined)[] {
  const meeting = typeof d.meetingId === 'string' ? w.meeting(d.meetingId) : undefined;
  return [
    isDocument(d.document) ? w.t(`audit.documents.${d.document}`) : undefined,
    meeting === undefined ? undefined : w.t('audit.details.quoted', { text: meeting }),
    isFormat(d.format) ? w.t(`followUp.documents.formats.${d.format}`) : undefined,
    isLanguage(d.lang) ? w.t(`languages.${d.lang}`) : undefined,
    typeof d.year === 'number' ? String(d.year) : undefined,
  ];
}

/** A moment with its seconds, in the reader's language: audit entries can be seconds apart. */
export function formatAuditTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }).format(date);
}
