import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import { YjsCloseCodes } from '@yishi/protocol';
import { TestClient } from '../test/harness.js';
import { startRoom, type Room } from '../test/room.js';
import { draftText, handMadeItem, paragraph, provider, RawWriter, synced, until } from '../test/yjs-client.js';
import { prng } from '../test/random.js';

/**
 * What is stored is what everyone saw: whatever a writer sends — its own edits, structs claimed under
 * another participant's client id, bit-flipped or cut frames — the document reloaded from the store,
 * before and after compaction, equals the live one.
 */
let room: Room | undefined;
function rawWriter(wsUrl: string, docName: string, cookie: string): RawWriter {
  const writer = new RawWriter(wsUrl, docName, cookie);
  writers.push(writer);
  return writer;
}
const providers: WebsocketProvider[] = [];
const writers: RawWriter[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) {
    // A provider whose client id another writer claimed (the fuzz does) takes a new one, and
    // y-websocket's destroy then throws on its stale awareness entry; the socket is closed anyway.
    try {
      p.destroy();
    } catch {
      p.ws?.close();
    }
  }
  for (const w of writers.splice(0)) w.terminate();
  await room?.server.dispose();
  room = undefined;
});

/** The draft as the store gives it back, merged as on load, and again after compaction. */
async function fromStore(r: Room, docName: string): Promise<{ loaded: string; compacted: string }> {
  const loaded = draftText(await r.server.store.docs.load(docName));
  const now = new Date().toISOString();
  await r.server.store.transaction((tx) => tx.docs.compact(docName, now));
  return { loaded, compacted: draftText(await r.server.store.docs.load(docName)) };
}

/** The draft as the server holds it live: what a newcomer is given. */
async function live(r: Room, docName: string): Promise<string> {
  const newcomer = provider(r.server.wsUrl, docName, r.chair.cookie);
  providers.push(newcomer);
  await synced(newcomer);
  return draftText(newcomer.doc);
}

