import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../logger.js';
import { openSqliteStore, type Store } from '../store/db.js';
import { DocStore } from './doc-store.js';

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Yjs document store', () => {
  it('compacts a document’s updates into one without losing or changing anything', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-docs-'));
    store = await openSqliteStore(dir, createLogger({ env: 'test', logLevel: 'silent' }));
    const docs = new DocStore(store.db);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');
    for (const word of ['协商', '于民', '、', '协商', '为民']) text.insert(text.length, word);
    text.delete(0, 2);
    for (const u of updates) await docs.append('draft:x', u, new Date().toISOString());
    expect((await docs.load('draft:x')).getText('t').toString()).toBe('于民、协商为民');

    await docs.compact('draft:x', new Date().toISOString());
    const compacted = updates.length;
    const rows = await store.db.selectFrom('yjsUpdates').select('seq').where('docName', '=', 'draft:x').execute();
    expect(rows.map((r) => r.seq)).toEqual([compacted]);
    expect((await docs.load('draft:x')).getText('t').toString()).toBe('于民、协商为民');

    // An update appended after compaction takes the next number and still merges.
    text.insert(text.length, '。');
    await docs.append('draft:x', updates.at(-1)!, new Date().toISOString());
    const after = await store.db.selectFrom('yjsUpdates').select('seq').where('docName', '=', 'draft:x').execute();
    expect(after.map((r) => r.seq)).toEqual([compacted, compacted + 1]);
    expect((await docs.load('draft:x')).getText('t').toString()).toBe('于民、协商为民。');
  });
});
