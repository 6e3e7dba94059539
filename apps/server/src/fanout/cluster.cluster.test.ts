import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { Notification, PresenceView } from '@yishi/protocol';
import { setupCodeOf, startServer, TestClient, type TestServer } from '../test/harness.js';
import { RoomClient, startRoom, type Room } from '../test/room.js';
import { draftText, paragraph, provider, synced, until } from '../test/yjs-client.js';

/**
 * Two nodes in one process, on one PostgreSQL schema and one Redis prefix: what a member does on
 * node B reaches the chair on node A, and what both do at once is ordered by the store, not by a
 * single writer. (This file runs only in the several-nodes project.)
 */
let room: Room | undefined;
const nodes: TestServer[] = [];
const sockets: RoomClient[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of sockets.splice(0)) s.close();
  for (const node of nodes.splice(0)) await node.stop();
  await room?.server.dispose();
  room = undefined;
});

/** A second node of the room's installation. */
async function secondNode(r: Room): Promise<TestServer> {
  const node = await startServer(r.server.dataDir);
  nodes.push(node);
  return node;
}

/** The same signed-in person, talking to another node (the session cookie is valid on every node). */
function on(node: TestServer, who: TestClient): TestClient {
  const client = new TestClient(node.url);
  client.cookie = who.cookie;
  return client;
}

function socket(node: TestServer, who: TestClient): RoomClient {
  const client = new RoomClient(node.url, who);
  sockets.push(client);
  return client;
}

function next<T>(client: RoomClient, event: 'presence:state' | 'notification:new', match: (v: T) => boolean) {
  return new Promise<T>((resolve) => {
    const listener = (value: T) => {
      if (!match(value)) return;
      client.socket.off(event, listener as never);
      resolve(value);
    };
    client.socket.on(event, listener as never);
  });
}

