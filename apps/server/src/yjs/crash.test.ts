import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { seedOverHttp } from '../test/http-seed.js';
import { startServerProcess, streamUntil } from '../test/processes.js';
import { dropTestData } from '../test/stores.js';
import { draftText, provider, synced, until } from '../test/yjs-client.js';

const children: ChildProcess[] = [];
const providers: WebsocketProvider[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  if (dataDir) {
    await dropTestData(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('an update that reached another client survives kill -9 of the server', () => {
  it('restarts with every update the reader had received', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-crash-'));
    const first = await startServerProcess(dataDir, children);
    const { topicId, people } = await seedOverHttp(first);
    const [writer, reader] = [people.m0.client, people.m1.client];
    const docName = `draft:${topicId}`;
    const a = provider(first.wsUrl, docName, writer.cookie);
    const b = provider(first.wsUrl, docName, reader.cookie);
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    // The reader kills the server, mid-stream, the moment it has seen 300 edits.
    const seenByReader = await streamUntil(a, b, 300, () => first.child.kill('SIGKILL'));
    expect(seenByReader.length).toBeGreaterThanOrEqual(1200);
    a.destroy();
    b.destroy();

    const second = await startServerProcess(dataDir, children);
    const c = provider(second.wsUrl, docName, reader.cookie);
    providers.push(c);
    await synced(c);
    await until(c.doc, () => draftText(c.doc).length >= seenByReader.length);
    expect(draftText(c.doc).startsWith(seenByReader)).toBe(true);
  }, 60_000);
});
