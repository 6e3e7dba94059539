type Listener = (topicId: string) => void;

/**
 * Tells the live layer that a topic changed (a stage, a gate's facts), so that everyone who has it
 * open refreshes. Services publish after their change is stored; the Socket.IO layer subscribes.
 */
export class TopicFeed {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(topicId: string): void {
    for (const listener of this.listeners) listener(topicId);
  }
}
