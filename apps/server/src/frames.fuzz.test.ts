import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { createLogger } from './logger.js';
import { Reconnecting, socketFrame, YjsFrames } from './test/hostile.js';
import { seedOverHttp } from './test/http-seed.js';
import { startServerProcess } from './test/processes.js';
import { prng } from './test/random.js';
import { dropTestData, openTestStore } from './test/stores.js';
import { draftText, paragraph, provider, synced, until } from './test/yjs-client.js';

/**
 * 10,000 random and mutated frames, Socket.IO and Yjs, sent by a participant to a real server in a
 * process of its own: the process stays up, its memory stays bounded, a canary client keeps its round
 * trips, and afterwards the stored draft equals the live one. Seeded: a failure replays with SEED.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const FRAMES = 10_000;
/** Frames between two checks of the canary and the memory. */
const CHECK_EVERY = 500;
/** How far the server's resident memory may grow past what it held once warmed up. */
const GROWTH_LIMIT_BYTES = 200 * 1024 * 1024;

const children: ChildProcess[] = [];
const providers: WebsocketProvider[] = [];
const sockets: Socket[] = [];
const raw: Reconnecting[] = [];
/** How long the newcomer and the store may take to agree once the attacker has stopped. */
const SETTLE_MS = 10_000;
let dataDir: string | undefined;
afterEach(async () => {
  for (const r of raw.splice(0)) r.stop();
  for (const s of sockets.splice(0)) s.close();
  for (const p of providers.splice(0)) p.destroy();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  if (dataDir) {
    await dropTestData(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** The server process's resident memory (Linux: /proc). */
function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

/** A raw Socket.IO v4 connection (engine.io over WebSocket): connects to the main namespace, answers pings. */
function rawSocketIo(wsUrl: string, cookie: string): Reconnecting {
  return new Reconnecting(
    `${wsUrl}/socket.io/?EIO=4&transport=websocket`,
    cookie,
    (ws) =>
      new Promise<void>((resolve) => {
        ws.once('message', () => {
          ws.send('40');
          resolve();
        });
      }),
    (ws, data) => {
      if (data.toString() === '2') ws.send('3');
    },
  );
}

function syncStep1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(encoder);
}

describe('hostile frames', () => {
  it('leaves the server up, bounded, answering, and its stored draft equal to the live one', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-fuzz-'));
    const server = await startServerProcess(dataDir, children);
    const { topicId, meetingId, people } = await seedOverHttp(server, { open: true });
    const docName = `draft:${topicId}`;
    const rand = prng(SEED);

    // The canary: a member in the room and a writer whose edits the chair sees.
    const canary = ioClient(server.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: people.m0.client.cookie! },
    });
    sockets.push(canary);
    const emit = (event: string, payload: unknown) =>
      new Promise<any>((resolve) => (canary.emit as any)(event, payload, resolve));
    expect(await emit('meeting:join', { meetingId })).toMatchObject({ ok: true });
    const writer = provider(server.wsUrl, docName, people.m0.client.cookie);
    const reader = provider(server.wsUrl, docName, people.chair.client.cookie);
    providers.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    let canaryRound = 0;
    const checkCanary = async () => {
      canaryRound++;
      const raised = await emit('queue:raise', { kind: 'speech' });
      expect(raised).toMatchObject({ ok: true });
      expect(await emit('queue:withdraw', { entryId: raised.entry.id })).toMatchObject({ ok: true });
      const line = `金丝雀${canaryRound}`;
      writer.doc.getXmlFragment('body').push([paragraph(line)]);
      await until(reader.doc, () => draftText(reader.doc).includes(line));
    };

    // The attacker: a participant (a writer of the draft, a member of the room), raw on both wires.
    const cookie = people.m1.client.cookie!;
    const socketWire = rawSocketIo(server.wsUrl, cookie);
    const yjsFrames = new YjsFrames(rand);
    const yjsWire = new Reconnecting(`${server.wsUrl}/yjs/${docName}`, cookie, yjsFrames.onOpen);
    raw.push(socketWire, yjsWire);
    const known = { meetingId, topicId };

    let warm = 0;
    let highest = 0;
    for (let sent = 1; sent <= FRAMES; sent++) {
      if (rand() < 0.5) await socketWire.send(socketFrame(rand, known));
      else await yjsWire.send(yjsFrames.next());
      if (sent % 25 === 0) {
        await socketWire.roundTrip('42["time:sync",{}]');
        await yjsWire.roundTrip(syncStep1());
      }
      if (sent % CHECK_EVERY === 0) {
        await checkCanary();
        const rss = residentBytes(server.child.pid!);
        if (sent === CHECK_EVERY) warm = rss;
        highest = Math.max(highest, rss);
      }
    }

    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();
    expect((await people.chair.client.get('/api/health')).status).toBe(200);
    expect(highest - warm).toBeLessThan(GROWTH_LIMIT_BYTES);
    // The wires were closed and opened again along the way: the server refused what it had to.
    expect(socketWire.closes + yjsWire.closes).toBeGreaterThan(0);

    // What a newcomer is given live equals what the store holds, to the last struct. The attacker
    // stops first; what it sent last may still be on its way in (a round trip on its wire ends at
    // any message, not at the answer to it), and reaches the newcomer only once it is stored. So the
    // store is read again each time the newcomer takes something in, until the two agree; a store
    // that held what the newcomer was never sent would still differ when the wait ends.
    for (const wire of raw.splice(0)) wire.stop();
    const newcomer = provider(server.wsUrl, docName, people.chair.client.cookie);
    providers.push(newcomer);
    await synced(newcomer);
    const store = await openTestStore(dataDir, createLogger({ env: 'test', logLevel: 'silent' }));
    try {
      const same = (doc: Y.Doc) => Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(newcomer.doc));
      const deadline = Date.now() + SETTLE_MS;
      let stored = await store.docs.load(docName);
      while (!same(stored) && Date.now() < deadline) {
        const taken = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadline - Date.now());
          newcomer.doc.once('update', () => (clearTimeout(timer), resolve()));
        });
        stored = await store.docs.load(docName);
        if (same(stored)) break;
        await taken;
        stored = await store.docs.load(docName);
      }
      expect(same(stored)).toBe(true);
      expect(stored.getXmlFragment('body').toJSON()).toBe(newcomer.doc.getXmlFragment('body').toJSON());
      expect(draftText(stored)).toContain(`金丝雀${canaryRound}`);
      // The attacker's well-formed edits were taken in, not only refused.
      expect(draftText(stored)).toMatch(/攻\d+/);
    } finally {
      await store.close();
    }
  }, 180_000);
});
