import * as Y from 'yjs';
import { newId } from '../deps.js';
import type { Db } from '../store/db.js';

/**
 * Stored Yjs documents: every accepted update is appended (so a crash loses nothing that was
 * acknowledged), a document is the merge of its updates, and versions are kept as encoded states.
 * The y-websocket endpoint and the procedure both read documents through this one store.
 */
export class DocStore {
  constructor(private readonly db: Db) {}

  /**
   * Appends one update; returns its sequence number within the document, or null when `allowed`
   * (checked in the same transaction) says the document may no longer be written — so that an
   * update racing a freeze is either stored before it or refused after it, never in between.
   */
  async append(
    docName: string,
    update: Uint8Array,
    now: string,
    allowed: (trx: Db) => Promise<boolean> = () => Promise.resolve(true),
  ): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await allowed(trx))) return null;
      const last = await trx
        .selectFrom('yjsUpdates')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('docName', '=', docName)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      await trx.insertInto('yjsUpdates').values({ docName, seq, update, createdAt: now }).execute();
      return seq;
    });
  }

  /** The document as the merge of every stored update (empty when nothing was stored). */
  async load(docName: string, db: Db = this.db): Promise<Y.Doc> {
    const rows = await db
      .selectFrom('yjsUpdates')
      .select('update')
      .where('docName', '=', docName)
      .orderBy('seq')
      .execute();
    const doc = new Y.Doc();
    if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)));
    return doc;
  }

  /**
   * Replaces a document's stored updates by their merge, in one transaction: loading stays fast, and
   * an update appended meanwhile (a later sequence number) is left as it is.
   */
  async compact(docName: string, now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('yjsUpdates')
        .select(['seq', 'update'])
        .where('docName', '=', docName)
        .orderBy('seq')
        .execute();
      if (rows.length < 2) return;
      const last = rows[rows.length - 1]!.seq;
      const merged = Y.mergeUpdates(rows.map((r) => r.update));
      await trx.deleteFrom('yjsUpdates').where('docName', '=', docName).where('seq', '<=', last).execute();
      await trx.insertInto('yjsUpdates').values({ docName, seq: last, update: merged, createdAt: now }).execute();
    });
  }

  /** The document's current state, encoded, to keep as a version. */
  async encodeState(docName: string, db: Db = this.db): Promise<Uint8Array> {
    return Y.encodeStateAsUpdate(await this.load(docName, db));
  }

  /**
   * Stores a version. It takes the state already encoded and the connection to write with, so that
   * a caller can store it in the same transaction as what caused it (the draft's freeze).
   */
  async insertVersion(
    db: Db,
    version: {
      docName: string;
      name: string;
      kind: 'named' | 'final';
      state: Uint8Array;
      createdBy: string;
      now: string;
    },
  ): Promise<string> {
    const id = newId();
    await db
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
}

/** The Yjs document name of a topic's outcome draft (DESIGN.md §4). */
export const draftDocName = (topicId: string) => `draft:${topicId}`;

/** Whether a draft's `body` fragment holds any visible text. */
export function draftHasText(doc: Y.Doc): boolean {
  const hasText = (node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): boolean => {
    if (node instanceof Y.XmlText)
      return (
        node
          .toString()
          .replace(/<[^>]*>/g, '')
          .trim().length > 0
      );
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) return node.toArray().some(hasText);
    return false;
  };
  return hasText(doc.getXmlFragment('body'));
}
