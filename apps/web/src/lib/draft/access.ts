/**
 * Who may do what with a topic's outcome draft, mirrored from the server's rules (docs/design.md) so
 * that the editor is read-only exactly when the server would discard what it sends.
 */
import type { Stage, TopicDetail } from '@yishi/protocol';

/** The stages in which the draft exists (before preparation the server refuses it). */
const DRAFT_STAGES: readonly Stage[] = ['preparation', 'consultation', 'drafting', 'delivered', 'feedback', 'closed'];
/** The stages in which participants, the chair and the secretariat write it. */
const WRITING_STAGES: readonly Stage[] = ['consultation', 'drafting'];
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

type TopicFacts = Pick<TopicDetail, 'stage' | 'participants' | 'permissions'>;

export function draftAccess(topic: TopicFacts, userId: string | undefined): DraftAccess {
  const visible = DRAFT_STAGES.includes(topic.stage);
  // `setOutcome` is the chair's and the secretariat's, in consultation and drafting: the same people
  // and stages as their pen on the draft.
  const runs = topic.permissions.setOutcome;
  const participant = userId !== undefined && topic.participants.some((p) => p.userId === userId);
  const writable = visible && WRITING_STAGES.includes(topic.stage) && (participant || runs);
  return {
    visible,
    writable,
    readOnlyReason: writable ? null : FROZEN_STAGES.includes(topic.stage) ? 'frozen' : 'notAllowed',
    mayNameVersions: visible && runs,
  };
}
