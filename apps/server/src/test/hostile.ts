import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';

/**
 * Hostile clients for the fuzz test: they speak the wire protocols (engine.io/socket.io v4, and
 * y-websocket) frame by frame, send whatever a seeded generator makes, and open a new connection
 * whenever the server closes theirs.
 */

export type Rand = () => number;

export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const int = (rand: Rand, max: number) => Math.floor(rand() * max);

/** Flips, cuts, repeats or pads a frame: what a broken or malicious client sends. */
export function mutate(rand: Rand, frame: Uint8Array): Uint8Array {
  const bytes = frame.slice();
  switch (int(rand, 5)) {
    case 0:
      for (let i = 0, n = 1 + int(rand, 4); i < n && bytes.length > 0; i++) {
        const at = int(rand, bytes.length);
        bytes[at] = bytes[at]! ^ (1 << int(rand, 8));
      }
      return bytes;
    case 1:
      return bytes.slice(0, int(rand, bytes.length + 1));
    case 2:
      return Uint8Array.from([...bytes, ...randomBytes(rand, 1 + int(rand, 64))]);
    case 3:
      return Uint8Array.from([...bytes.slice(0, 2), ...bytes]);
    default:
      return randomBytes(rand, int(rand, 200));
  }
}

export function randomBytes(rand: Rand, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => int(rand, 256));
}

/** A value of any JSON shape, sometimes huge or deeply nested. */
export function junk(rand: Rand, depth = 0): unknown {
  switch (int(rand, depth > 3 ? 5 : 9)) {
    case 0:
      return null;
    case 1:
      return int(rand, 2) === 0 ? -1 : 2 ** (int(rand, 70) - 10);
    case 2:
      return pick(rand, ['', '协商', '\u0000', '__proto__', 'x'.repeat(int(rand, 20_000)), '\ud800']);
    case 3:
      return rand() < 0.5;
    case 4:
      return 'd'.repeat(int(rand, 30));
    case 5:
      return Array.from({ length: int(rand, 5) }, () => junk(rand, depth + 1));
    case 6: {
      let nested: unknown = 1;
      for (let i = 0, n = int(rand, 300); i < n; i++) nested = [nested];
      return nested;
    }
    default:
      return Object.fromEntries(
        Array.from({ length: int(rand, 5) }, () => [
          pick(rand, ['meetingId', 'entryId', 'kind', 'seconds', 'index', 'commandId', 'topicId', '__proto__', 'a']),
          junk(rand, depth + 1),
        ]),
      );
  }
}

const EVENTS = [
  'topic:watch',
  'topic:unwatch',
  'meeting:join',
  'meeting:leave',
  'time:sync',
  'queue:snapshot',
  'queue:raise',
  'queue:withdraw',
  'queue:grant',
  'queue:next',
  'queue:move',
  'queue:remove',
  'queue:finish',
  'queue:pause',
  'queue:resume',
  'queue:extend',
  'no:such',
  'constructor',
  '__proto__',
] as const;

/** A socket.io event frame (engine.io message `4`, socket.io EVENT `2`), valid or not. */
export function socketFrame(rand: Rand, known: { meetingId: string; topicId: string }): string {
  const event = pick(rand, EVENTS);
  const payload =
    rand() < 0.4
      ? {
          meetingId: known.meetingId,
          topicId: known.topicId,
          kind: pick(rand, ['speech', 'reply', 'question', 'answer', 'x']),
        }
      : junk(rand);
  const ack = rand() < 0.7 ? String(int(rand, 1_000_000)) : '';
  const frame = `42${ack}${JSON.stringify([event, payload])}`;
  if (rand() < 0.7) return frame;
  const bytes = mutate(rand, new TextEncoder().encode(frame));
  return pick(rand, [
    new TextDecoder().decode(bytes),
    `451-${JSON.stringify([event, { _placeholder: true, num: 0 }])}`,
  ]);
}

/** A y-websocket frame: updates made by a local writer, awareness, sync, or any of them mutated. */
export class YjsFrames {
  private doc = new Y.Doc();
  private awareness = new awarenessProtocol.Awareness(this.doc);

  constructor(private readonly rand: Rand) {}

