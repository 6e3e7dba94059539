import { sql } from 'kysely';
import * as Y from 'yjs';
import { newId } from '../deps.js';
import type { Db, Dialect } from './db.js';
import { lockUntilCommit } from './locks.js';

export interface VersionRow {
  id: string;
  name: string;
  kind: 'named' | 'final';
  createdBy: string;
  createdAt: string;
}

/**
 * Stored Yjs documents: every accepted update is appended (so a crash loses nothing that was
 * acknowledged), a document is the merge of its updates, and versions are kept as encoded states.
 * The y-websocket endpoint and the procedure both read documents through this one repository.
 */
export class YjsDocsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Appends one update and returns its sequence number within the document. Call it inside a
   * transaction: the document's head row makes appends from several nodes take turns for the next number.
   */
  async append(docName: string, update: Uint8Array, now: string): Promise<number> {
    const [seq] = await this.appendMany(docName, [update], now);
    return seq!;
  }

  /**
   * Appends several updates in order and returns their sequence numbers (what `append` does for one).
   * The document's head row is moved on by as many, and holds its lock until the transaction ends, so
   * appends from several nodes take turns. Call it inside a transaction.
   */
  async appendMany(docName: string, updates: readonly Uint8Array[], now: string): Promise<number[]> {
    const n = updates.length;
    if (n === 0) return [];
    if (this.dialect.kind === 'postgres') {
      // One round trip: the head is moved on and the updates inserted under its new numbers.
      const values = sql.join(updates.map((u, i) => sql`(${i + 1}::int, ${u}::bytea)`));
      const result = await sql<{ seq: number }>`
        with head as (
          insert into yjs_heads (doc_name, seq) values (${docName}, ${n})
          on conflict (doc_name) do update set seq = yjs_heads.seq + excluded.seq
          returning seq
        )
        insert into yjs_updates (doc_name, seq, update, created_at)
        select ${docName}, head.seq - ${n}::int + v.i, v.u, ${now}
        from head, (values ${values}) as v(i, u)
        returning seq`.execute(this.db);
      return result.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
    }
    const head = await this.db
      .insertInto('yjsHeads')
      .values({ docName, seq: n })
      .onConflict((oc) => oc.column('docName').doUpdateSet({ seq: sql<number>`yjs_heads.seq + excluded.seq` }))
      .returning('seq')
      .executeTakeFirstOrThrow();
    const first = Number(head.seq) - n + 1;
    const rows = updates.map((update, i) => ({ docName, seq: first + i, update, createdAt: now }));
    await this.db.insertInto('yjsUpdates').values(rows).execute();
    return rows.map((r) => r.seq);
  }

  /** The document as the merge of every stored update (empty when nothing was stored). */
  async load(docName: string): Promise<Y.Doc> {
    return (await this.loadWithSeq(docName)).doc;
  }

  /**
   * The document, the sequence number of the last update in it (0 when nothing was stored) and the
   * bytes its stored updates take.
   */
  async loadWithSeq(docName: string): Promise<{ doc: Y.Doc; seq: number; bytes: number }> {
    const rows = await this.updatesAfter(docName, 0);
    const doc = new Y.Doc();
    if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)));
    const bytes = rows.reduce((sum, r) => sum + r.update.byteLength, 0);
    return { doc, seq: rows.at(-1)?.seq ?? 0, bytes };
  }

  /** The stored updates numbered above `seq`, in order (a compacted row holds all those before it too). */
  async updatesAfter(docName: string, seq: number): Promise<{ seq: number; update: Uint8Array }[]> {
    return this.db
      .selectFrom('yjsUpdates')
      .select(['seq', 'update'])
      .where('docName', '=', docName)
      .where('seq', '>', seq)
      .orderBy('seq')
      .execute();
  }

  /** The number of the document's last stored update (0 when nothing was stored). */
  async lastSeq(docName: string): Promise<number> {
    const row = await this.db
      .selectFrom('yjsUpdates')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('docName', '=', docName)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /** The sequence numbers stored for a document, in order (for tests and store copies). */
  async sequence(docName: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('yjsUpdates')
      .select('seq')
      .where('docName', '=', docName)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.seq);
  }

  /**
   * Replaces a document's stored updates by their merge. Call it inside a transaction: loading
   * stays fast, and an update appended meanwhile (a later sequence number) is left as it is.
   */
  async compact(docName: string, now: string): Promise<void> {
    await lockUntilCommit(this.db, this.dialect, `yjs:${docName}`);
    const rows = await this.db
      .selectFrom('yjsUpdates')
      .select(['seq', 'update'])
      .where('docName', '=', docName)
      .orderBy('seq')
      .execute();
    if (rows.length < 2) return;
    const last = rows[rows.length - 1]!.seq;
    const merged = Y.mergeUpdates(rows.map((r) => r.update));
    await this.db.deleteFrom('yjsUpdates').where('docName', '=', docName).where('seq', '<=', last).execute();
    await this.db.insertInto('yjsUpdates').values({ docName, seq: last, update: merged, createdAt: now }).execute();
  }

  /**
   * Replaces the stored updates numbered up to `upTo` by `state`, the encoded state of a live document
   * that holds all of them (and perhaps later ones too: applying an update twice changes nothing).
   * Unlike `compact`, nothing is merged here: a document whose writers inserted and deleted a lot is
   * small live, however much its updates took. Call it inside a transaction.
   */
  async compactTo(docName: string, upTo: number, state: Uint8Array, now: string): Promise<void> {
    if (upTo < 1) return;
    await lockUntilCommit(this.db, this.dialect, `yjs:${docName}`);
    await this.db.deleteFrom('yjsUpdates').where('docName', '=', docName).where('seq', '<=', upTo).execute();
    await this.db.insertInto('yjsUpdates').values({ docName, seq: upTo, update: state, createdAt: now }).execute();
  }

  /** The bytes a document's stored updates take. */
  async storedBytes(docName: string): Promise<number> {
    const length =
      this.dialect.kind === 'postgres' ? sql<number>`octet_length("update")` : sql<number>`length("update")`;
    const row = await this.db
      .selectFrom('yjsUpdates')
      .select((eb) => eb.fn.coalesce(eb.fn.sum(length), eb.lit(0)).as('bytes'))
      .where('docName', '=', docName)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /** The document's current state, encoded, to keep as a version. */
  async encodeState(docName: string): Promise<Uint8Array> {
    return Y.encodeStateAsUpdate(await this.load(docName));
  }

  /**
   * Stores a version from a state already encoded, so that a caller can store it in the same
   * transaction as what caused it (the draft's freeze).
   */
  async insertVersion(version: {
    docName: string;
    name: string;
    kind: 'named' | 'final';
    state: Uint8Array;
    createdBy: string;
    now: string;
  }): Promise<string> {
    const id = newId();
    await this.db
      .insertInto('yjsVersions')
      .values({
        id,
        docName: version.docName,
        name: version.name,
        kind: version.kind,
        state: version.state,
        createdBy: version.createdBy,
        createdAt: version.now,
      })
      .execute();
    return id;
  }

  /** A document's versions, oldest first, without their states. */
  async versions(docName: string): Promise<VersionRow[]> {
    const rows = await this.db
      .selectFrom('yjsVersions')
      .select(['id', 'name', 'kind', 'createdBy', 'createdAt'])
      .where('docName', '=', docName)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, kind: r.kind as VersionRow['kind'] }));
  }

  /** A version's state as a document; undefined when the version is not one of the document's. */
  async version(docName: string, id: string): Promise<Y.Doc | undefined> {
    const row = await this.db
      .selectFrom('yjsVersions')
      .select('state')
      .where('id', '=', id)
      .where('docName', '=', docName)
      .executeTakeFirst();
    return row && docOf(row.state);
  }

  /** The last final version (frozen when the topic left drafting), if the document has one. */
  async finalVersion(docName: string): Promise<{ doc: Y.Doc; createdAt: string } | undefined> {
    const row = await this.db
      .selectFrom('yjsVersions')
      .select(['state', 'createdAt'])
      .where('docName', '=', docName)
      .where('kind', '=', 'final')
      .orderBy('createdAt', 'desc')
      .executeTakeFirst();
    return row && { doc: docOf(row.state), createdAt: row.createdAt };
  }
}

function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
