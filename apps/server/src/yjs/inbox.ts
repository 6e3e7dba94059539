import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_SYNC, type YjsConnection } from './wire.js';

/** A message as it came from a connection, waiting its turn. */
export interface InboxItem {
  conn: YjsConnection;
  message: Uint8Array;
}

/** An update sent by a connection that may write. */
export interface WriterUpdate {
  conn: YjsConnection;
  update: Uint8Array;
}

/** How many waiting updates at most share one transaction. */
export const MAX_BATCH = 200;

/** The update a message carries, when it is a sync step 2 or an update; undefined otherwise or when cut. */
function updateOf(message: Uint8Array): Uint8Array | undefined {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return undefined;
    const type = decoding.readVarUint(decoder);
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) return undefined;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return undefined;
  }
}

/**
 * Takes from the front of the inbox the run of updates sent by connections that may write, up to
 * `max`; stops at the first other message, which must wait for them (a connection's messages are
 * handled in order).
 */
export function takeUpdates(inbox: InboxItem[], max: number): WriterUpdate[] {
  const taken: WriterUpdate[] = [];
  while (taken.length < max && inbox.length > 0) {
    const { conn, message } = inbox[0]!;
    const update = conn.canWrite ? updateOf(message) : undefined;
    if (!update) break;
    taken.push({ conn, update });
    inbox.shift();
  }
  return taken;
}

/**
 * The origin of a connection's update while it is integrated into the live document: what the
 * document actually integrates is captured (not sent), stored, and only then sent and published.
 */
export class Integration {
  readonly captured: Uint8Array[] = [];
  constructor(readonly conn: YjsConnection) {}
}
