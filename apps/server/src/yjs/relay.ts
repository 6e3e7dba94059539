/** What one node tells the others about a document it serves: an update with its stored number, or awareness. */
export type RelayMessage = { kind: 'update'; seq: number; data: Uint8Array } | { kind: 'awareness'; data: Uint8Array };

/**
 * How a document's updates and awareness reach the nodes that have it loaded too. An update is
 * published only after it is stored, so a node that subscribes before it loads a document misses
 * nothing: what was stored before its load is in the store, what is stored after reaches it here.
 */
export interface YjsRelay {
  /** Starts receiving what other nodes publish for the document; resolves once subscribed. */
  subscribe(docName: string, receive: (message: RelayMessage) => void): Promise<void>;
  unsubscribe(docName: string): Promise<void>;
  publish(docName: string, message: RelayMessage): Promise<void>;
}

/** One node: nobody to relay to. */
export const noRelay: YjsRelay = {
  subscribe: () => Promise.resolve(),
  unsubscribe: () => Promise.resolve(),
  publish: () => Promise.resolve(),
};
