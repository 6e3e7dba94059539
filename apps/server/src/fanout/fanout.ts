import type { ServerOptions } from 'socket.io';
import type { ClusterLink } from '../events/bus.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import { MemoryPresenceBackend, type PresenceBackend } from '../services/presence.js';
import { noRelay, type YjsRelay } from '../yjs/relay.js';
import { memoryLoginLimiter } from '../auth/rate-limit.js';

/**
 * How nodes share what is not in the store (docs/architecture.md): in-process on one node, Redis for
 * several. Each part is what one layer needs: the event bus's link, presence, the login limiter,
 * Socket.IO's adapter, and the Yjs relay.
 */
export interface Fanout {
  kind: 'local' | 'redis';
  /** This node's name, in health answers and on everything it publishes. */
  node: string;
  link: ClusterLink | undefined;
  presence: PresenceBackend;
  loginLimiter: LoginLimiter;
  socketAdapter: ServerOptions['adapter'] | undefined;
  yjs: YjsRelay;
  /** Throws when the shared part does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One node, nothing shared. */
export function localFanout(node: string): Fanout {
  return {
    kind: 'local',
    node,
    link: undefined,
    presence: new MemoryPresenceBackend(),
    loginLimiter: memoryLoginLimiter(),
    socketAdapter: undefined,
    yjs: noRelay,
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
