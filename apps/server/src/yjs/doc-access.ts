import type { Stage } from '@yishi/procedure';
import type { Actor } from '../auth/policy.js';
import { DomainError } from '../errors.js';
import { hasRole, type TopicAccess, type TopicAccessLoader } from '../services/topic-access.js';
import type { Repositories } from '../store/store.js';
import type { MeetingsRepository } from '../store/meetings.repo.js';

/** `agenda:<meetingId>` and `draft:<topicId>` (docs/protocol.md). */
const DOC_NAME = /^(agenda|draft):([A-Za-z0-9_-]{1,64})$/;

export type DocRef = { kind: 'agenda'; meetingId: string } | { kind: 'draft'; topicId: string };

export function parseDocName(name: string): DocRef | undefined {
  const match = DOC_NAME.exec(name);
  if (!match) return undefined;
  return match[1] === 'agenda' ? { kind: 'agenda', meetingId: match[2]! } : { kind: 'draft', topicId: match[2]! };
}

export interface DocGrant {
  topicId: string;
  canWrite: boolean;
}

const AGENDA_EDIT: readonly Stage[] = ['preparation', 'consultation'];
const DRAFT_EDIT: readonly Stage[] = ['consultation', 'drafting'];
const DRAFT_READ: readonly Stage[] = ['preparation', ...DRAFT_EDIT, 'delivered', 'feedback', 'closed'];

/**
 * Who may open a document and who may write it, from the role and the topic's stage (docs/design.md):
 * the agenda is edited by the chair and secretariat in preparation and consultation, read otherwise;
 * the draft is edited by participants (and the chair and secretariat, who hold the pen in drafting)
 * in consultation and drafting, read in preparation and from delivery on (frozen), and does not exist
 * before preparation. Anyone who may see the topic may read.
 */
export class DocAccess {
  constructor(
    private readonly access: TopicAccessLoader,
    private readonly meetings: MeetingsRepository,
  ) {}

  async grant(actor: Actor, ref: DocRef): Promise<DocGrant> {
    if (ref.kind === 'agenda') {
      const meeting = await this.meetings.find(ref.meetingId);
      if (!meeting) throw new DomainError('NOT_FOUND', 'No such meeting');
      const topic = await this.access.load(actor, meeting.topicId);
      const canWrite =
        meeting.status !== 'ended' && AGENDA_EDIT.includes(topic.topic.stage) && hasRole(topic, 'chair', 'secretariat');
      return { topicId: meeting.topicId, canWrite };
    }
    const topic = await this.access.load(actor, ref.topicId);
    if (!DRAFT_READ.includes(topic.topic.stage)) {
      throw new DomainError('FORBIDDEN', `The topic has no draft while it is ${topic.topic.stage}`);
    }
    return { topicId: ref.topicId, canWrite: draftWritable(topic) };
  }
}

/**
 * Whether a document may still be written by anyone, from the stage alone, read through `tx` (the
 * append's transaction, which holds the rows it read until it commits): the last check before an
 * update is stored.
 */
export async function stageAllowsWriting(docName: string, tx: Repositories): Promise<boolean> {
  const ref = parseDocName(docName);
  if (!ref) return false;
  if (ref.kind === 'draft') {
    const stage = await tx.topics.stageForWrite(ref.topicId);
    return stage !== undefined && DRAFT_EDIT.includes(stage);
  }
  const meeting = await tx.meetings.statusForWrite(ref.meetingId);
  return meeting !== undefined && meeting.status !== 'ended' && AGENDA_EDIT.includes(meeting.stage);
}

function draftWritable(topic: TopicAccess): boolean {
  return DRAFT_EDIT.includes(topic.topic.stage) && hasRole(topic, 'participant', 'chair', 'secretariat');
}
