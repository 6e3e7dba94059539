import type { Stage } from '@yishi/procedure';
import type { TopicRow } from '../store/topics.repo.js';

type Listener = (topicId: string) => void;
type StageListener = (change: { topic: TopicRow; from: Stage; to: Stage; actorId: string }) => Promise<void>;

/**
 * Tells the live layers that a topic changed (a stage, a gate's facts), so that everyone who has it
 * open refreshes, and who needs telling about a stage change gets a notification. Services publish
 * after their change is stored.
 */
export class TopicFeed {
  private readonly listeners = new Set<Listener>();
  private readonly stageListeners = new Set<StageListener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStage(listener: StageListener): void {
    this.stageListeners.add(listener);
  }

  changed(topicId: string): void {
    for (const listener of this.listeners) listener(topicId);
  }

  /** Resolves once every listener has handled the change, so that a response follows its notifications. */
  async stageChanged(change: Parameters<StageListener>[0]): Promise<void> {
    await Promise.all([...this.stageListeners].map((listener) => listener(change)));
    this.changed(change.topic.id);
  }
}
