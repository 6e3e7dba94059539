import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { TestClient } from '../test/harness.js';
import { startRoom, type Room } from '../test/room.js';
import { draftText, paragraph, provider, synced, until } from '../test/yjs-client.js';
import { prng } from '../test/random.js';

let room: Room | undefined;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await room?.server.dispose();
  room = undefined;
});

function open(r: Room, docName: string, client: TestClient): WebsocketProvider {
  const p = provider(r.server.wsUrl, docName, client.cookie);
  providers.push(p);
  return p;
}

/** One random edit of a draft: add, extend, cut or drop a paragraph. */
function randomEdit(doc: Y.Doc, random: () => number, label: string): void {
  const body = doc.getXmlFragment('body');
  const paragraphs = body.toArray() as Y.XmlElement[];
  const roll = random();
  if (paragraphs.length === 0 || roll < 0.25) {
    body.insert(Math.floor(random() * (paragraphs.length + 1)), [paragraph(`${label}段`)]);
    return;
  }
  const target = paragraphs[Math.floor(random() * paragraphs.length)]!;
  const text = target.get(0) as Y.XmlText | undefined;
  if (!text) return;
  if (roll < 0.8) text.insert(Math.floor(random() * (text.length + 1)), `${label}字`);
  else if (roll < 0.95 && text.length > 0) {
    const at = Math.floor(random() * text.length);
    text.delete(at, Math.min(3, text.length - at));
  } else body.delete(paragraphs.indexOf(target), 1);
}

async function observer(r: Room): Promise<TestClient> {
  const created = await r.admin.post(`/api/orgs/${r.orgId}/members`, {
    login: 'press',
    password: 'press-password',
    displayName: 'press',
    role: 'observer',
  });
  expect(created.status).toBe(201);
  const client = new TestClient(r.server.url);
  await client.post('/api/auth/login', { login: 'press', password: 'press-password' });
  return client;
}

/**
 * Resolves once `writer` has received `reader`'s awareness: what `reader` sent before it has then
 * been handled by the server, since one connection's messages are handled in order.
 */
function handledUpTo(reader: WebsocketProvider, writer: WebsocketProvider, mark: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const states = [...writer.awareness.getStates().values()];
      if (states.some((s) => s.mark === mark)) {
        writer.awareness.off('change', check);
        resolve();
      }
    };
    writer.awareness.on('change', check);
    reader.awareness.setLocalStateField('mark', mark);
  });
}

