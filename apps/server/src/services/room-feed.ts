import type { PresenceView, QueueView } from '@yishi/protocol';

type QueueListener = (view: QueueView) => void;
type PresenceListener = (view: PresenceView) => void;

/** Carries a meeting's queue and presence, after each stored change, to the live layer that broadcasts them. */
export class RoomFeed {
  private readonly queueListeners = new Set<QueueListener>();
  private readonly presenceListeners = new Set<PresenceListener>();

  onQueue(listener: QueueListener): void {
    this.queueListeners.add(listener);
  }

  onPresence(listener: PresenceListener): void {
    this.presenceListeners.add(listener);
  }

  queue(view: QueueView): void {
    for (const listener of this.queueListeners) listener(view);
  }

  presence(view: PresenceView): void {
    for (const listener of this.presenceListeners) listener(view);
  }
}
