import type { Stage } from '@yishi/procedure';
import type { Notification, PollResultEvent, PollView, PresenceView, QueueView } from '@yishi/protocol';
import type { Logger } from '../logger.js';
import type { TopicRow } from '../store/topics.repo.js';

/** Why a session ended while its sockets may still be open. */
export type SessionEndReason = 'logout' | 'deactivated' | 'password_reset';

/**
 * Everything the server tells itself, after the change it reports is stored. Services emit; the
 * live layers (Socket.IO, /yjs) and other services listen.
 */
export interface EventMap {
  /** A topic's facts changed (its stage, a gate's facts): watchers refresh, open documents re-check who may write. */
  'topic.changed': { topicId: string };
  /** A topic moved to another stage: the people concerned are notified. */
  'topic.stageChanged': { topic: TopicRow; from: Stage; to: Stage; actorId: string };
  /** A meeting's queue has a new version. */
  'queue.changed': QueueView;
  /** A poll of a meeting was asked, opened, voted in or closed. */
  'poll.changed': PollView;
  /** A poll of a meeting closed, with its result. */
  'poll.closed': PollResultEvent;
  /** Someone came into a meeting's room or left it. */
  'presence.changed': PresenceView;
  /** A notification was stored for someone. */
  'notification.created': { userId: string; notification: Notification };
  /** Sessions ended (sign-out, deactivation, password reset): their live connections must close. */
  'session.ended': { sessionIds: string[]; reason: SessionEndReason };
  /** Someone's role, membership or account changed: what their open connections may do is decided again. */
  'membership.changed': { userId: string };
}

export type EventName = keyof EventMap;

/**
 * The events that every node must hear, because each node holds connections of its own that they
 * concern (a Yjs connection's write access, a session's sockets). The others are handled where they
 * happen: what they send to browsers crosses nodes through Socket.IO's adapter.
 */
export const CLUSTER_EVENTS = [
  'topic.changed',
  'session.ended',
  'membership.changed',
] as const satisfies readonly EventName[];
export type ClusterEventName = (typeof CLUSTER_EVENTS)[number];

/** Where an event came from: this node, or another one through the cluster link. */
export interface EventSource {
  node: string;
  local: boolean;
}

type Handler<K extends EventName> = (payload: EventMap[K], source: EventSource) => void | Promise<void>;

/** How cluster events travel between nodes (Redis pub/sub); absent on a single node. */
export interface ClusterLink {
  publish(message: ClusterMessage): Promise<void>;
  /** Delivers messages published by any node, this one included. */
  subscribe(deliver: (message: ClusterMessage) => void): Promise<void>;
}

export interface ClusterMessage {
  node: string;
  event: ClusterEventName;
  payload: EventMap[ClusterEventName];
}

const isClusterEvent = (event: EventName): event is ClusterEventName =>
  (CLUSTER_EVENTS as readonly EventName[]).includes(event);

/**
 * One typed event bus per node. `emit` runs this node's handlers (and resolves once they are done,
 * so that a response can follow its notifications); a cluster event is also published to the other
 * nodes, whose handlers see `source.local === false`.
 */
export class EventBus {
  private readonly handlers = new Map<EventName, Set<Handler<never>>>();
  private link: ClusterLink | undefined;

  constructor(
    readonly node: string,
    private readonly logger: Logger,
  ) {}

  /** Joins the cluster: from now on cluster events are published to, and received from, other nodes. */
  async connect(link: ClusterLink): Promise<void> {
    await link.subscribe((message) => {
      if (message.node === this.node || !isClusterEvent(message.event)) return;
      void this.dispatch(message.event, message.payload, { node: message.node, local: false });
    });
    this.link = link;
  }

  on<K extends EventName>(event: K, handler: Handler<K>): () => void {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  async emit<K extends EventName>(event: K, payload: EventMap[K]): Promise<void> {
    const published =
      this.link && isClusterEvent(event)
        ? this.link
            .publish({ node: this.node, event, payload: payload as EventMap[ClusterEventName] })
            .catch((err: unknown) => this.logger.error({ err, event }, 'cluster event not published'))
        : undefined;
    await this.dispatch(event, payload, { node: this.node, local: true });
    await published;
  }

  private async dispatch<K extends EventName>(event: K, payload: EventMap[K], source: EventSource): Promise<void> {
    const handlers = [...(this.handlers.get(event) ?? [])] as Handler<K>[];
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler(payload, source);
        } catch (err) {
          this.logger.error({ err, event }, 'event handler failed');
        }
      }),
    );
  }
}