describe('the /yjs endpoint with the stock WebsocketProvider', () => {
  it('lets two writers converge after 1,000 random edits, and stores every one', async () => {
    room = await startRoom(2);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const a = open(r, docName, r.members[0]!.client);
    const b = open(r, docName, r.members[1]!.client);
    await Promise.all([synced(a), synced(b)]);
    const random = prng(42);
    for (let i = 0; i < 1000; i++) {
      const [p, label] = random() < 0.5 ? [a, 'A'] : [b, 'B'];
      randomEdit(p.doc, random, `${label}${i}`);
    }
    const same = () =>
      Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc))) &&
      draftText(a.doc) === draftText(b.doc);
    await until([a.doc, b.doc], same);
    expect(draftText(a.doc).length).toBeGreaterThan(100);

    // What both see is what the store holds.
    await handledUpTo(a, b, 'done-a');
    await handledUpTo(b, a, 'done-b');
    const stored = await r.server.store.docs.load(docName);
    expect(draftText(stored)).toBe(draftText(a.doc));
  }, 60_000);

  it('discards updates from an observer and from a member on the agenda: never relayed nor stored', async () => {
    room = await startRoom(1);
    const r = room;
    const press = await observer(r);
    for (const [docName, reader] of [
      [`draft:${r.topicId}`, press],
      [`agenda:${r.meetingId}`, r.members[0]!.client],
    ] as const) {
      const writer = open(r, docName, docName.startsWith('agenda') ? r.chair : r.members[0]!.client);
      const intruder = open(r, docName, reader);
      await Promise.all([synced(writer), synced(intruder)]);
      intruder.doc.getXmlFragment('body').insert(0, [paragraph('不该出现')]);
      intruder.doc.getArray('items').insert(0, [new Y.Map([['title', '不该出现']])]);
      await handledUpTo(intruder, writer, `after-${docName}`);
      expect(writer.doc.getXmlFragment('body').length).toBe(0);
      expect(writer.doc.getArray('items').length).toBe(0);
      const stored = await r.server.store.docs.load(docName);
      expect(stored.getXmlFragment('body').length + stored.getArray('items').length).toBe(0);

      // The writer's own edits still reach the read-only connection.
      writer.doc.getArray('items').insert(0, [new Y.Map([['title', '开场']])]);
      await until(intruder.doc, () => intruder.doc.getArray('items').length === 2);
    }
  });

  it('drops write access on open connections when the topic leaves drafting, and freezes the draft', async () => {
    room = await startRoom(2);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const a = open(r, docName, r.members[0]!.client);
    const b = open(r, docName, r.members[1]!.client);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getXmlFragment('body').insert(0, [paragraph('建议设立应急转贷资金池。')]);
    await until(b.doc, () => draftText(b.doc) === '建议设立应急转贷资金池。');

    // Finish the consultation (a member speaks, the official answers) and deliver: the draft is
    // frozen as the final version.
    for (const [m, kind, minute] of [
      [r.members[0]!, 'speech', 10],
      [r.official, 'answer', 20],
    ] as const) {
      await r.secretary.post(`/api/meetings/${r.meetingId}/speeches`, {
        speakerId: m.id,
        kind,
        startedAt: `2026-12-01T09:${minute}:00+08:00`,
        endedAt: `2026-12-01T09:${minute + 5}:00+08:00`,
      });
    }
    await r.chair.post(`/api/meetings/${r.meetingId}/close`);
    expect((await r.chair.post(`/api/topics/${r.topicId}/advance`, { to: 'drafting' })).status).toBe(200);
    await r.chair.request('PUT', `/api/topics/${r.topicId}/outcome`, {
      form: 'recommendation',
      recipientDepartmentIds: [r.departmentId],
      dueDate: '2099-03-31',
    });
    const delivered = await r.chair.post(`/api/topics/${r.topicId}/advance`, { to: 'delivered' });
    expect(delivered.body.topic?.stage, JSON.stringify(delivered.body)).toBe('delivered');

    // Same connections, no longer writers: edits after the freeze change nothing for others.
    a.doc.getXmlFragment('body').insert(1, [paragraph('冻结后的修改')]);
    await handledUpTo(a, b, 'after-freeze');
    expect(draftText(b.doc)).toBe('建议设立应急转贷资金池。');
    const reloaded = provider(r.server.wsUrl, docName, r.chair.cookie);
    providers.push(reloaded);
    await synced(reloaded);
    expect(draftText(reloaded.doc)).toBe('建议设立应急转贷资金池。');
    const frozen = await r.server.store.docs.finalVersion(docName);
    expect(draftText(frozen!.doc)).toBe('建议设立应急转贷资金池。');
  });

  it('relays awareness and clears it when a connection drops', async () => {
    room = await startRoom(2);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const a = open(r, docName, r.members[0]!.client);
    const b = open(r, docName, r.members[1]!.client);
    await Promise.all([synced(a), synced(b)]);
    await handledUpTo(a, b, 'here');
    const gone = new Promise<void>((resolve) =>
      b.awareness.on('change', () => {
        if (![...b.awareness.getStates().values()].some((s) => s.mark === 'here')) resolve();
      }),
    );
    a.destroy();
    await gone;
  });

  it('closes a connection that sends a message over the limit, with 4413', async () => {
    room = await startRoom(1, { yjsLimits: { maxMessageBytes: 10_000 } });
    const ws = new WebSocket(`${room.server.wsUrl}/yjs/draft:${room.topicId}`, {
      headers: { cookie: room.members[0]!.client.cookie! },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(new Uint8Array(20_000));
    expect(await closed).toBe(4413);
  });

  it('refuses a draft before preparation and a document of another organisation', async () => {
    room = await startRoom(1);
    const early = await room.members[0]!.client.post('/api/topics', {
      orgId: room.orgId,
      title: '新议题',
      summary: '摘要',
    });
    const status = (docName: string, cookie: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${room!.server.wsUrl}/yjs/${docName}`, { headers: { cookie } });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => reject(new Error('accepted')));
        ws.on('error', () => undefined);
      });
    expect(await status(`draft:${early.body.topic.id}`, room.chair.cookie!)).toBe(403);
    expect(await status(`draft:${room.topicId}`, room.outsider.cookie!)).toBe(403);
    expect(await status(`agenda:${room.meetingId}`, room.outsider.cookie!)).toBe(403);
    expect(await status('agenda:no-such-meeting', room.chair.cookie!)).toBe(404);
  });
});

describe('named versions of the draft', () => {
  it('are saved by the secretariat, listed, and read back as blocks', async () => {
    room = await startRoom(1);
    const r = room;
    const a = open(r, `draft:${r.topicId}`, r.members[0]!.client);
    // A second connection witnesses that the server has handled (and so stored) a's edits.
    const witness = open(r, `draft:${r.topicId}`, r.chair);
    await Promise.all([synced(a), synced(witness)]);
    const body = a.doc.getXmlFragment('body');
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2' as never);
    heading.insert(0, [new Y.XmlText('一、总体建议')]);
    body.insert(0, [heading, paragraph('建立中小企业应急转贷资金池。')]);
    await handledUpTo(a, witness, 'first');
    const first = await r.secretary.post(`/api/topics/${r.topicId}/draft/versions`, { name: '初稿' });
    expect(first.status).toBe(201);
    body.insert(2, [paragraph('推行“一网通办”。')]);
    await handledUpTo(a, witness, 'second');
    await r.secretary.post(`/api/topics/${r.topicId}/draft/versions`, { name: '二稿' });

    expect((await r.members[0]!.client.post(`/api/topics/${r.topicId}/draft/versions`, { name: 'x' })).status).toBe(
      403,
    );
    expect((await r.secretary.post(`/api/topics/${r.topicId}/draft/versions`, { name: '' })).status).toBe(400);
    const list = (await r.members[0]!.client.get(`/api/topics/${r.topicId}/draft/versions`)).body.versions;
    expect(list.map((v: any) => [v.name, v.kind, v.createdBy.displayName])).toEqual([
      ['初稿', 'named', 'secretary'],
      ['二稿', 'named', 'secretary'],
    ]);
    const v1 = (await r.chair.get(`/api/topics/${r.topicId}/draft/versions/${list[0].id}`)).body.version;
    expect(v1.blocks).toEqual([
      { type: 'heading', text: '一、总体建议', attrs: { level: '2' }, markdown: '一、总体建议' },
      { type: 'paragraph', text: '建立中小企业应急转贷资金池。', attrs: {}, markdown: '建立中小企业应急转贷资金池。' },
    ]);
    const v2 = (await r.chair.get(`/api/topics/${r.topicId}/draft/versions/${list[1].id}`)).body.version;
    expect(v2.blocks.map((b: any) => b.text)).toEqual([
      '一、总体建议',
      '建立中小企业应急转贷资金池。',
      '推行“一网通办”。',
    ]);
    expect((await r.outsider.get(`/api/topics/${r.topicId}/draft/versions`)).status).toBe(403);
  });
});

describe('a change of role on an open connection', () => {
  it('stops a chair demoted to observer from writing the draft through the connection opened as chair', async () => {
    room = await startRoom(1);
    const r = room;
    const docName = `draft:${r.topicId}`;
    const chair = open(r, docName, r.chair);
    const member = open(r, docName, r.members[0]!.client);
    await Promise.all([synced(chair), synced(member)]);
    chair.doc.getXmlFragment('body').insert(0, [paragraph('主席起草')]);
    await until(member.doc, () => draftText(member.doc) === '主席起草');

    const chairId = (await r.chair.get('/api/me')).body.user.id as string;
    const demoted = await r.admin.patch(`/api/orgs/${r.orgId}/members/${chairId}`, { role: 'observer' });
    expect(demoted.status).toBe(200);
    // Decided again before the answer: the same connection is now read-only.
    chair.doc.getXmlFragment('body').insert(1, [paragraph('降级后的修改')]);
    member.doc.getXmlFragment('body').insert(0, [paragraph('委员的修改')]);
    await until(chair.doc, () => draftText(chair.doc).startsWith('委员的修改'));
    const stored = draftText(await r.server.store.docs.load(docName));
    expect(stored).toBe('委员的修改\n主席起草');
  });
});

describe('the last check before an update is stored', () => {
  it('reads the stage in the append’s own transaction, so a racing update after a freeze is refused', async () => {
    room = await startRoom(1);
    const r = room;
    const { stageAllowsWriting } = await import('./doc-access.js');
    const { store } = r.server;
    const update = (() => {
      const doc = new Y.Doc();
      doc.getXmlFragment('body').insert(0, [paragraph('迟到的修改')]);
      return Y.encodeStateAsUpdate(doc);
    })();
    const docName = `draft:${r.topicId}`;
    // What the endpoint does with an update: check and append in one transaction.
    const append = () =>
      store.transaction(async (tx) =>
        (await stageAllowsWriting(docName, tx)) ? tx.docs.append(docName, update, new Date().toISOString()) : null,
      );
    expect(await append()).toBe(1);
    expect(await stageAllowsWriting(`agenda:${r.meetingId}`, store)).toBe(true);

    await r.chair.post(`/api/meetings/${r.meetingId}/close`);
    expect(await stageAllowsWriting(`agenda:${r.meetingId}`, store)).toBe(false);
    await r.chair.post(`/api/topics/${r.topicId}/advance`, { to: 'withdrawn', reason: '情况变化' });
    expect(await append()).toBeNull();
    expect(await store.docs.sequence(docName)).toEqual([1]);
    expect(await stageAllowsWriting('draft:no-such-topic', store)).toBe(false);
  });
});
