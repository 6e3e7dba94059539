import type { AuditAction, AuditQuery, AuditSubjectType } from '@yishi/protocol';
import { entryHash, GENESIS_HASH, type ChainedEntry } from '../audit/chain.js';
import type { Db, Dialect } from './db.js';
import { lockUntilCommit } from './locks.js';

/** What a service says happened; the log, number, links and hash are the repository's. */
export interface AuditRecord {
  /** The organisation's id, or '' for what concerns no organisation (the installation's log). */
  log: string;
  at: string;
  actorId: string | null;
  action: AuditAction;
  subject: { type: AuditSubjectType; id: string } | null;
  details: Record<string, unknown>;
}

export type StoredAuditEntry = ChainedEntry & { hash: string };

/**
 * The audit logs: appended only, each entry linked to the one before by its hash. Append inside the
 * transaction of what it records, so that the action and its entry are committed together; the log's
 * lock makes appends from several nodes take turns for the next number.
 */
export class AuditRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async append(record: AuditRecord): Promise<StoredAuditEntry> {
    await lockUntilCommit(this.db, this.dialect, `audit:${record.log}`);
    const last = await this.db
      .selectFrom('auditEntries')
      .select(['seq', 'hash'])
      .where('log', '=', record.log)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const fields: ChainedEntry = {
      log: record.log,
      seq: (last?.seq ?? 0) + 1,
      at: record.at,
      actorId: record.actorId,
      action: record.action,
      subjectType: record.subject?.type ?? null,
      subjectId: record.subject?.id ?? null,
      details: record.details,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const entry = { ...fields, hash: entryHash(fields) };
    await this.db
      .insertInto('auditEntries')
      .values({ ...entry, details: JSON.stringify(entry.details) })
      .execute();
    return entry;
  }

  /** A page of a log, newest first, filtered. */
  async page(log: string, query: AuditQuery): Promise<StoredAuditEntry[]> {
    let q = this.db.selectFrom('auditEntries').selectAll().where('log', '=', log);
    if (query.actor) q = q.where('actorId', '=', query.actor);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.from) q = q.where('at', '>=', new Date(query.from).toISOString());
    if (query.to) q = q.where('at', '<=', new Date(query.to).toISOString());
    if (query.before) q = q.where('seq', '<', query.before);
    const rows = await q.orderBy('seq', 'desc').limit(query.limit).execute();
    return rows.map(parsed);
  }

  /** Up to `limit` entries of a log after `seq`, in order (to verify the chain a batch at a time). */
  async after(log: string, seq: number, limit: number): Promise<StoredAuditEntry[]> {
    const rows = await this.db
      .selectFrom('auditEntries')
      .selectAll()
      .where('log', '=', log)
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(parsed);
  }
}

function parsed(row: Omit<StoredAuditEntry, 'details'> & { details: string }): StoredAuditEntry {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}
