import { z } from 'zod';
import { idSchema } from './schemas.js';
import type { PersonRef } from './topics.js';

/**
 * What the audit log records (docs/design.md, Audit): every state-changing action of the procedure,
 * the live room's moderation, membership and accounts, exports of official documents, sign-ins.
 */
export const AuditActions = [
  'topic.created',
  'topic.forwarded',
  'topic.stage',
  'topic.vetted',
  'participant.added',
  'participant.removed',
  'research.added',
  'meeting.created',
  'meeting.opened',
  'meeting.ended',
  'meeting.times_corrected',
  'queue.moderated',
  'speech.recorded',
  'minutes.saved',
  'minutes.approved',
  'attendance.corrected',
  'draft.version_saved',
  'outcome.set',
  'answer.recorded',
  'rating.recorded',
  'case.published',
  'settings.changed',
  'org.created',
  'org.renamed',
  'org.moved',
  'member.added',
  'member.changed',
  'member.password_reset',
  'member.unlocked',
  'department.created',
  'department.renamed',
  'department.merged',
  'department.deleted',
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
  'opinion.submitted',
  'opinion.edited',
  'opinion.handled',
  'opinion.instruction_recorded',
  'bulletin.compiled',
  'duty.weights_changed',
  'document.exported',
  'auth.signed_in',
  'auth.refused',
  'auth.slowed',
  'setup.done',
] as const;
export type AuditAction = (typeof AuditActions)[number];

export const AuditSubjectTypes = [
  'topic',
  'meeting',
  'user',
  'org',
  'case',
  'department',
  'proposal',
  'opinion',
  'bulletin',
] as const;
export type AuditSubjectType = (typeof AuditSubjectTypes)[number];

/**
 * One entry of an organisation's log (or of the installation's, for what concerns no organisation).
 * `hash` is SHA-256 over the entry's fields and `prevHash`, the hash of the entry before it.
 */
export interface AuditEntry {
  /** 1, 2, 3 … within its log. */
  seq: number;
  at: string;
  /** Who acted; null when the server did (a sign-in refused for an unknown name has no actor). */
  actor: PersonRef | null;
  action: AuditAction;
  subject: { type: AuditSubjectType; id: string } | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const dateTime = z.iso.datetime({ offset: true });

/** `GET …/audit`: filters, then pages from the newest entry back (`before` is the `next` of the last page). */
export const auditQuery = z.strictObject({
  actor: idSchema.optional(),
  action: z.enum(AuditActions).optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/**
 * The names of what a page's entries refer to by id (actors, subjects and the people, topics and
 * meetings in their details), so that a reader names them without loading whole lists. An id that
 * is not there names nothing the log's organisation still has.
 */
export interface AuditNames {
  people: Record<string, string>;
  topics: Record<string, string>;
  meetings: Record<string, string>;
}

export interface AuditPage {
  entries: AuditEntry[];
  names: AuditNames;
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: number | null;
}

/** `GET …/audit/verify`: the chain recomputed from the first entry. */
export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number };