describe('the live room across two nodes', () => {
  it('shows a hand raised on node B to the chair on node A, and the floor granted on A to B', async () => {
    room = await startRoom(2);
    const r = room;
    const b = await secondNode(r);
    const chair = socket(r.server, r.chair);
    const member = socket(b, r.members[0]!.client);
    expect((await chair.join(r.meetingId)).ok).toBe(true);
    const memberHere = next<PresenceView>(chair, 'presence:state', (v) =>
      v.participants.some((p) => p.displayName === 'm0' && p.online),
    );
    const joined = await member.join(r.meetingId);
    expect(joined.ok && joined.presence.participants.map((p) => p.displayName).sort()).toEqual(['chair', 'm0']);
    await memberHere;

    const raised = await member.emit('queue:raise', { kind: 'speech', commandId: randomUUID() });
    expect(raised.ok).toBe(true);
    await chair.reached(1);
    expect(chair.last!.waiting.map((e) => e.userId)).toEqual([r.members[0]!.id]);

    expect((await chair.emit('queue:grant', { entryId: raised.entry.id })).ok).toBe(true);
    await member.reached(2);
    await chair.reached(2);
    expect(member.last!.current?.userId).toBe(r.members[0]!.id);
    expect(member.last!.current?.startedAt).toBe(chair.last!.current?.startedAt);
  });

  it('holds a poll across both nodes: ballots cast on either count once, and everyone sees the result', async () => {
    room = await startRoom(4);
    const r = room;
    const b = await secondNode(r);
    const chair = socket(r.server, r.chair);
    const voters = r.members.map((m, i) => socket(i % 2 === 0 ? b : r.server, m.client));
    for (const c of [chair, ...voters]) expect((await c.join(r.meetingId)).ok).toBe(true);
    const results = voters.map(
      (c) => new Promise<{ tally: number[] }>((resolve) => c.socket.once('poll:result', (result) => resolve(result))),
    );
    const counted = new Promise<void>((resolve) => {
      const listener = (view: { ballots: number }) => {
        if (view.ballots < 4) return;
        chair.socket.off('poll:state', listener as never);
        resolve();
      };
      chair.socket.on('poll:state', listener as never);
    });

    const created = await chair.emit('poll:create', { question: '是否赞成？', kind: 'yes_no_abstain', secret: true });
    const pollId: string = created.poll.poll.id;
    expect((await chair.emit('poll:open', { pollId })).ok).toBe(true);
    // Every voter at once, half of them on node B; one changes their mind on the other node.
    await Promise.all(voters.map((c, i) => c.emit('poll:vote', { pollId, choices: [i === 3 ? 1 : 0] })));
    const elsewhere = socket(r.server, r.members[0]!.client);
    expect((await elsewhere.join(r.meetingId)).ok).toBe(true);
    expect((await elsewhere.emit('poll:vote', { pollId, choices: [2] })).ok).toBe(true);
    await counted;
    const closed = await chair.emit('poll:close', { pollId });
    expect(closed.result).toEqual({ pollId, tally: [2, 1, 1], ballots: 4 });
    for (const result of await Promise.all(results)) expect(result.tally).toEqual([2, 1, 1]);
  });

  it('shows no one from a presence entry of the wrong shape in Redis', async () => {
    room = await startRoom(1);
    const r = room;
    const b = await secondNode(r);
    // What another node (of another version, or not a node at all) left in the meeting's presence.
    const ghost = { userId: 'ghost', displayName: '幽灵', role: 'king', sector: null };
    const entry = { info: ghost, sockets: 1, since: 0, leftAt: null, seenAt: Date.now() };
    await r.server.fanout.presence.put(r.meetingId, 'elsewhere', entry as never);

    const chair = socket(r.server, r.chair);
    expect((await chair.join(r.meetingId)).ok).toBe(true);
    const member = socket(b, r.members[0]!.client);
    const joined = await member.join(r.meetingId);
    expect(joined.ok && joined.presence.participants.map((p) => p.userId).sort()).toEqual(
      [r.members[0]!.id, (await r.chair.get('/api/me')).body.user.id].sort(),
    );
  });

  it('applies commands sent to both nodes at once one after another, and a retried commandId once', async () => {
    room = await startRoom(6);
    const r = room;
    const b = await secondNode(r);
    const onA = r.members.slice(0, 3).map((m) => socket(r.server, m.client));
    const onB = r.members.slice(3).map((m) => socket(b, m.client));
    for (const client of [...onA, ...onB]) expect((await client.join(r.meetingId)).ok).toBe(true);

    const acks = await Promise.all(
      [...onA, ...onB].map((client) => client.emit('queue:raise', { kind: 'speech', commandId: randomUUID() })),
    );
    expect(acks.map((ack) => ack.ok)).toEqual([true, true, true, true, true, true]);
    await onA[0]!.reached(6);
    await onB[0]!.reached(6);
    expect(onA[0]!.last!.waiting).toHaveLength(6);
    expect(onB[0]!.last).toEqual({ ...onA[0]!.last!, serverNow: onB[0]!.last!.serverNow });

    // The same command retried on the other node while the first try is still in flight.
    const commandId = randomUUID();
    const withdrawA = onA[0]!.emit('queue:withdraw', { entryId: acks[0].entry.id, commandId });
    const sameOnB = socket(b, r.members[0]!.client);
    expect((await sameOnB.join(r.meetingId)).ok).toBe(true);
    const withdrawB = sameOnB.emit('queue:withdraw', { entryId: acks[0].entry.id, commandId });
    expect(await withdrawA).toEqual(await withdrawB);
    await onB[0]!.reached(7);
    const { store } = r.server;
    const stored = await store.queues.load(r.meetingId);
    expect(stored!.version).toBe(7);
    expect(stored!.waiting).toHaveLength(5);
  });

  it('shares sign-outs and notifications with every node', async () => {
    room = await startRoom(1);
    const r = room;
    const b = await secondNode(r);
    const member = socket(b, r.members[0]!.client);
    await member.connected();
    // The topic changes stage on node A; the proposer's socket on node B is told.
    const told = next<Notification>(member, 'notification:new', (n) => n.kind === 'stage_changed');
    const withdrawn = await r.chair.post(`/api/topics/${r.topicId}/advance`, { to: 'withdrawn', reason: '另行安排' });
    expect(withdrawn.status).toBe(200);
    expect((await told).data).toMatchObject({ from: 'consultation', to: 'withdrawn' });

    const ended = new Promise((resolve) => member.socket.on('session:ended', resolve));
    const closed = new Promise((resolve) => member.socket.on('disconnect', resolve));
    expect((await on(r.server, r.members[0]!.client).post('/api/auth/logout')).status).toBe(204);
    expect(await ended).toEqual({ reason: 'logout' });
    await closed;
    expect((await on(b, r.members[0]!.client).get('/api/me')).status).toBe(401);
  });

  it('counts failed logins on every node together, and an unlock on one node frees the account on all', async () => {
    room = await startRoom(1);
    const r = room;
    const b = await secondNode(r);
    const wrong = { login: 'chair', password: 'not-the-password' };
    for (const node of [r.server, b, r.server, b, r.server]) {
      expect((await new TestClient(node.url).post('/api/auth/login', wrong)).status).toBe(401);
    }
    // The fifth failure, on node A, holds the next attempt back on node B too.
    const right = { login: 'chair', password: 'chair-test-password' };
    const held = await new TestClient(b.url).post('/api/auth/login', right);
    expect(held.status).toBe(429);
    expect(held.body.error.details).toEqual({ retryAfterSeconds: 1 });

    const chairId = (await r.chair.get('/api/me')).body.user.id as string;
    expect((await r.admin.post(`/api/orgs/${r.orgId}/members/${chairId}/unlock`)).status).toBe(204);
    expect((await new TestClient(b.url).post('/api/auth/login', right)).status).toBe(200);
  });

  it('takes the setup code that the first node made on every node, once', async () => {
    const a = await startServer();
    nodes.push(a);
    const setupCode = await setupCodeOf(a);
    const b = await startServer(a.dataDir);
    nodes.push(b);
    expect(await setupCodeOf(b)).toBe(setupCode);
    const results = await Promise.all(
      [b, a, b, a].map((node, i) =>
        new TestClient(node.url).post('/api/setup', {
          login: `admin${i}`,
          password: 'admin-password-1',
          displayName: 'x',
          setupCode,
        }),
      ),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await a.store.settings.get('setup_code')).toBeUndefined();
  });
});

