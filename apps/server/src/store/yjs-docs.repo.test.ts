import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../logger.js';
import { dropTestData, openTestStore } from '../test/stores.js';
import type { Store } from './store.js';

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) {
    await dropTestData(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the Yjs document store', () => {
  it('compacts a document’s updates into one without losing or changing anything', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-docs-'));
    store = await openTestStore(dir, createLogger({ env: 'test', logLevel: 'silent' }));
    const s = store;
    const append = (u: Uint8Array) => s.transaction((tx) => tx.docs.append('draft:x', u, new Date().toISOString()));
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');
    for (const word of ['协商', '于民', '、', '协商', '为民']) text.insert(text.length, word);
    text.delete(0, 2);
    for (const u of updates) await append(u);
    expect((await s.docs.load('draft:x')).getText('t').toString()).toBe('于民、协商为民');

    await s.transaction((tx) => tx.docs.compact('draft:x', new Date().toISOString()));
    const compacted = updates.length;
    expect(await s.docs.sequence('draft:x')).toEqual([compacted]);
    expect((await s.docs.load('draft:x')).getText('t').toString()).toBe('于民、协商为民');

    // An update appended after compaction takes the next number and still merges.
    text.insert(text.length, '。');
    await append(updates.at(-1)!);
    expect(await s.docs.sequence('draft:x')).toEqual([compacted, compacted + 1]);
    expect((await s.docs.load('draft:x')).getText('t').toString()).toBe('于民、协商为民。');
  });
});
