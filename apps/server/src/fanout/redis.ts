import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient, type RedisClientType } from 'redis';
import { z } from 'zod';
import { QueueRoles } from '@yishi/queue';
import type { ClusterLink, ClusterMessage } from '../events/bus.js';
import { readJson } from '../store/stored.js';
import { redisLoginLimiter } from '../auth/rate-limit.js';
import type { Logger } from '../logger.js';
import type { PresenceBackend, PresenceEntry } from '../services/presence.js';
import type { RelayMessage, YjsRelay } from '../yjs/relay.js';
import type { Fanout } from './fanout.js';

/** How long a meeting's presence is kept after its last change. */
const PRESENCE_KEEP_MS = 24 * 3600 * 1000;

/**
 * Several nodes through one Redis (docs/architecture.md), every key and channel under `prefix` so that two
 * installations can share a Redis: Socket.IO's streams adapter (which keeps connection-state
 * recovery across nodes), the event bus's cluster channel, presence, the login limiter and the Yjs
 * relay. One connection publishes and reads; one more listens to the channels.
 */
export async function openRedisFanout(
  options: { url: string; prefix: string; node: string },
  logger: Logger,
): Promise<Fanout> {
  const { prefix, node } = options;
  const client: RedisClientType = createClient({ url: options.url });
  client.on('error', (err: unknown) => logger.error({ err }, 'redis connection error'));
  await client.connect();
  const subscriber = client.duplicate();
  subscriber.on('error', (err: unknown) => logger.error({ err }, 'redis subscriber error'));
  await subscriber.connect();

  return {
    kind: 'redis',
    node,
    link: eventLink(client, subscriber, `${prefix}:events`, logger),
    presence: new RedisPresenceBackend(client, prefix, logger),
    loginLimiter: redisLoginLimiter(client, prefix),
    socketAdapter: createAdapter(quietSubscriptions(client, logger), {
      streamName: `${prefix}:socket.io`,
      channelPrefix: `${prefix}:socket.io`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
    }),
    yjs: new RedisYjsRelay(client, subscriber, prefix, node, logger),
    async ping() {
      await client.ping();
    },
    async close() {
      await Promise.allSettled([subscriber.close(), client.close()]);
    },
  };
}

/**
 * The streams adapter subscribes on a duplicate of the client it is given and does not wait for the
 * answer; a node that stops right after it starts (a test, a failed start) would then crash on the
 * unhandled rejection of that subscription. Its duplicates log such a failure instead.
 */
function quietSubscriptions(client: RedisClientType, logger: Logger): RedisClientType {
  const duplicate = client.duplicate.bind(client);
  return Object.assign(client, {
    duplicate: (...args: Parameters<RedisClientType['duplicate']>) => {
      const sub = duplicate(...args);
      const subscribe = sub.subscribe.bind(sub);
      return Object.assign(sub, {
        subscribe: (...a: Parameters<RedisClientType['subscribe']>) =>
          subscribe(...a).catch((err: unknown) => logger.debug({ err }, 'socket.io adapter subscription ended')),
      });
    },
  });
}

function eventLink(client: RedisClientType, subscriber: RedisClientType, channel: string, logger: Logger): ClusterLink {
  return {
    async publish(message) {
      await client.publish(channel, JSON.stringify(message));
    },
    async subscribe(deliver) {
      await subscriber.subscribe(channel, (raw) => {
        try {
          deliver(readJson(clusterMessage, raw, 'cluster event') as ClusterMessage);
        } catch (err) {
          logger.warn({ err, channel }, 'malformed cluster event ignored');
        }
      });
    },
  };
}

/**
 * What other nodes publish, checked as any input is: a node of another version, or anything else
 * on the channel, cannot hand the event bus a payload of the wrong shape.
 */
