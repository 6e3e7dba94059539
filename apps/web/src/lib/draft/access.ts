/**
 * Who may do what with a topic's outcome draft, as the server says in the topic's permissions (from
 * the capability table of `@yishi/procedure`), so that the editor is read-only exactly when the
 * server would discard what it sends.
 */
import type { Stage, TopicDetail } from '@yishi/protocol';

/** From delivery on, the draft is the frozen final version. */
const FROZEN_STAGES: readonly Stage[] = ['delivered', 'feedback', 'closed'];

export interface DraftAccess {
  /** The draft exists and may be read. */
  visible: boolean;
  writable: boolean;
  /** Why it is read-only: frozen after delivery, or not (yet) this person's to write. */
  readOnlyReason: 'frozen' | 'notAllowed' | null;
  /** May save named versions (the chair and the secretariat, while it is being written). */
  mayNameVersions: boolean;
}

type TopicFacts = Pick<TopicDetail, 'stage' | 'permissions'>;

export function draftAccess(topic: TopicFacts): DraftAccess {
  const { readDraft, writeDraft, nameDraftVersion } = topic.permissions;
  return {
    visible: readDraft,
    writable: writeDraft,
    readOnlyReason: writeDraft ? null : FROZEN_STAGES.includes(topic.stage) ? 'frozen' : 'notAllowed',
    mayNameVersions: nameDraftVersion,
  };
}