/** A room on two nodes, with a participant writing the draft on each, both synced. */
async function writerOnEachNode() {
  room = await startRoom(2);
  const r = room;
  const b = await secondNode(r);
  const docName = `draft:${r.topicId}`;
  const onA = provider(r.server.wsUrl, docName, r.members[0]!.client.cookie);
  const onB = provider(b.wsUrl, docName, r.members[1]!.client.cookie);
  providers.push(onA, onB);
  await Promise.all([synced(onA), synced(onB)]);
  return { r, b, docName, onA, onB };
}

describe('one draft across two nodes', () => {
  it('converges a writer on each node, relays awareness, and stores every update once', async () => {
    const { r, docName, onA, onB } = await writerOnEachNode();

    onB.awareness.setLocalStateField('user', { name: 'm1' });
    await new Promise<void>((resolve) => {
      const seen = () => {
        if (![...onA.awareness.getStates().values()].some((s) => s.user?.name === 'm1')) return;
        onA.awareness.off('change', seen);
        resolve();
      };
      onA.awareness.on('change', seen);
      seen();
    });
    for (let i = 0; i < 50; i++) {
      onA.doc.getXmlFragment('body').insert(0, [paragraph(`甲${i}`)]);
      onB.doc.getXmlFragment('body').insert(0, [paragraph(`乙${i}`)]);
    }
    await until(
      [onA.doc, onB.doc],
      () => onA.doc.getXmlFragment('body').length === 100 && draftText(onA.doc) === draftText(onB.doc),
    );
    await until(onB.doc, () => onB.doc.getXmlFragment('body').length === 100);
    expect(draftText(onB.doc)).toBe(draftText(onA.doc));

    // Every update stored once, numbered without a gap, and the store gives back what both see.
    const stored = await r.server.store.docs.load(docName);
    const reader = provider(r.server.wsUrl, docName, r.chair.cookie);
    providers.push(reader);
    await synced(reader);
    expect(draftText(reader.doc)).toBe(draftText(onA.doc));
    expect(draftText(stored)).toBe(draftText(onA.doc));
    const seqs = await r.server.store.docs.sequence(docName);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('takes write access from a connection on node B when a participant is removed on node A', async () => {
    room = await startRoom(2);
    const r = room;
    const b = await secondNode(r);
    const docName = `draft:${r.topicId}`;
    const removed = provider(b.wsUrl, docName, r.members[0]!.client.cookie);
    const stays = provider(b.wsUrl, docName, r.members[1]!.client.cookie);
    providers.push(removed, stays);
    await Promise.all([synced(removed), synced(stays)]);
    removed.doc.getXmlFragment('body').insert(0, [paragraph('移除前')]);
    await until(stays.doc, () => draftText(stays.doc) === '移除前');

    const res = await r.secretary.request('DELETE', `/api/topics/${r.topicId}/participants/${r.members[0]!.id}`);
    expect(res.status).toBe(200);
    // The stage still lets participants write: only node B's re-check, on the event from node A,
    // keeps the removed member's edits out. Each round: an edit by the removed member, then an
    // awareness change on the same connection, which the server handles after the edit (one
    // connection's messages in order); once the other member sees it, the store is read.
    const storedText = async () => draftText(await b.store.docs.load(docName));
    const handled = (round: number) =>
      new Promise<void>((resolve) => {
        const seen = () => {
          if (![...stays.awareness.getStates().values()].some((state) => state.round === round)) return;
          stays.awareness.off('change', seen);
          resolve();
        };
        stays.awareness.on('change', seen);
        removed.awareness.setLocalStateField('round', round);
      });
    let revokedAt = -1;
    for (let round = 0; round < 50 && revokedAt < 0; round++) {
      removed.doc.getXmlFragment('body').insert(0, [paragraph(`移除后${round}`)]);
      await handled(round);
      if (!(await storedText()).includes(`移除后${round}`)) revokedAt = round;
    }
    expect(revokedAt).toBeGreaterThanOrEqual(0);
    removed.doc.getXmlFragment('body').insert(0, [paragraph('再次修改')]);
    await handled(1000);
    stays.doc.getXmlFragment('body').insert(0, [paragraph('留下的人写的')]);
    await until(removed.doc, () => draftText(removed.doc).includes('留下的人写的'));
    const stored = await storedText();
    expect(stored).toContain('移除前');
    expect(stored).toContain('留下的人写的');
    expect(stored).not.toContain('再次修改');
  });

  it('fills in an update that a node stored but died before relaying, from the store', async () => {
    const { r, b, docName, onA, onB } = await writerOnEachNode();

    // Stored as the dead node would have stored it, and relayed to nobody.
    const lost = new Y.Doc();
    Y.applyUpdate(lost, Y.encodeStateAsUpdate(onA.doc));
    lost.getXmlFragment('body').insert(0, [paragraph('未转发的修改')]);
    const update = Y.encodeStateAsUpdate(lost, Y.encodeStateVector(onA.doc));
    await r.server.store.transaction((tx) => tx.docs.append(docName, update, new Date().toISOString()));

    // A newcomer on node B gets it at once: the node reads what it lacks before the greeting.
    const newcomer = provider(b.wsUrl, docName, r.chair.cookie);
    providers.push(newcomer);
    await synced(newcomer);
    expect(draftText(newcomer.doc)).toBe('未转发的修改');
    // Node A learns of the gap from the next relayed update, and fills it from the store.
    onB.doc.getXmlFragment('body').insert(1, [paragraph('之后的修改')]);
    await until(onA.doc, () => draftText(onA.doc) === '未转发的修改\n之后的修改');
    expect(draftText(onB.doc)).toBe('未转发的修改\n之后的修改');
  });

  it('freezes the draft on node A while a writer streams on node B: the final version is all that was stored', async () => {
    room = await startRoom(1);
    const r = room;
    const b = await secondNode(r);
    const docName = `draft:${r.topicId}`;
    const writer = provider(b.wsUrl, docName, r.members[0]!.client.cookie);
    providers.push(writer);
    await synced(writer);
    // The consultation held (a member spoke, the official answered), the meeting closed: on to drafting.
    for (const [who, kind, minute] of [
      [r.members[0]!, 'speech', 10],
      [r.official, 'answer', 20],
    ] as const) {
      const spoke = await r.secretary.post(`/api/meetings/${r.meetingId}/speeches`, {
        speakerId: who.id,
        kind,
        startedAt: `2026-12-01T09:${minute}:00+08:00`,
        endedAt: `2026-12-01T09:${minute + 5}:00+08:00`,
      });
      expect(spoke.status).toBe(201);
    }
    expect((await r.chair.post(`/api/meetings/${r.meetingId}/close`)).status).toBe(200);
    expect((await r.chair.post(`/api/topics/${r.topicId}/advance`, { to: 'drafting' })).status).toBe(200);

    const text = new Y.XmlText();
    const para = new Y.XmlElement('paragraph');
    para.insert(0, [text]);
    writer.doc.getXmlFragment('body').insert(0, [para]);
    // The freeze is sent once a reader on node A has seen 400 characters: all of them were stored
    // before they were relayed, so all of them must be in the final version.
    const reader = provider(r.server.wsUrl, docName, r.chair.cookie);
    providers.push(reader);
    await synced(reader);
    let frozen = false;
    let seenBeforeFreeze = '';
    const freeze = (async () => {
      await until(reader.doc, () => draftText(reader.doc).length >= 400);
      seenBeforeFreeze = draftText(reader.doc);
      const res = await r.chair.post(`/api/topics/${r.topicId}/advance`, { to: 'delivered' });
      frozen = true;
      return res;
    })();
    await r.secretary.request('PUT', `/api/topics/${r.topicId}/outcome`, {
      form: 'recommendation',
      recipientDepartmentIds: [r.departmentId],
      dueDate: '2099-06-30',
    });
    for (let i = 0; !frozen && i < 3000; i++) {
      text.insert(text.length, String(i % 10).repeat(4));
      if (i % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await freeze).body.topic?.stage).toBe('delivered');

    // Whatever raced the freeze is either in the final version or was refused: never in between.
    const final = await r.server.store.docs.finalVersion(docName);
    const stored = await r.server.store.docs.load(docName);
    expect(draftText(final!.doc).startsWith(seenBeforeFreeze)).toBe(true);
    expect(draftText(stored)).toBe(draftText(final!.doc));
  });
});
