import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The `prevHash` of a log's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: everything it says, and the hash of the entry before it. */
export interface ChainedEntry {
  log: string;
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/**
 * SHA-256 of the entry in the JSON Canonicalization Scheme (RFC 8785, the `canonicalize` package):
 * the same entry gives the same bytes whatever the order of its keys, on every node and store.
 */
export function entryHash(entry: ChainedEntry): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalized');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The last entry found sound, as the next one must link to it. */
export interface ChainLink {
  seq: number;
  hash: string;
}

/**
 * Walks a log in order from the entry after `after`, and returns the `seq` of the first entry that
 * no longer matches (a changed field, a changed or missing entry before it, a number out of turn)
 * with the last sound one before it; or the last entry, when all are sound.
 */
export function firstBroken(
  entries: Iterable<ChainedEntry & { hash: string }>,
  after: ChainLink,
): { brokenAt: number; sound: ChainLink } | { last: ChainLink } {
  let previous = after;
  for (const entry of entries) {
    const { hash, ...fields } = entry;
    const linked = entry.seq === previous.seq + 1 && entry.prevHash === previous.hash;
    if (!linked || entryHash(fields) !== hash) return { brokenAt: entry.seq, sound: previous };
    previous = { seq: entry.seq, hash };
  }
  return { last: previous };
}
