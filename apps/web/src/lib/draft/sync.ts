/**
 * Reading the y-websocket sync messages a server sends, to learn what it holds: its state vector
 * (sync step 1) and its delete set (inside sync step 2). With both, a client can tell whether the
 * server already has everything in its own copy, or whether some of it (edits made offline, say)
 * was never accepted.
 */
import * as Y from 'yjs';

/** The sub-types of a y-websocket sync message (y-protocols/sync). */
export type SyncMessageType = 'step1' | 'step2' | 'update';

const SYNC_TYPES: readonly SyncMessageType[] = ['step1', 'step2', 'update'];

export interface SyncMessage {
  type: SyncMessageType;
  /** Step 1: an encoded state vector; step 2 and update: an encoded update (v1). */
  payload: Uint8Array;
}

/** A lib0 variable-length unsigned integer at `pos`: its value and where the next field starts. */
export function readVarUint(bytes: Uint8Array, pos: number): { value: number; next: number } | null {
  let value = 0;
  let shift = 0;
  for (let i = pos; i < bytes.length; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return { value, next: i + 1 };
    shift += 7;
    if (shift > 49) return null;
  }
  return null;
}

/**
 * A sync message's body: what follows the message type `0` (sync) of a y-websocket message, i.e.
 * the sync sub-type and its length-prefixed payload. `null` for anything else or a cut message.
 */
export function parseSyncMessage(body: Uint8Array): SyncMessage | null {
  const kind = readVarUint(body, 0);
  if (!kind) return null;
  const type = SYNC_TYPES[kind.value];
  if (!type) return null;
  const length = readVarUint(body, kind.next);
  if (!length || length.next + length.value > body.length) return null;
  return { type, payload: body.subarray(length.next, length.next + length.value) };
}

/**
 * Whether a server whose state vector is `serverStateVector` (its sync step 1) and whose delete set
 * is the one in `serverStep2` (its answer to our sync step 1, which always carries the whole delete
 * set) already holds everything in `local` (an update of the client's whole copy): every item, and
 * every deletion. When it does not, the rest is what the client has that the server never accepted.
 */
export function serverHasAll(serverStateVector: Uint8Array, serverStep2: Uint8Array, local: Uint8Array): boolean {
  const snapshot = Y.createSnapshot(Y.decodeUpdate(serverStep2).ds, Y.decodeStateVector(serverStateVector));
  return Y.snapshotContainsUpdate(snapshot, local);
}
