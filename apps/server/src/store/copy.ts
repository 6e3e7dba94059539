import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * Every table of the store, parents before children, so that rows can be inserted in this order
 * with foreign keys on. A migration that adds a table adds it here; the copy's test fails otherwise.
 */
export const TABLES = [
  'users',
  'orgs',
  'departments',
  'memberships',
  'sessions',
  'org_settings',
  'topics',
  'topic_vetting',
  'topic_participants',
  'research_reports',
  'meetings',
  'speeches',
  'topic_departments',
  'topic_answers',
  'topic_ratings',
  'topic_transitions',
  'yjs_updates',
  'yjs_heads',
  'yjs_versions',
  'meeting_queues',
  'queue_commands',
  'queue_log',
  'polls',
  'poll_ballots',
  'cases',
  'case_details',
  'meeting_attendance',
  'meeting_sites',
  'attendance_corrections',
  'meeting_minutes',
  'server_settings',
  'audit_entries',
  'proposals',
  'proposal_people',
  'proposal_departments',
  'proposal_numbers',
  'duty_weights',
  'proposal_topics',
  'opinions',
  'bulletins',
  'bulletin_numbers',
  'topic_forwards',
  // About a topic, a proposal or a report: after all three.
  'notifications',
  'email_choices',
  'email_outbox',
] as const;

export interface TableCount {
  table: string;
  from: number;
  to: number;
}

export class StoreCopyError extends Error {}

const BATCH = 200;

async function count(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The tables of a database that are not the migrator's own, by name. */
async function tablesOf(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).filter((name) => !name.startsWith('kysely_') && !name.startsWith('cases_fts'));
}

/**
 * Copies an installation from one store into another, empty one (SQLite into PostgreSQL), in one
 * transaction on the target: all of it, or nothing. Rows go over as they are stored (ids, times as
 * ISO text, Yjs updates as bytes), and every table's row count is compared afterwards.
 */
export async function copyStore(from: Db, to: Db): Promise<TableCount[]> {
  const raw = { from: from.withoutPlugins(), to: to.withoutPlugins() };
  const unknown = (await tablesOf(raw.from)).filter((t) => !(TABLES as readonly string[]).includes(t));
  if (unknown.length > 0) throw new StoreCopyError(`Tables this copy does not know: ${unknown.join(', ')}`);
  for (const table of TABLES) {
    if ((await count(raw.to, table)) > 0) {
      throw new StoreCopyError(`The target already holds data (table ${table}); copy into an empty database`);
    }
  }
  await raw.to.transaction().execute(async (trx) => {
    for (const table of TABLES) {
      for (let offset = 0; ; offset += BATCH) {
        const rows = await sql<
          Record<string, unknown>
        >`select * from ${sql.table(table)} order by 1 limit ${BATCH} offset ${offset}`
          .execute(raw.from)
          .then((r) => r.rows);
        if (rows.length === 0) break;
        await trx
          .insertInto(table as never)
          .values(rows as never)
          .execute();
        if (rows.length < BATCH) break;
      }
    }
  });
  const counts: TableCount[] = [];
  for (const table of TABLES)
    counts.push({ table, from: await count(raw.from, table), to: await count(raw.to, table) });
  return counts;
}
