/** Why a session ended while its sockets may still be open. */
export type SessionEndReason = 'logout' | 'deactivated' | 'password_reset';

type Listener = (sessionIds: readonly string[], reason: SessionEndReason) => void;

/**
 * Tells the live layers (Socket.IO, /yjs) that sessions ended, so that they close the connections
 * those sessions opened. Services call `ended`; transports subscribe.
 */
export class SessionHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(sessionIds: readonly string[], reason: SessionEndReason): void {
    if (sessionIds.length === 0) return;
    for (const listener of this.listeners) listener(sessionIds, reason);
  }
}