describe('the stored draft equals the live one', () => {
  it('keeps the text everyone saw when a writer claims another participant’s client id', async () => {
    room = await startRoom(2);
    const r = room;
    const docName = `draft:${r.topicId}`;
    // The victim writes through a raw connection: a provider whose client id is claimed by another
    // writer takes a new one, and y-websocket then fails on its stale awareness when destroyed.
    const victim = { doc: new Y.Doc() };
    victim.doc.getXmlFragment('body').insert(0, [paragraph('协商于民')]);
    const victimWriter = rawWriter(r.server.wsUrl, docName, r.members[0]!.client.cookie!);
    await victimWriter.update(Y.encodeStateAsUpdate(victim.doc));
    expect(await victimWriter.handled()).toBeUndefined();
    const seen = provider(r.server.wsUrl, docName, r.chair.cookie);
    providers.push(seen);
    await until(seen.doc, () => draftText(seen.doc) === '协商于民');

    // The same structure under the victim's client id, from clock 0, with a longer text.
    const forged = new Y.Doc();
    forged.clientID = victim.doc.clientID;
    forged.getXmlFragment('body').insert(0, [paragraph('这段文字从未出现在任何人的屏幕上')]);
    const attacker = rawWriter(r.server.wsUrl, docName, r.members[1]!.client.cookie!);
    await attacker.update(Y.encodeStateAsUpdate(forged));
    expect(await attacker.handled()).toBeUndefined();

    const shown = await live(r, docName);
    expect(shown.startsWith('协商于民')).toBe(true);
    expect(await fromStore(r, docName)).toEqual({ loaded: shown, compacted: shown });
  });

  it('holds for 600 seeded random, forged, bit-flipped and cut update frames', async () => {
    room = await startRoom(2);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const honest = provider(r.server.wsUrl, docName, r.members[0]!.client.cookie!);
    providers.push(honest);
    await synced(honest);
    const random = prng(20261130);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const words = ['协商', '于民', '建议', '资金池', '审批', '', '。', 'abc', '加装电梯'];

    let attacker = rawWriter(r.server.wsUrl, docName, r.members[1]!.client.cookie!);
    // The attacker's own replica, to make well-formed edits of its own from.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(honest.doc));
    const closes: number[] = [];

    for (let frame = 0; frame < 600; frame++) {
      const roll = random();
      if (roll < 0.25) {
        // An honest edit, relayed to everyone.
        const body = honest.doc.getXmlFragment('body');
        if (body.length > 0 && random() < 0.3) body.delete(Math.floor(random() * body.length), 1);
        else body.insert(Math.floor(random() * (body.length + 1)), [paragraph(pick(words))]);
        continue;
      }
      let update: Uint8Array;
      if (roll < 0.5) {
        // Structs under an existing client id and clock, with other content.
        const forged = new Y.Doc();
        forged.clientID = pick([honest.doc.clientID, replica.clientID, 1, 2]);
        forged.getXmlFragment('body').insert(0, [paragraph(`${pick(words)}${frame}`)]);
        update = Y.encodeStateAsUpdate(forged);
      } else {
        Y.applyUpdate(replica, Y.encodeStateAsUpdate(honest.doc));
        const before = Y.encodeStateVector(replica);
        replica.getXmlFragment('body').insert(0, [paragraph(`攻${frame}`)]);
        update = Y.encodeStateAsUpdate(replica, before);
        if (roll < 0.75) {
          update = update.slice();
          for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
            update[Math.floor(random() * update.length)]! ^= 1 << Math.floor(random() * 8);
          }
        } else if (roll < 0.85) {
          update = update.slice(0, Math.max(1, Math.floor(random() * update.length)));
        }
      }
      await attacker.update(update);
      const closed = await attacker.handled();
      if (closed !== undefined) {
        // Refused as malformed or out of sync: the attacker comes back, as a client would.
        closes.push(closed);
        attacker = rawWriter(r.server.wsUrl, docName, r.members[1]!.client.cookie!);
      }
      if (frame % 150 === 149) {
        const shown = await live(r, docName);
        expect(await fromStore(r, docName), `after frame ${frame}`).toEqual({ loaded: shown, compacted: shown });
      }
    }
    const shown = await live(r, docName);
    await until(honest.doc, () => draftText(honest.doc) === shown);
    expect(await fromStore(r, docName)).toEqual({ loaded: shown, compacted: shown });
    // The fuzz reached the refusals it is meant to exercise.
    expect(closes.some((code) => code === YjsCloseCodes.BadMessage.code)).toBe(true);
  });

  it('tells a writer whose changes build on ones the server never got to sync again', async () => {
    room = await startRoom(1);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const doc = new Y.Doc();
    doc.getXmlFragment('body').insert(0, [paragraph('第一段')]);
    const before = Y.encodeStateVector(doc);
    doc.getXmlFragment('body').insert(1, [paragraph('第二段')]);
    const writer = rawWriter(r.server.wsUrl, docName, r.members[0]!.client.cookie!);
    await writer.update(Y.encodeStateAsUpdate(doc, before));
    expect(await writer.handled()).toBe(YjsCloseCodes.OutOfSync.code);
    expect(await r.server.store.docs.sequence(docName)).toEqual([]);
  });

  it('refuses an item placed between two parents, which would make the live draft and the store differ', async () => {
    room = await startRoom(1);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const honest = provider(r.server.wsUrl, docName, r.chair.cookie!);
    providers.push(honest);
    await synced(honest);
    const body = honest.doc.getXmlFragment('body');
    body.insert(0, [paragraph('第一段'), paragraph('第二段')]);
    const stored = () => r.server.store.docs.sequence(docName);
    // Another writer's copy takes the paragraphs in once the server stored them.
    const reader = provider(r.server.wsUrl, docName, r.members[0]!.client.cookie!);
    providers.push(reader);
    await until(reader.doc, () => draftText(reader.doc) === '第一段\n第二段');
    const writer = rawWriter(r.server.wsUrl, docName, r.members[0]!.client.cookie!);
    expect(await writer.handled()).toBeUndefined();
    const before = await stored();
    // Its left neighbour is the first paragraph, in the body; its right one is inside the second paragraph.
    const [first, second] = body.toArray() as Y.XmlElement[];
    const crossed = handMadeItem({ client: 77, clock: 0 }, new Y.ContentType(new Y.XmlElement('paragraph')), {
      origin: first!._item!.id,
      rightOrigin: (second!.get(0) as Y.XmlText)._item!.id,
    });
    await writer.update(crossed);
    expect(await writer.handled()).toBe(YjsCloseCodes.BadMessage.code);
    expect(await stored()).toEqual(before);
    const shown = await live(r, docName);
    expect(shown).toBe('第一段\n第二段');
    expect(await fromStore(r, docName)).toEqual({ loaded: shown, compacted: shown });
  });

  it('shows a connection’s caret under its own name, and lets nobody erase another’s', async () => {
    room = await startRoom(1);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const chair = provider(r.server.wsUrl, docName, r.chair.cookie!);
    const member = provider(r.server.wsUrl, docName, r.members[0]!.client.cookie!);
    providers.push(chair, member);
    await Promise.all([synced(chair), synced(member)]);
    const stateOf = (clientId: number) =>
      member.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined;
    const changed = (check: () => boolean) =>
      new Promise<void>((resolve) => {
        const listener = () => {
          if (!check()) return;
          member.awareness.off('change', listener);
          resolve();
        };
        member.awareness.on('change', listener);
        listener();
      });
    chair.awareness.setLocalStateField('user', { name: 'chair', color: '#123456', editing: true });
    await changed(() => stateOf(chair.doc.clientID)?.user?.name === 'chair');

    // An observer, who may only read the draft, claims the chair's name and caret.
    const body = { login: 'press', password: 'press-password', displayName: '记者', role: 'observer' };
    expect((await r.admin.post(`/api/orgs/${r.orgId}/members`, body)).status).toBe(201);
    const press = new TestClient(r.server.url);
    expect((await press.post('/api/auth/login', { login: 'press', password: 'press-password' })).status).toBe(200);
    const impostor = rawWriter(r.server.wsUrl, docName, press.cookie!);
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.setLocalState({ user: { name: 'chair', color: '#123456', editing: true } });
    await impostor.awareness(awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]));
    await changed(() => stateOf(fake.clientID) !== undefined);
    expect(stateOf(fake.clientID)?.user).toMatchObject({ name: '记者', editing: false });

    // And tries to erase the chair's presence: a newer, empty state under the chair's client id.
    const erase = new awarenessProtocol.Awareness(new Y.Doc());
    erase.clientID = chair.doc.clientID;
    erase.setLocalState(null);
    erase.meta.set(chair.doc.clientID, { clock: 1000, lastUpdated: Date.now() });
    await impostor.awareness(awarenessProtocol.encodeAwarenessUpdate(erase, [chair.doc.clientID]));
    expect(await impostor.handled()).toBeUndefined();
    chair.awareness.setLocalStateField('cursor', 1);
    await changed(() => (stateOf(chair.doc.clientID) as { cursor?: number } | undefined)?.cursor === 1);
    expect(stateOf(chair.doc.clientID)?.user?.name).toBe('chair');
  });
});