const clusterMessage = z.discriminatedUnion('event', [
  z.object({ node: z.string(), event: z.literal('topic.changed'), payload: z.object({ topicId: z.string() }) }),
  z.object({
    node: z.string(),
    event: z.literal('session.ended'),
    payload: z.object({
      sessionIds: z.array(z.string()),
      reason: z.enum(['logout', 'deactivated', 'password_reset']),
    }),
  }),
  z.object({ node: z.string(), event: z.literal('membership.changed'), payload: z.object({ userId: z.string() }) }),
]) satisfies z.ZodType<ClusterMessage>;

/** A presence entry as the nodes keep it in Redis (`PresenceEntry`). */
const presenceEntry = z.object({
  info: z.object({
    userId: z.string(),
    displayName: z.string(),
    role: z.enum(QueueRoles),
    sector: z.string().nullable(),
  }),
  sockets: z.number().int().min(0),
  since: z.number(),
  leftAt: z.number().nullable(),
  seenAt: z.number(),
}) satisfies z.ZodType<PresenceEntry>;

/** Presence entries in one hash per meeting, a field per node and person. */
class RedisPresenceBackend implements PresenceBackend {
  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async put(meetingId: string, node: string, entry: PresenceEntry): Promise<void> {
    const key = this.key(meetingId);
    await this.client
      .multi()
      .hSet(key, `${node}\u0000${entry.info.userId}`, JSON.stringify(entry))
      .pExpire(key, PRESENCE_KEEP_MS)
      .exec();
  }

  async all(meetingId: string): Promise<PresenceEntry[]> {
    const values = await this.client.hVals(this.key(meetingId));
    return values.flatMap((v) => {
      try {
        return [readJson(presenceEntry, v, `presence of meeting ${meetingId}`)];
      } catch (err) {
        this.logger.warn({ err, meetingId }, 'malformed presence entry ignored');
        return [];
      }
    });
  }

  private key(meetingId: string): string {
    return `${this.prefix}:presence:${meetingId}`;
  }
}

/**
 * A channel per document. A message is the publishing node's name (its length in one byte, then
 * UTF-8), the update's stored number (six bytes; 0 for awareness, whose states carry their own
 * clocks) and the Yjs bytes; a node ignores what it published itself.
 */
class RedisYjsRelay implements YjsRelay {
  private readonly own: Buffer;

  constructor(
    private readonly client: RedisClientType,
    private readonly subscriber: RedisClientType,
    private readonly prefix: string,
    node: string,
    private readonly logger: Logger,
  ) {
    this.own = Buffer.from(node, 'utf8');
    if (this.own.length > 255) throw new Error('NODE_NAME is longer than 255 bytes');
  }

  async subscribe(docName: string, receive: (message: RelayMessage) => void): Promise<void> {
    await this.subscriber.subscribe(
      this.channel(docName),
      (raw: Buffer) => {
        const nodeLength = raw[0] ?? 0;
        const header = 1 + nodeLength + 6;
        if (raw.length < header) {
          this.logger.warn({ doc: docName }, 'malformed yjs relay message ignored');
          return;
        }
        if (raw.subarray(1, 1 + nodeLength).equals(this.own)) return;
        const seq = raw.readUIntBE(1 + nodeLength, 6);
        const data = new Uint8Array(raw.subarray(header));
        receive(seq > 0 ? { kind: 'update', seq, data } : { kind: 'awareness', data });
      },
      true,
    );
  }

  async unsubscribe(docName: string): Promise<void> {
    await this.subscriber.unsubscribe(this.channel(docName));
  }

  async publish(docName: string, message: RelayMessage): Promise<void> {
    const seq = Buffer.alloc(6);
    seq.writeUIntBE(message.kind === 'update' ? message.seq : 0, 0, 6);
    const header = Buffer.from([this.own.length]);
    await this.client.publish(this.channel(docName), Buffer.concat([header, this.own, seq, message.data]));
  }

  private channel(docName: string): string {
    return `${this.prefix}:yjs:${docName}`;
  }
}
