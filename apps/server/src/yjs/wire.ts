import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';

/** The y-websocket protocol's message types. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/** One connection to a document: who it is, and whether its updates are accepted. */
export interface YjsConnection {
  ws: WebSocket;
  userId: string;
  /** The name the server knows the user by: what their awareness states show. */
  displayName: string;
  sessionId: string;
  topicId: string;
  canWrite: boolean;
  /** Awareness client ids this connection announced, cleared when it drops. */
  awarenessIds: Set<number>;
}

/** Sends a message if the connection is still open; a connection that cannot take it is cut. */
export function send(conn: YjsConnection, message: Uint8Array): void {
  if (conn.ws.readyState !== conn.ws.OPEN) return;
  conn.ws.send(message, (err) => {
    if (err) conn.ws.terminate();
  });
}

/** An awareness message with the states of `clients`. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** A sync message carrying one update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
