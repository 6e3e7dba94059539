import { allows, stagesOf } from '@yishi/procedure';
import type { Actor } from '../auth/policy.js';
import { DomainError } from '../errors.js';
import type { TopicAccessLoader } from '../services/topic-access.js';
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

/**
 * Who may open a document and who may write it, from the capability table of `@yishi/procedure`
 * (docs/design.md): the agenda is edited by the chair and secretariat in preparation and
 * consultation (`editAgenda`) until its meeting ends, read otherwise; the draft is written by
 * participants, the chair and the secretariat in consultation and drafting (`writeDraft`), read by
 * anyone who may see the topic from preparation on (`readDraft`), and does not exist before.
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
      const canWrite = meeting.status !== 'ended' && allows('editAgenda', topic.roles, topic.topic.stage);
      return { topicId: meeting.topicId, canWrite };
    }
    const topic = await this.access.load(actor, ref.topicId);
    if (!allows('readDraft', topic.roles, topic.topic.stage)) {
      throw new DomainError('FORBIDDEN', `The topic has no draft while it is ${topic.topic.stage}`);
    }
    return { topicId: ref.topicId, canWrite: allows('writeDraft', topic.roles, topic.topic.stage) };
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
    return stage !== undefined && stagesOf('writeDraft').includes(stage);
  }
  const meeting = await tx.meetings.statusForWrite(ref.meetingId);
  return meeting !== undefined && meeting.status !== 'ended' && stagesOf('editAgenda').includes(meeting.stage);
}
