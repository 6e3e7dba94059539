import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseSyncMessage, readVarUint, serverHasAll } from './sync';

/** lib0's variable-length unsigned integer. */
function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

const message = (type: number, payload: Uint8Array) =>
  new Uint8Array([...varUint(type), ...varUint(payload.length), ...payload]);

function paragraph(doc: Y.Doc, text: string): void {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('body').push([element]);
}

/** What a client learns from the server when it connects, and what it holds itself. */
function check(server: Y.Doc, client: Y.Doc): boolean {
  const step1 = Y.encodeStateVector(server);
  const step2 = Y.encodeStateAsUpdate(server, Y.encodeStateVector(client));
  return serverHasAll(step1, step2, Y.encodeStateAsUpdate(client));
}

function pair(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  paragraph(server, '建议设立应急转贷资金池。');
  paragraph(server, '推行一网通办。');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

describe('readVarUint', () => {
  it('reads one- and several-byte numbers', () => {
    expect(readVarUint(new Uint8Array([5]), 0)).toEqual({ value: 5, next: 1 });
    expect(readVarUint(new Uint8Array(varUint(300)), 0)).toEqual({ value: 300, next: 2 });
    expect(readVarUint(new Uint8Array([1, ...varUint(1_000_000)]), 1)).toEqual({ value: 1_000_000, next: 4 });
  });

  it('refuses a number cut short', () => {
    expect(readVarUint(new Uint8Array([0x80]), 0)).toBeNull();
    expect(readVarUint(new Uint8Array([]), 0)).toBeNull();
  });
});

describe('parseSyncMessage', () => {
  it('reads the sub-type and the payload, also a long one', () => {
    const payload = new Uint8Array(200).map((_, i) => i);
    const parsed = parseSyncMessage(message(1, payload));
    expect(parsed?.type).toBe('step2');
    expect([...parsed!.payload]).toEqual([...payload]);
    expect(parseSyncMessage(message(0, new Uint8Array([1, 2])))?.type).toBe('step1');
    expect(parseSyncMessage(message(2, new Uint8Array([9])))?.type).toBe('update');
  });

  it('refuses unknown sub-types and cut payloads', () => {
    expect(parseSyncMessage(message(3, new Uint8Array([1])))).toBeNull();
    expect(parseSyncMessage(message(1, new Uint8Array([1, 2, 3])).subarray(0, 3))).toBeNull();
  });
});

describe('serverHasAll', () => {
  it('is true for a copy of the server’s document', () => {
    const { server, client } = pair();
    expect(check(server, client)).toBe(true);
  });

  it('is true when the server has more than the client (others wrote meanwhile)', () => {
    const { server, client } = pair();
    paragraph(server, '另一位起草人的段落。');
    server.getXmlFragment('body').delete(0, 1);
    expect(check(server, client)).toBe(true);
  });

  it('is false when the client typed something the server does not have', () => {
    const { server, client } = pair();
    paragraph(client, '离线时写的段落。');
    expect(check(server, client)).toBe(false);
  });

  it('is false when the client only deleted something offline', () => {
    const { server, client } = pair();
    client.getXmlFragment('body').delete(1, 1);
    expect(check(server, client)).toBe(false);
  });

  it('is true again once the server accepted the client’s edits', () => {
    const { server, client } = pair();
    paragraph(client, '离线时写的段落。');
    client.getXmlFragment('body').delete(0, 1);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)));
    expect(check(server, client)).toBe(true);
  });

  it('is true for a client that concurrently received the same deletions', () => {
    const { server, client } = pair();
    server.getXmlFragment('body').delete(0, 1);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    expect(check(server, client)).toBe(true);
  });
});
