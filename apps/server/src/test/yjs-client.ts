import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** A `ws` class that sends a cookie, as a browser would for a same-origin upgrade. */
export function wsWithCookie(cookie: string | undefined): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  } as unknown as typeof WebSocket;
}

/** The stock y-websocket provider in Node, signed in with a session cookie. */
export function provider(wsUrl: string, docName: string, cookie: string | undefined, doc = new Y.Doc()) {
  return new WebsocketProvider(`${wsUrl}/yjs`, docName, doc, {
    WebSocketPolyfill: wsWithCookie(cookie) as never,
    disableBc: true,
    maxBackoffTime: 200,
  });
}

export function synced(p: WebsocketProvider): Promise<void> {
  if (p.synced) return Promise.resolve();
  return new Promise((resolve) => p.once('sync', (isSynced: boolean) => isSynced && resolve()));
}

/** Resolves once `check` holds, re-checking after every update of any of the documents. */
export function until(docs: Y.Doc | Y.Doc[], check: () => boolean): Promise<void> {
  const all = Array.isArray(docs) ? docs : [docs];
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const onUpdate = () => {
      if (!check()) return;
      for (const doc of all) doc.off('update', onUpdate);
      resolve();
    };
    for (const doc of all) doc.on('update', onUpdate);
  });
}

/** The draft's text, paragraph by paragraph. */
export function draftText(doc: Y.Doc): string {
  return doc
    .getXmlFragment('body')
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => t.toString())
            .join('')
        : '',
    )
    .join('\n');
}

/** A draft paragraph holding `text`, as the editor makes one. */
export function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}
