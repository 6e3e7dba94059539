import { DomainError } from '../errors.js';
import type { KeyValue } from '../store/keyset.js';

/**
 * A list's cursor: which list it belongs to and the sort key of the last row given, in base64url
 * JSON. It is opaque to clients and not secret (a changed cursor only moves where the page starts;
 * every page is read under the same access rules). A cursor of another list, or one that does not
 * decode to a key of the list's shape, is refused as VALIDATION.
 */
export function encodeCursor(list: string, key: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/** The kinds of a list's sort key, in order. */
type KeyShape = readonly ('string' | 'number')[];

/** The values of a sort key of that shape. */
type KeyOf<Shape extends KeyShape> = { [K in keyof Shape]: Shape[K] extends 'number' ? number : string };

/** The sort key a cursor of `list` carries, each value of the kind `shape` names; undefined without one. */
export function decodeCursor<const Shape extends KeyShape>(
  list: string,
  cursor: string | undefined,
  shape: Shape,
): KeyOf<Shape> | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const fits =
    Array.isArray(decoded) &&
    decoded.length === shape.length + 1 &&
    decoded[0] === list &&
    shape.every((kind, i) => typeof decoded[i + 1] === kind && (kind !== 'number' || Number.isFinite(decoded[i + 1])));
  if (!fits) {
    throw new DomainError('VALIDATION', 'Invalid query', [{ path: 'cursor', message: `not a cursor of ${list}` }]);
  }
  return (decoded as unknown[]).slice(1) as KeyOf<Shape>;
}

/**
 * A page from rows fetched one beyond the limit: the extra row says there is a next page, whose
 * cursor is the key of the last row kept.
 */
export function pageOf<Row>(
  list: string,
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly KeyValue[],
): { items: Row[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(list, keyOf(last)) : null };
}

/**
 * One page of a list, as every paged endpoint reads it: the cursor decoded to the key the page
 * starts after, the rows (one beyond the limit) and the total read together, and the next cursor.
 */
export async function readPage<const Shape extends KeyShape, Row>(
  list: { name: string; shape: Shape },
  query: { cursor?: string | undefined; limit: number },
  read: (start: KeyOf<Shape> | undefined) => Promise<readonly [rows: readonly Row[], total: number]>,
  keyOf: (row: Row) => readonly KeyValue[],
): Promise<{ items: Row[]; next: string | null; total: number }> {
  const [rows, total] = await read(decodeCursor(list.name, query.cursor, list.shape));
  return { ...pageOf(list.name, rows, query.limit, keyOf), total };
}
