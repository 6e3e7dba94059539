import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../logger.js';
import { dropTestData, openTestStore, testStoreKind, withTestDb } from '../test/stores.js';
import { migratorOf } from './open.js';
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

  it('numbers runs of updates stored at once in order, with no number taken twice or skipped', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-docs-'));
    store = await openTestStore(dir, createLogger({ env: 'test', logLevel: 'silent' }));
    const s = store;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');
    for (let i = 0; i < 24; i++) text.insert(text.length, String(i % 10));
    // Eight writers' runs of three, stored in eight transactions at once (on PostgreSQL, on as many
    // connections, which take turns through the document's lock).
    const runs = Array.from({ length: 8 }, (_, r) => updates.slice(r * 3, r * 3 + 3));
    const numbered = await Promise.all(
      runs.map((run) => s.transaction((tx) => tx.docs.appendMany('draft:y', run, new Date().toISOString()))),
    );
    for (const seqs of numbered) expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2]);
    expect(numbered.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(await s.docs.sequence('draft:y')).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    // Each number holds the update it was given.
    const stored = await s.docs.updatesAfter('draft:y', 0);
    numbered.forEach((seqs, r) =>
      seqs.forEach((seq, i) => expect(Buffer.from(stored[seq - 1]!.update)).toEqual(Buffer.from(runs[r]![i]!))),
    );
    expect((await s.docs.load('draft:y')).getText('t').toString()).toBe(text.toString());
  });

  it('numbers on after the updates a document had before its head was kept (migration 0016)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-docs-'));
    const at = new Date().toISOString();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['凝聚', '共识', '。']) doc.getText('t').insert(doc.getText('t').length, word);
    // An installation from before the heads: its updates numbered 1 and 2, and no head row.
    await (await openTestStore(dir, createLogger({ env: 'test', logLevel: 'silent' }))).close();
    await withTestDb(dir, async (db) => {
      const migrator = await migratorOf(db, testStoreKind);
      const names = (await migrator.getMigrations()).map((m) => m.name);
      const back = await migrator.migrateTo(names[names.indexOf('0016_yjs_heads') - 1]!);
      expect(back.results?.at(-1)).toMatchObject({ migrationName: '0016_yjs_heads', status: 'Success' });
      for (const [i, update] of updates.slice(0, 2).entries()) {
        await db
          .insertInto('yjsUpdates')
          .values({ docName: 'draft:z', seq: i + 1, update, createdAt: at })
          .execute();
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    });
    store = await openTestStore(dir, createLogger({ env: 'test', logLevel: 'silent' }));
    const s = store;
    expect(await s.transaction((tx) => tx.docs.append('draft:z', updates[2]!, at))).toBe(3);
    expect(await s.docs.sequence('draft:z')).toEqual([1, 2, 3]);
    expect((await s.docs.load('draft:z')).getText('t').toString()).toBe('凝聚共识。');
  });
});
