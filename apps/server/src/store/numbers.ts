import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * The next number of an organisation's year in a counter table (proposals' 2026-0007, bulletins'
 * 2026-03), counted in a row of its own: the upsert takes the row's lock on PostgreSQL, so that
 * two nodes numbering at once get two numbers, and a transaction that rolls back gives its number
 * back.
 */
export async function nextOfYear(
  db: Db,
  table: 'proposalNumbers' | 'bulletinNumbers',
  orgId: string,
  year: number,
): Promise<number> {
  const column = sql.ref(`${table === 'proposalNumbers' ? 'proposal_numbers' : 'bulletin_numbers'}.last`);
  const row = await db
    .insertInto(table)
    .values({ orgId, year, last: 1 })
    .onConflict((oc) => oc.columns(['orgId', 'year']).doUpdateSet({ last: sql<number>`${column} + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}
