import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Who sends an awareness update, as the server knows them. */
export interface AwarenessSender {
  userId: string;
  displayName: string;
  canWrite: boolean;
  /** Whether another open connection announced this awareness client id. */
  heldByOther(clientId: number): boolean;
}

/**
 * An awareness update as the server relays it: states for client ids that another connection holds
 * are dropped (nobody can move or erase someone else's caret), and a state's `user` always names the
 * sender as the server knows them — not as the sender says — and is `editing` only when the sender
 * may write. Throws on a malformed update. Undefined when nothing is left.
 */
export function sanitizeAwareness(update: Uint8Array, sender: AwarenessSender): Uint8Array | undefined {
  const decoder = decoding.createDecoder(update);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = JSON.parse(decoding.readVarString(decoder)) as unknown;
    if (sender.heldByOther(clientId)) continue;
    entries.push({ clientId, clock, state: JSON.stringify(stamped(state, sender)) });
  }
  if (entries.length === 0) return undefined;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

function stamped(state: unknown, sender: AwarenessSender): unknown {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return state;
  const { user } = state as { user?: unknown };
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return state;
  const editing = sender.canWrite && (user as { editing?: unknown }).editing === true;
  return { ...state, user: { ...user, id: sender.userId, name: sender.displayName, editing } };
}