  /**
   * Starts again from the server's copy (after a reconnection), so that the writer's next edits
   * build on what the server holds and are integrated, rather than all refused as out of sync.
   */
  resync(serverState: Uint8Array): void {
    this.awareness.destroy();
    this.doc.destroy();
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, serverState);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
  }

  /** On a new connection: asks for the server's whole copy and starts from it. */
  readonly onOpen = (ws: WebSocket): Promise<void> =>
    new Promise<void>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const decoder = decoding.createDecoder(new Uint8Array(data as Buffer));
        if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return;
        ws.off('message', onMessage);
        this.resync(decoding.readVarUint8Array(decoder));
        resolve();
      };
      ws.on('message', onMessage);
      ws.once('close', () => resolve());
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
      ws.send(encoding.toUint8Array(encoder));
    });

  next(): Uint8Array {
    const rand = this.rand;
    const kind = int(rand, 6);
    const frame =
      kind <= 1 ? this.update() : kind === 2 ? this.awarenessFrame() : kind === 3 ? this.syncStep1() : this.other();
    return rand() < 0.5 ? frame : mutate(rand, frame);
  }

  private update(): Uint8Array {
    const rand = this.rand;
    const updates: Uint8Array[] = [];
    const capture = (u: Uint8Array) => updates.push(u);
    this.doc.on('update', capture);
    const body = this.doc.getXmlFragment('body');
    if (body.length > 0 && rand() < 0.3) body.delete(int(rand, body.length), 1);
    else {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`攻${int(rand, 1000)}`)]);
      body.insert(int(rand, body.length + 1), [p]);
    }
    if (rand() < 0.2) this.doc.getMap(pick(rand, ['meta', 'x'])).set('k', junk(rand, 3));
    this.doc.off('update', capture);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    return encoding.toUint8Array(encoder);
  }

  private awarenessFrame(): Uint8Array {
    const rand = this.rand;
    this.awareness.setLocalState({ user: junk(rand, 2), cursor: junk(rand, 3) });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    return encoding.toUint8Array(encoder);
  }

  private syncStep1(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc));
    return encoding.toUint8Array(encoder);
  }

  private other(): Uint8Array {
    const rand = this.rand;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, pick(rand, [3, 4, 99, 2 ** 20]));
    encoding.writeVarUint8Array(encoder, randomBytes(rand, int(rand, 50)));
    return encoding.toUint8Array(encoder);
  }
}

/**
 * A raw connection that is opened again whenever the server closes it. `send` does not wait for
 * anything; `roundTrip` sends `probe` and resolves at the next message from the server (or the close
 * that comes instead), so that the sender never runs far ahead of the server.
 */
export class Reconnecting {
  private ws!: WebSocket;
  private opened!: Promise<void>;
  private answered: ((data: WebSocket.RawData | undefined) => void) | undefined;
  closes = 0;

  constructor(
    private readonly url: string,
    private readonly cookie: string,
    private readonly onOpen: (ws: WebSocket) => Promise<void> = () => Promise.resolve(),
    private readonly onMessage: (ws: WebSocket, data: WebSocket.RawData) => void = () => undefined,
  ) {
    this.open();
  }

  private open(): void {
    const ws = new WebSocket(this.url, { headers: { cookie: this.cookie } });
    this.ws = ws;
    this.opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => void this.onOpen(ws).then(resolve, reject));
      ws.once('error', reject);
    }).catch(() => undefined);
    ws.on('message', (data) => {
      this.onMessage(ws, data);
      const answered = this.answered;
      this.answered = undefined;
      answered?.(data);
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      this.closes++;
      const answered = this.answered;
      this.answered = undefined;
      answered?.(undefined);
      if (!this.stopped) this.open();
    });
  }

  private stopped = false;

  async send(frame: string | Uint8Array): Promise<void> {
    await this.opened;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  async roundTrip(probe: string | Uint8Array): Promise<void> {
    await this.opened;
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const done = new Promise<void>((resolve) => (this.answered = () => resolve()));
    this.ws.send(probe);
    await done;
  }

  stop(): void {
    this.stopped = true;
    this.ws.terminate();
  }
}
