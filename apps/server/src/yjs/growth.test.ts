import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { YjsCloseCodes } from '@yishi/protocol';
import { startRoom, type Room } from '../test/room.js';
import { draftText, paragraph, provider, RawWriter, synced } from '../test/yjs-client.js';

/**
 * What is stored is bounded by the document, not by how much its writers typed and deleted: a writer
 * who inserts and deletes a large text over and over leaves a store about the size of the document,
 * and a writer who sends more than their budget is told to come back later.
 */
let room: Room | undefined;
const writers: RawWriter[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const w of writers.splice(0)) w.terminate();
  for (const p of providers.splice(0)) p.destroy();
  await room?.server.dispose();
  room = undefined;
});

/** A writer's own copy of the draft: each change is sent as the update it makes, through `writer`. */
class Author {
  readonly doc = new Y.Doc();
  constructor(private readonly writer: RawWriter) {}

  /** Makes a change and sends it; resolves once the server has handled it (or with its close code). */
  async change(edit: (body: Y.XmlFragment) => void): Promise<number | undefined> {
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => updates.push(update);
    this.doc.on('update', capture);
    this.doc.transact(() => edit(this.doc.getXmlFragment('body')));
    this.doc.off('update', capture);
    for (const update of updates) await this.writer.update(update);
    return this.writer.handled();
  }
}

function rawWriter(r: Room, docName: string, cookie: string): RawWriter {
  const writer = new RawWriter(r.server.wsUrl, docName, cookie);
  writers.push(writer);
  return writer;
}

async function liveText(r: Room, docName: string): Promise<string> {
  const reader = provider(r.server.wsUrl, docName, r.chair.cookie);
  providers.push(reader);
  await synced(reader);
  return draftText(reader.doc);
}

describe('stored updates stay bounded by the document', () => {
  it('compacts under the bound while a writer inserts and deletes a large text again and again', async () => {
    const maxStoredBytes = 1_000_000;
    room = await startRoom(1, { yjsLimits: { maxStoredBytes, writerBytesPerMinute: 0 } });
    const r = room;
    const docName = `draft:${r.topicId}`;
    const author = new Author(rawWriter(r, docName, r.members[0]!.client.cookie!));
    await author.change((body) => body.insert(0, [paragraph('保留的段落')]));
    const big = '协'.repeat(100_000); // 300 KB in UTF-8

    let largest = 0;
    for (let round = 0; round < 20; round++) {
      expect(await author.change((body) => body.insert(1, [paragraph(big)]))).toBeUndefined();
      largest = Math.max(largest, await r.server.store.docs.storedBytes(docName));
      expect(await author.change((body) => body.delete(1, 1))).toBeUndefined();
      largest = Math.max(largest, await r.server.store.docs.storedBytes(docName));
    }
    // 20 rounds of 300 KB: 6 MB sent, never more than the bound and one update kept.
    expect(largest).toBeLessThanOrEqual(maxStoredBytes + 310_000);
    expect(await r.server.store.docs.storedBytes(docName)).toBeLessThan(maxStoredBytes);

    const live = await liveText(r, docName);
    expect(live).toBe('保留的段落');
    expect(draftText(await r.server.store.docs.load(docName))).toBe(live);
  });
});

describe('each writer’s budget of changes', () => {
  it('closes a writer who sent more than their budget, keeps none of the excess, and lets others write', async () => {
    room = await startRoom(2, { yjsLimits: { writerBytesPerMinute: 700_000 } });
    const r = room;
    const docName = `draft:${r.topicId}`;
    const flooder = new Author(rawWriter(r, docName, r.members[0]!.client.cookie!));
    const text = (n: number) => `${n}`.repeat(100_000); // 100 KB each

    for (let n = 1; n <= 6; n++) {
      expect(await flooder.change((body) => body.push([paragraph(text(n))]))).toBeUndefined();
    }
    // The seventh and eighth 100 KB paragraphs pass 700 KB within the minute.
    expect(await flooder.change((body) => body.push([paragraph(text(7)), paragraph(text(8))]))).toBe(
      YjsCloseCodes.TooManyChanges.code,
    );

    const other = new Author(rawWriter(r, docName, r.members[1]!.client.cookie!));
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(await r.server.store.docs.load(docName)));
    expect(await other.change((body) => body.push([paragraph('另一位委员')]))).toBeUndefined();

    const expected = [1, 2, 3, 4, 5, 6].map(text).concat('另一位委员').join('\n');
    expect(await liveText(r, docName)).toBe(expected);
    expect(draftText(await r.server.store.docs.load(docName))).toBe(expected);
  });
});
