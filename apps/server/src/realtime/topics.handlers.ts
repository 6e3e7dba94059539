import { topicWatchPayload } from '@yishi/protocol';
import type { Logger } from '../logger.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { TopicAccessLoader } from '../services/topic-access.js';
import type { EventBus } from '../events/bus.js';
import { handler } from './handler.js';
import type { YishiIo } from './io.js';

const topicRoom = (topicId: string) => `topic:${topicId}`;

/** `topic:watch` / `topic:unwatch`, and `topic:changed` to the watchers after every stored change. */
export function registerTopicHandlers(
  io: YishiIo,
  deps: { accounts: AccountsService; access: TopicAccessLoader; events: EventBus; logger: Logger },
): void {
  // Sent by the node where the change happened; the adapter carries it to the other nodes' watchers.
  deps.events.on('topic.changed', ({ topicId }, source) => {
    if (source.local) io.to(topicRoom(topicId)).emit('topic:changed', { topicId });
  });
  io.on('connection', (socket) => {
    socket.on(
      'topic:watch',
      handler(topicWatchPayload, deps.logger, async ({ topicId }) => {
        const actor = await deps.accounts.actorFor(socket.data.session.user);
        await deps.access.load(actor, topicId);
        await socket.join(topicRoom(topicId));
        return {};
      }),
    );
    socket.on(
      'topic:unwatch',
      handler(topicWatchPayload, deps.logger, async ({ topicId }) => {
        await socket.leave(topicRoom(topicId));
        return {};
      }),
    );
  });
}
