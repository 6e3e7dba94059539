import type { AuditAction, AuditEntry, AuditPage, AuditQuery, AuditVerification } from '@yishi/protocol';
import { firstBroken, GENESIS_HASH } from '../audit/chain.js';
import { canManageMembers, type Actor } from '../auth/policy.js';
import { forbidden, notFound } from '../errors.js';
import type { AuditRecord, StoredAuditEntry } from '../store/audit.repo.js';
import type { Store } from '../store/store.js';
import type { TopicAccess } from './topic-access.js';

/** An entry about a topic, by whoever acts on it, in its organisation's log. */
export function topicEntry(
  access: TopicAccess,
  action: AuditAction,
  at: string,
  details: Record<string, unknown> = {},
): AuditRecord {
  const subject = { type: 'topic' as const, id: access.topic.id };
  return { log: access.topic.orgId, at, actorId: access.actor.user.id, action, subject, details };
}

/** The installation's own log: what concerns no organisation (set-up, sign-ins of unknown names). */
export const SITE_LOG = '';

/** The longest an id is (`idSchema`): a longer string in an entry's details names nothing. */
const ID_LENGTH = 64;

/** How many entries the verification reads at a time. */
const VERIFY_BATCH = 1000;

/**
 * Reading the audit logs (docs/design.md, Audit). An organisation's log is read by its
 * administrators and secretariat, and those of the organisations above it; the installation's log
 * by site administrators. Entries are written by the services, each in the transaction of what it
 * records (`tx.audit.append`).
 */
export class AuditService {
  constructor(private readonly store: Store) {}

  async page(actor: Actor, orgId: string | null, query: AuditQuery): Promise<AuditPage> {
    const log = await this.readableLog(actor, orgId);
    const rows = await this.store.audit.page(log, query);
    const ids = idsIn(rows);
    const [people, topics, meetings] = await Promise.all([
      this.store.users.displayNames(ids),
      log === SITE_LOG ? new Map<string, string>() : this.store.topics.titlesIn(log, ids),
      log === SITE_LOG ? new Map<string, string>() : this.store.meetings.titlesIn(log, ids),
    ]);
    const entries = rows.map((row) => view(row, people));
    const last = rows.at(-1);
    return {
      entries,
      names: {
        people: Object.fromEntries(people),
        topics: Object.fromEntries(topics),
        meetings: Object.fromEntries(meetings),
      },
      next: rows.length === query.limit && last && last.seq > 1 ? last.seq : null,
    };
  }

  /** Recomputes the log's chain from its first entry; names the first entry that no longer matches. */
  async verify(actor: Actor, orgId: string | null): Promise<AuditVerification> {
    const log = await this.readableLog(actor, orgId);
    let previous = { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const batch = await this.store.audit.after(log, previous.seq, VERIFY_BATCH);
      const result = firstBroken(batch, previous);
      if ('brokenAt' in result) return { ok: false, entries: result.sound.seq, brokenAt: result.brokenAt };
      previous = result.last;
      if (batch.length < VERIFY_BATCH) return { ok: true, entries: previous.seq };
    }
  }

  private async readableLog(actor: Actor, orgId: string | null): Promise<string> {
    if (orgId === null) {
      if (!actor.user.isAdmin) throw forbidden('Only a site administrator reads the installation’s audit log');
      return SITE_LOG;
    }
    const chain = await this.store.tree.chain(orgId);
    if (chain.length === 0) throw notFound('Organisation');
    if (!canManageMembers(actor, chain)) throw forbidden('Only administrators and the secretariat read the audit log');
    return orgId;
  }
}

/**
 * Every string of the entries that may be an id: actors, subjects, and the values of their details
 * (in arrays and in the objects of arrays too, as an attendance correction lists its people).
 */
function idsIn(rows: readonly StoredAuditEntry[]): string[] {
  const ids = new Set<string>();
  const add = (value: unknown, depth: number): void => {
    if (typeof value === 'string') {
      if (value.length > 0 && value.length <= ID_LENGTH) ids.add(value);
    } else if (depth > 0 && Array.isArray(value)) {
      for (const item of value) add(item, depth - 1);
    } else if (depth > 0 && value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) add(item, depth - 1);
    }
  };
  for (const row of rows) {
    if (row.actorId) ids.add(row.actorId);
    if (row.subjectId) ids.add(row.subjectId);
    add(row.details, 3);
  }
  return [...ids];
}

function view(row: StoredAuditEntry, names: Map<string, string>): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actorId ? { id: row.actorId, displayName: names.get(row.actorId) ?? '' } : null,
    action: row.action as AuditEntry['action'],
    subject: row.subjectType && row.subjectId ? { type: row.subjectType as never, id: row.subjectId } : null,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
