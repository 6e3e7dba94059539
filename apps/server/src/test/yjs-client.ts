import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

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

type Content = ConstructorParameters<typeof Y.Item>[7];

/** Where a hand-made item goes: its neighbours when it was inserted, or its parent. */
export interface HandMadePlace {
  origin?: Y.ID;
  rightOrigin?: Y.ID;
  parent?: Y.ID | string;
}

/** An item to write by hand, at a client and clock. */
export function handItem(client: number, clock: number, content: Content, place: HandMadePlace = {}): Y.Item {
  const { origin = null, rightOrigin = null, parent = null } = place;
  return new Y.Item(Y.createID(client, clock), null, origin, null, rightOrigin, parent as never, null, content);
}

/**
 * An update written by hand, as no Yjs client would: sections of a client's items (a client may be
 * given twice), and deletions as `[client, clock, length]`.
 */
export function handMadeUpdate(
  sections: { client: number; clock: number; items: Y.Item[] }[],
  deletions: [number, number, number][] = [],
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, sections.length);
  for (const { client, clock, items } of sections) {
    encoding.writeVarUint(encoder.restEncoder, items.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, clock);
    for (const item of items) item.write(encoder, 0);
  }
  const byClient = new Map<number, [number, number][]>();
  for (const [client, clock, len] of deletions) byClient.set(client, [...(byClient.get(client) ?? []), [clock, len]]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [clock, len] of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}

/**
 * An update of one item, written by hand as no Yjs client would: `origin` and `rightOrigin` (its
 * left and right neighbours when it was inserted) may sit anywhere, or the item may name a parent.
 */
export function handMadeItem(
  id: { client: number; clock: number },
  content: Content,
  place: HandMadePlace,
): Uint8Array {
  return handMadeUpdate([
    { client: id.client, clock: id.clock, items: [handItem(id.client, id.clock, content, place)] },
  ]);
}

/**
 * A raw y-websocket connection that sends frames as they are. `handled()` sends a sync step 1 and
 * resolves at its answer: a connection's messages are handled in order, so everything sent before
 * was handled by then. Resolves with the close code if the server closed the connection instead.
 */
export class RawWriter {
  private readonly ws: WebSocket;
  private readonly opened: Promise<void>;
  private waiting: ((closed?: number) => void)[] = [];
  closed: number | undefined;

  constructor(wsUrl: string, docName: string, cookie: string) {
    this.ws = new WebSocket(`${wsUrl}/yjs/${docName}`, { headers: { cookie } });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      if (decoding.readVarUint(decoder) === 1) this.waiting.shift()?.();
    });
    this.ws.on('close', (code) => {
      this.closed = code;
      for (const resolve of this.waiting.splice(0)) resolve(code);
    });
  }

  async update(update: Uint8Array): Promise<void> {
    await this.opened;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  terminate(): void {
    this.ws.terminate();
  }

  async awareness(update: Uint8Array): Promise<void> {
    await this.opened;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, update);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  async handled(): Promise<number | undefined> {
    await this.opened;
    if (this.closed !== undefined) return this.closed;
    const answered = new Promise<number | undefined>((resolve) => this.waiting.push(resolve));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
    this.ws.send(encoding.toUint8Array(encoder));
    return answered;
  }
}
