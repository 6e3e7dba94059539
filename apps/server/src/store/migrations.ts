import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { StoreKind } from './db.js';

/**
 * Migrations, in order, for either store. Each is written with Kysely's schema builder so that it
 * runs on SQLite and PostgreSQL alike; where they differ (binary columns, full-text search) the
 * migration says so. Never change what a shipped migration does on a store: add the next one.
 */
const migrations = (kind: StoreKind): Record<string, Migration> => {
  const blob = kind === 'postgres' ? sql`bytea` : 'blob';
  return {
    '0001_accounts_and_orgs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('login', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('orgs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('level', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'text', (c) => c.references('orgs.id').onDelete('restrict'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('orgs_parent_id').on('orgs').column('parent_id').execute();

        await db.schema
          .createTable('memberships')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('sector', 'text')
          .addColumn('expertise', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('memberships_org_user', ['org_id', 'user_id'])
          .execute();
        await db.schema.createIndex('memberships_user_id').on('memberships').column('user_id').execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('user_agent', 'text')
          .addColumn('ip', 'text')
          .execute();
        await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
        await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['sessions', 'memberships', 'orgs', 'users']) {
          await sql`drop table if exists ${sql.table(table)}`.execute(db);
        }
      },
    },
    '0002_topics_and_procedure': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('org_settings')
          .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id').onDelete('cascade'))
          .addColumn('min_research_reports', 'integer', (c) => c.notNull())
          .addColumn('min_distinct_speakers', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('topics')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('restrict'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('stage', 'text', (c) => c.notNull())
          .addColumn('proposer_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('outcome_form', 'text')
          .addColumn('due_date', 'text')
          .addColumn('party_contact_id', 'text', (c) => c.references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('topics_org_stage').on('topics').columns(['org_id', 'stage']).execute();

        await db.schema
          .createTable('topic_vetting')
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('question', 'text', (c) => c.notNull())
          .addColumn('answer', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('topic_vetting_pk', ['topic_id', 'question'])
          .execute();

        await db.schema
          .createTable('topic_participants')
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('assessment', 'text', (c) => c.notNull())
          .addColumn('added_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('added_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('topic_participants_pk', ['topic_id', 'user_id'])
          .execute();

        await db.schema
          .createTable('research_reports')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('authors', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('report_date', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('research_reports_topic').on('research_reports').column('topic_id').execute();

        await db.schema
          .createTable('meetings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('starts_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('opened_at', 'text')
          .addColumn('ended_at', 'text')
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('meetings_topic').on('meetings').column('topic_id').execute();

        await db.schema
          .createTable('speeches')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('speaker_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('agenda_item_id', 'text')
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('ended_at', 'text', (c) => c.notNull())
          .addColumn('duration_seconds', 'integer', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
          .execute();
        await db.schema.createIndex('speeches_meeting').on('speeches').column('meeting_id').execute();

        await db.schema
          .createTable('topic_recipients')
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addPrimaryKeyConstraint('topic_recipients_pk', ['topic_id', 'user_id'])
          .execute();

        await db.schema
          .createTable('topic_answers')
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('round', 'integer', (c) => c.notNull())
          .addColumn('decision', 'text', (c) => c.notNull())
          .addColumn('measures', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('answered_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('answered_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('topic_answers_pk', ['topic_id', 'round'])
          .execute();

        await db.schema
          .createTable('topic_ratings')
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('round', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('score', 'integer', (c) => c.notNull())
          .addColumn('comment', 'text', (c) => c.notNull())
          .addColumn('rated_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('rated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('topic_ratings_pk', ['topic_id', 'round', 'kind'])
          .execute();

        await db.schema
          .createTable('topic_transitions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('from_stage', 'text', (c) => c.notNull())
          .addColumn('to_stage', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('reason', 'text')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('topic_transitions_topic')
          .on('topic_transitions')
          .columns(['topic_id', 'seq'])
          .execute();

        // Yjs documents (the outcome draft): every accepted update appended, versions as encoded states.
        await db.schema
          .createTable('yjs_updates')
          .addColumn('doc_name', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('update', blob, (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('yjs_updates_pk', ['doc_name', 'seq'])
          .execute();
        await db.schema
          .createTable('yjs_versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('doc_name', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('state', blob, (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('yjs_versions_doc').on('yjs_versions').column('doc_name').execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of [
          'yjs_versions',
          'yjs_updates',
          'topic_transitions',
          'topic_ratings',
          'topic_answers',
          'topic_recipients',
          'speeches',
          'meetings',
          'research_reports',
          'topic_participants',
          'topic_vetting',
          'topics',
          'org_settings',
        ]) {
          await sql`drop table if exists ${sql.table(table)}`.execute(db);
        }
      },
    },
    '0003_meeting_queues': {
      async up(db: Kysely<unknown>) {
        // The speaker queue of each meeting: its state (JSON) and version, changed one command at a time.
        await db.schema
          .createTable('meeting_queues')
          .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // Answers to commands by their idempotency key, so that a retried command is not applied twice.
        await db.schema
          .createTable('queue_commands')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('command_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('result', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('queue_commands_pk', ['meeting_id', 'command_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists queue_commands`.execute(db);
        await sql`drop table if exists meeting_queues`.execute(db);
      },
    },
    '0004_case_library': {
      async up(db: Kysely<unknown>) {
        // A published case keeps its own copy of everything it shows: later edits elsewhere do not change it.
        await db.schema
          .createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('topic_id', 'text', (c) => c.notNull().unique().references('topics.id'))
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('level', 'text', (c) => c.notNull())
          .addColumn('sectors', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('published_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('published_at', 'text', (c) => c.notNull())
          .execute();
        if (kind === 'postgres') {
          // Trigrams of any phrase serve ILIKE '%…%', Chinese included, without word segmentation.
          await sql`create extension if not exists pg_trgm with schema public`.execute(db);
          await sql`create index cases_search_text_trgm on cases using gin (search_text public.gin_trgm_ops)`.execute(
            db,
          );
          return;
        }
        // Full-text search, Chinese included: the trigram tokenizer needs no word segmentation.
        await sql`create virtual table cases_fts using fts5(search_text, content='cases', content_rowid='rowid', tokenize='trigram')`.execute(
          db,
        );
        await sql`create trigger cases_fts_insert after insert on cases begin
        insert into cases_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
      },
      async down(db: Kysely<unknown>) {
        if (kind === 'sqlite') {
          await sql`drop trigger if exists cases_fts_insert`.execute(db);
          await sql`drop table if exists cases_fts`.execute(db);
        }
        await sql`drop table if exists cases`.execute(db);
      },
    },
    '0005_notifications': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('notifications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('data', 'text', (c) => c.notNull())
          /** Makes a reminder idempotent: one per topic, round and person. */
          .addColumn('dedupe_key', 'text', (c) => c.unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('read_at', 'text')
          .execute();
        await db.schema
          .createIndex('notifications_user')
          .on('notifications')
          .columns(['user_id', 'created_at'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists notifications`.execute(db);
      },
    },
    '0006_attendance_and_minutes': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('meeting_attendance')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('first_joined_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'user_id'])
          .execute();
        await db.schema
          .createTable('meeting_minutes')
          .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('approved_by', 'text', (c) => c.references('users.id'))
          .addColumn('approved_at', 'text')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists meeting_minutes`.execute(db);
        await sql`drop table if exists meeting_attendance`.execute(db);
      },
    },
    '0007_queue_commands_per_person': {
      // A command id is the sender's own: keyed by meeting alone, one person's id answered another's
      // command with the first person's reply. Only applied commands are kept from now on.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('queue_commands_v2')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('command_id', 'text', (c) => c.notNull())
          .addColumn('result', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('queue_commands_v2_pk', ['meeting_id', 'user_id', 'command_id'])
          .execute();
        await sql`insert into queue_commands_v2 (meeting_id, user_id, command_id, result, created_at)
          select meeting_id, user_id, command_id, result, created_at from queue_commands
          where result like '{"ok":true%'`.execute(db);
        await db.schema.dropTable('queue_commands').execute();
        await db.schema.alterTable('queue_commands_v2').renameTo('queue_commands').execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists queue_commands`.execute(db);
      },
    },
    '0008_server_settings': {
      // What belongs to the installation rather than to an organisation, one row per key: the
      // one-time setup code, which every node of one store must accept alike.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('server_settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists server_settings`.execute(db);
      },
    },
    '0009_audit_log': {
      // One hash-chained log per organisation ('' for what concerns none): entries are only appended.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('audit_entries')
          .addColumn('log', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject_type', 'text')
          .addColumn('subject_id', 'text')
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('prev_hash', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('audit_entries_pk', ['log', 'seq'])
          .execute();
        await db.schema
          .createIndex('audit_entries_actor')
          .on('audit_entries')
          .columns(['log', 'actor_id', 'seq'])
          .execute();
        await db.schema
          .createIndex('audit_entries_action')
          .on('audit_entries')
          .columns(['log', 'action', 'seq'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists audit_entries`.execute(db);
      },
    },
    '0010_exchange_with_departments': {
      // 要三: whether an official must have answered in a meeting before drafting (per
      // organisation), and the gates a transition made an exception to (a JSON array of codes).
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('org_settings')
          .addColumn('require_official_exchange', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .alterTable('topic_transitions')
          .addColumn('waived', 'text', (c) => c.notNull().defaultTo('[]'))
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('topic_transitions').dropColumn('waived').execute();
        await db.schema.alterTable('org_settings').dropColumn('require_official_exchange').execute();
      },
    },
    '0011_queue_log': {
      // Why each entry of a meeting's queue was placed and given the floor, and every move, removal,
      // pause and extension: the order of speakers, auditable afterwards (in the minutes). A
      // speech names the queue entry it was, to find the reason of its place.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('queue_log')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('queue_log_pk', ['meeting_id', 'seq'])
          .execute();
        await db.schema.alterTable('speeches').addColumn('entry_id', 'text').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('speeches').dropColumn('entry_id').execute();
        await sql`drop table if exists queue_log`.execute(db);
      },
    },
    '0012_polls': {
      // Straw polls of a meeting and the ballots of the open ones (a secret poll's are dropped at its
      // close: only the tally in `result` is kept).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('polls')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('question', 'text', (c) => c.notNull())
          .addColumn('options', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('secret', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('opened_at', 'text')
          .addColumn('closed_at', 'text')
          .addColumn('result', 'text')
          .execute();
        await db.schema.createIndex('polls_meeting').on('polls').columns(['meeting_id', 'created_at']).execute();
        await db.schema
          .createTable('poll_ballots')
          .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('choices', 'text', (c) => c.notNull())
          .addColumn('cast_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('poll_ballots_pk', ['poll_id', 'user_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists poll_ballots`.execute(db);
        await sql`drop table if exists polls`.execute(db);
      },
    },
    '0013_meeting_form_and_place': {
      // A meeting's form of consultation, how people take part, where it is held (a liaison station
      // or consultation room of the tree, or a place in words) and a conference link (JSON).
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('meetings')
          .addColumn('form', 'text', (c) => c.notNull().defaultTo('thematic'))
          .execute();
        await db.schema
          .alterTable('meetings')
          .addColumn('mode', 'text', (c) => c.notNull().defaultTo('in_person'))
          .execute();
        await db.schema
          .alterTable('meetings')
          .addColumn('place_id', 'text', (c) => c.references('orgs.id'))
          .execute();
        await db.schema.alterTable('meetings').addColumn('location', 'text').execute();
        await db.schema.alterTable('meetings').addColumn('video', 'text').execute();
      },
      async down(db: Kysely<unknown>) {
        for (const column of ['video', 'location', 'place_id', 'mode', 'form']) {
          await db.schema.alterTable('meetings').dropColumn(column).execute();
        }
      },
    },
    '0014_attendance_sites': {
      // Where each person took part (in the hall or remote) beside their attendance; in a hybrid
      // meeting where each said they were, remembered for the meeting before it opens too; and the
      // secretariat's corrections of attendance, which the minutes print.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('meeting_attendance').addColumn('site', 'text').execute();
        await db.schema
          .createTable('meeting_sites')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('set_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('meeting_sites_pk', ['meeting_id', 'user_id'])
          .execute();
        await db.schema
          .createTable('attendance_corrections')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('corrected_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('corrected_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('attendance_corrections_pk', ['meeting_id', 'user_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists attendance_corrections`.execute(db);
        await sql`drop table if exists meeting_sites`.execute(db);
        await db.schema.alterTable('meeting_attendance').dropColumn('site').execute();
      },
    },
    '0016_yjs_heads': {
      // Each document's last sequence number in a row of its own. An append bumps it and inserts its
      // updates under the numbers it got: the row's lock makes appends from several nodes take turns,
      // and on PostgreSQL both happen in one statement (instead of an advisory lock, then the insert).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('yjs_heads')
          .addColumn('doc_name', 'text', (c) => c.primaryKey())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .execute();
        await sql`insert into yjs_heads (doc_name, seq) select doc_name, max(seq) from yjs_updates group by doc_name`.execute(
          db,
        );
      },
      async down(db: Kysely<unknown>) {
        await sql`drop table if exists yjs_heads`.execute(db);
      },
    },
    '0017_case_summaries': {
      // A page of the case library reads its summaries from columns instead of parsing each case's
      // whole detail (issue 16), in the order of publication, newest first.
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('cases')
          .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema
          .alterTable('cases')
          .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
          .execute();
        await db.schema.alterTable('cases').addColumn('form', 'text').execute();
        await db.schema.alterTable('cases').addColumn('decision', 'text').execute();
        if (kind === 'postgres') {
          await sql`update cases set summary = coalesce(detail::jsonb ->> 'summary', ''),
            tags = coalesce((detail::jsonb -> 'tags')::text, '[]'),
            form = detail::jsonb ->> 'form', decision = detail::jsonb ->> 'decision'`.execute(db);
        } else {
          await sql`update cases set summary = coalesce(json_extract(detail, '$.summary'), ''),
            tags = coalesce(json_extract(detail, '$.tags'), '[]'),
            form = json_extract(detail, '$.form'), decision = json_extract(detail, '$.decision')`.execute(db);
        }
        await db.schema.createIndex('cases_published').on('cases').columns(['published_at', 'id']).execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop index if exists cases_published`.execute(db);
        for (const column of ['decision', 'form', 'tags', 'summary']) {
          await db.schema.alterTable('cases').dropColumn(column).execute();
        }
      },
    },
    '0018_follow_up_pages': {
      // A page of a person's notifications, the newest first, and of an official's inbox read an
      // index (issue 16): notifications by person, creation and id (in place of the index by person
      // and creation, which it covers), and recipients by person (their key starts with the topic).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('notifications_user_page')
          .on('notifications')
          .columns(['user_id', 'created_at', 'id'])
          .execute();
        await db.schema.dropIndex('notifications_user').execute();
        await db.schema
          .createIndex('topic_recipients_user')
          .on('topic_recipients')
          .columns(['user_id', 'topic_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop index if exists topic_recipients_user`.execute(db);
        await db.schema
          .createIndex('notifications_user')
          .on('notifications')
          .columns(['user_id', 'created_at'])
          .execute();
        await sql`drop index if exists notifications_user_page`.execute(db);
      },
    },
    '0019_topic_pages': {
      // A page of topics, the most recently changed first, over all the actor sees or one
      // organisation's (issue 16).
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('topics_updated').on('topics').columns(['updated_at', 'id']).execute();
        await db.schema
          .createIndex('topics_org_updated')
          .on('topics')
          .columns(['org_id', 'updated_at', 'id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop index if exists topics_org_updated`.execute(db);
        await sql`drop index if exists topics_updated`.execute(db);
      },
    },
    '0020_case_orgs': {
      // The case library of a reader who is not a site administrator keeps to their organisations:
      // its count and its pages read the cases of those organisations, newest first, from this
      // index instead of every case (issue 16's bench: 170 ms to count a county's on SQLite).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('cases_org_published')
          .on('cases')
          .columns(['org_id', 'published_at', 'id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`drop index if exists cases_org_published`.execute(db);
      },
    },
    '0021_case_details': {
      // A case's whole detail (JSON) and its search text, some 10 KB, move out of the cases table
      // into one of their own (issue 16's bench). SQLite kept them inline, before the summary
      // columns that 0017 added, so that reading a page's summaries, or ranking 20,000 matches by
      // date, walked each row's overflow pages. PostgreSQL's trigram index follows the text; SQLite's
      // is rebuilt from it, keyed by the cases' own rowids.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('case_details')
          .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .execute();
        // The text is kept lower-cased, so that PostgreSQL matches it with LIKE instead of ILIKE.
        await sql`insert into case_details (case_id, detail, search_text) select id, detail, lower(search_text) from cases`.execute(
          db,
        );
        if (kind === 'postgres') {
          await sql`create index case_details_search_text_trgm on case_details
            using gin (search_text public.gin_trgm_ops)`.execute(db);
          await sql`drop index if exists cases_search_text_trgm`.execute(db);
          await db.schema.alterTable('cases').dropColumn('detail').execute();
          await db.schema.alterTable('cases').dropColumn('search_text').execute();
          return;
        }
        await sql`drop trigger if exists cases_fts_insert`.execute(db);
        await sql`drop table if exists cases_fts`.execute(db);
        await db.schema.alterTable('cases').dropColumn('detail').execute();
        await db.schema.alterTable('cases').dropColumn('search_text').execute();
        // The index holds no text of its own (contentless) and answers with the rowids of the cases
        // themselves, so that a search goes from the index straight to the cases it found.
        await sql`create virtual table cases_fts using fts5(search_text, content='', tokenize='trigram')`.execute(db);
        await sql`insert into cases_fts(rowid, search_text)
          select c.rowid, d.search_text from cases c join case_details d on d.case_id = c.id`.execute(db);
        await sql`create trigger cases_fts_insert after insert on case_details begin
          insert into cases_fts(rowid, search_text) select rowid, new.search_text from cases where id = new.case_id; end`.execute(
          db,
        );
      },
      async down(db: Kysely<unknown>) {
        await db.schema
          .alterTable('cases')
          .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema
          .alterTable('cases')
          .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await sql`update cases set
          detail = (select d.detail from case_details d where d.case_id = cases.id),
          search_text = (select d.search_text from case_details d where d.case_id = cases.id)`.execute(db);
        if (kind === 'postgres') {
          await sql`create index cases_search_text_trgm on cases using gin (search_text public.gin_trgm_ops)`.execute(
            db,
          );
        } else {
          await sql`drop trigger if exists cases_fts_insert`.execute(db);
          await sql`drop table if exists cases_fts`.execute(db);
          await sql`create virtual table cases_fts using fts5(search_text, content='cases', content_rowid='rowid', tokenize='trigram')`.execute(
            db,
          );
          await sql`insert into cases_fts(cases_fts) values ('rebuild')`.execute(db);
          await sql`create trigger cases_fts_insert after insert on cases begin
          insert into cases_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
        }
        await sql`drop table if exists case_details`.execute(db);
      },
    },
    '0022_case_search_keys': {
      // A case's organisation, title and time of publication beside its text, so that PostgreSQL
      // finds, filters and ranks the cases holding some words in one scan of the text table, and
      // reads only the page's cases (issue 16's bench). A published case never changes.
      async up(db: Kysely<unknown>) {
        for (const column of ['org_id', 'title', 'published_at']) {
          await db.schema
            .alterTable('case_details')
            .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
            .execute();
        }
        await sql`update case_details set
          org_id = (select c.org_id from cases c where c.id = case_details.case_id),
          title = (select c.title from cases c where c.id = case_details.case_id),
          published_at = (select c.published_at from cases c where c.id = case_details.case_id)`.execute(db);
      },
      async down(db: Kysely<unknown>) {
        for (const column of ['published_at', 'title', 'org_id']) {
          await db.schema.alterTable('case_details').dropColumn(column).execute();
        }
      },
    },
    '0023_departments': {
      // Departments (承办单位) become entities of their organisation (issue 11), and an official's
      // membership names the one they answer for. Every official so far stood for a department of
      // their own: each gets one named after them, which an administrator can rename or merge.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('departments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('departments_org_name', ['org_id', 'name'])
          .execute();
        await db.schema
          .alterTable('memberships')
          .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('set null'))
          .execute();
        await db.schema.createIndex('memberships_department').on('memberships').column('department_id').execute();
        await departmentsForOfficials(db);
      },
      async down(db: Kysely<unknown>) {
        await sql`drop index if exists memberships_department`.execute(db);
        await db.schema.alterTable('memberships').dropColumn('department_id').execute();
        await db.schema.dropTable('departments').execute();
      },
    },
    '0024_outcome_departments': {
      // An outcome is addressed to departments, not to people (issue 11): any official of a
      // recipient department answers. Each person an outcome named stands for the department their
      // membership names now; one who has none any more (no longer an official) gets a department
      // named after them, as 0023 gave every official.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('topic_departments')
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
          .addPrimaryKeyConstraint('topic_departments_pk', ['topic_id', 'department_id'])
          .execute();
        await db.schema
          .createIndex('topic_departments_department')
          .on('topic_departments')
          .columns(['department_id', 'topic_id'])
          .execute();
        await recipientsAsDepartments(db);
        await sql`drop index if exists topic_recipients_user`.execute(db);
        await db.schema.dropTable('topic_recipients').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema
          .createTable('topic_recipients')
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addPrimaryKeyConstraint('topic_recipients_pk', ['topic_id', 'user_id'])
          .execute();
        // Back to people: every active official of each recipient department.
        await sql`insert into topic_recipients (topic_id, user_id)
          select distinct td.topic_id, m.user_id from topic_departments td
          join memberships m on m.department_id = td.department_id and m.role = 'official'`.execute(db);
        await db.schema
          .createIndex('topic_recipients_user')
          .on('topic_recipients')
          .columns(['user_id', 'topic_id'])
          .execute();
        await db.schema.dropTable('topic_departments').execute();
      },
    },
    '0025_proposals': {
      // Proposals (提案, issue 11). The record with its co-signers, replies and assessments is one
      // JSON document that the rules of @yishi/duty read and return whole; the columns beside it,
      // and the people and departments tables, are what lists filter, order and count by. A
      // version number makes a change computed from a stale record fail instead of overwriting
      // another node's. Numbers (2026-0007) count per organisation and year in a row of their own.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('proposals')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('number', 'text')
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('category', 'text', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('key', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('lead_department_id', 'text', (c) => c.references('departments.id'))
          .addColumn('due_date', 'text')
          .addColumn('lead_replied', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('submitted_at', 'text')
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('proposals_org_number', ['org_id', 'number'])
          .execute();
        await db.schema
          .createIndex('proposals_org_updated')
          .on('proposals')
          .columns(['org_id', 'updated_at', 'id'])
          .execute();
        if (kind === 'postgres') {
          await sql`create index proposals_search_text_trgm on proposals
            using gin (search_text public.gin_trgm_ops)`.execute(db);
        }
        await db.schema
          .createTable('proposal_people')
          .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('part', 'text', (c) => c.notNull())
          .addColumn('confirmed', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('proposal_people_pk', ['proposal_id', 'user_id'])
          .execute();
        await db.schema.createIndex('proposal_people_user').on('proposal_people').columns(['user_id']).execute();
        await db.schema
          .createTable('proposal_departments')
          .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
          .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
          .addColumn('part', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('proposal_departments_pk', ['proposal_id', 'department_id'])
          .execute();
        await db.schema
          .createIndex('proposal_departments_department')
          .on('proposal_departments')
          .columns(['department_id'])
          .execute();
        await db.schema
          .createTable('proposal_numbers')
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('last', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('proposal_numbers_pk', ['org_id', 'year'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['proposal_numbers', 'proposal_departments', 'proposal_people', 'proposals']) {
          await db.schema.dropTable(table).execute();
        }
      },
    },
    '0026_duty_weights': {
      // The weights of an organisation's duty records (履职档案, issue 11), which its secretariat
      // sets: a JSON object of the counts' weights; an organisation without a row uses the defaults
      // of @yishi/duty.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('duty_weights')
          .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id').onDelete('cascade'))
          .addColumn('weights', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('duty_weights').execute();
      },
    },
    '0027_proposal_topics': {
      // A consultation topic the chair opens from a proposal (提案办理协商, issue 11): the link read
      // both ways, from the proposal to its topics and from a topic to the proposal it came from.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('proposal_topics')
          .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
          .addColumn('topic_id', 'text', (c) => c.notNull().unique().references('topics.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('proposal_topics_pk', ['proposal_id', 'topic_id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('proposal_topics').execute();
      },
    },
    '0028_notification_subjects': {
      // A notification is about a topic or a proposal (issue 11): each has its own reference, so
      // that deleting either deletes its notifications, and exactly one is set. SQLite cannot make a
      // column nullable in place: the table is made again, on both stores alike, and its rows copied.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('notifications_next')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('topic_id', 'text', (c) => c.references('topics.id').onDelete('cascade'))
          .addColumn('proposal_id', 'text', (c) => c.references('proposals.id').onDelete('cascade'))
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('dedupe_key', 'text', (c) => c.unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('read_at', 'text')
          .addCheckConstraint('notifications_one_subject', sql`(topic_id is null) <> (proposal_id is null)`)
          .execute();
        await sql`insert into notifications_next (id, user_id, kind, topic_id, data, dedupe_key, created_at, read_at)
          select id, user_id, kind, topic_id, data, dedupe_key, created_at, read_at from notifications`.execute(db);
        await db.schema.dropTable('notifications').execute();
        await db.schema.alterTable('notifications_next').renameTo('notifications').execute();
        await db.schema
          .createIndex('notifications_user_page')
          .on('notifications')
          .columns(['user_id', 'created_at', 'id'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await sql`delete from notifications where topic_id is null`.execute(db);
        await db.schema
          .createTable('notifications_prev')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('dedupe_key', 'text', (c) => c.unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('read_at', 'text')
          .execute();
        await sql`insert into notifications_prev select id, user_id, kind, topic_id, data, dedupe_key, created_at,
          read_at from notifications`.execute(db);
        await db.schema.dropTable('notifications').execute();
        await db.schema.alterTable('notifications_prev').renameTo('notifications').execute();
        await db.schema
          .createIndex('notifications_user_page')
          .on('notifications')
          .columns(['user_id', 'created_at', 'id'])
          .execute();
      },
    },
    '0029_email': {
      // Notifications by e-mail (issue 11): each person's address and choice of what to receive,
      // and an outbox written in the transaction that stores the notification, so that a mail is
      // sent at least once even if the node stops right after the change; any node sends it.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('email_choices')
          .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
          .addColumn('address', 'text')
          .addColumn('kinds', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('email_outbox')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .addColumn('last_error', 'text')
          .execute();
        await db.schema
          .createIndex('email_outbox_due')
          .on('email_outbox')
          .columns(['sent_at', 'next_attempt_at'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('email_outbox').execute();
        await db.schema.dropTable('email_choices').execute();
      },
    },
    '0030_opinions': {
      // Public-opinion reports (社情民意信息) and bulletins (专报), issue 11. As with proposals, the
      // record is one JSON document the rules of @yishi/duty read and return whole, with a version
      // against a change computed from a stale record; the columns beside it are what lists filter,
      // order and count by. Bulletin numbers (2026-03) count per organisation and year in a row of
      // their own. A notification may now be about a report: the table is made again (SQLite cannot
      // change a check in place) with a third reference, exactly one of the three set.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('opinions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('category', 'text', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('submitted_at', 'text', (c) => c.notNull())
          .addColumn('bulletins', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('instructed', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('from_proposal_id', 'text', (c) => c.references('proposals.id').onDelete('set null'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('opinions_org_updated')
          .on('opinions')
          .columns(['org_id', 'updated_at', 'id'])
          .execute();
        await db.schema.createIndex('opinions_author').on('opinions').columns(['author_id', 'submitted_at']).execute();
        if (kind === 'postgres') {
          await sql`create index opinions_search_text_trgm on opinions
            using gin (search_text public.gin_trgm_ops)`.execute(db);
        }
        await db.schema
          .createTable('bulletins')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('number', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('opinion_count', 'integer', (c) => c.notNull())
          .addColumn('compiled_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('compiled_at', 'text', (c) => c.notNull())
          .addColumn('record', 'text', (c) => c.notNull())
          .addUniqueConstraint('bulletins_org_number', ['org_id', 'number'])
          .execute();
        await db.schema
          .createIndex('bulletins_org_compiled')
          .on('bulletins')
          .columns(['org_id', 'compiled_at', 'id'])
          .execute();
        await db.schema
          .createTable('bulletin_numbers')
          .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('last', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('bulletin_numbers_pk', ['org_id', 'year'])
          .execute();
        await remakeNotifications(db, true);
      },
      async down(db: Kysely<unknown>) {
        await remakeNotifications(db, false);
        for (const table of ['bulletin_numbers', 'bulletins', 'opinions']) await db.schema.dropTable(table).execute();
      },
    },
    '0031_topic_forwards': {
      // Forwarding across levels (上报 / 交办, issue 13): each hop links the topic it left to the
      // dossier it became in the parent or child organisation, with who sent it, when and why. A
      // dossier's provenance is the chain of hops that ends at it; a topic is the end of one hop at
      // most.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('topic_forwards')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('from_topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('to_topic_id', 'text', (c) => c.notNull().unique().references('topics.id').onDelete('cascade'))
          .addColumn('from_org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('to_org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('forwarded_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('forwarded_at', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('topic_forwards_from')
          .on('topic_forwards')
          .columns(['from_topic_id', 'forwarded_at'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('topic_forwards').execute();
      },
    },
  };
};

/**
 * Each recipient of an outcome as the department they answer for in the topic's organisation, or,
 * when their membership there names none, a department named after them (made once per
 * organisation and person, and reused when the organisation has a department of that name).
 */
async function recipientsAsDepartments(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    topicId: string;
    orgId: string;
    userId: string;
    departmentId: string | null;
    name: string;
    createdAt: string;
  }>`
    select r.topic_id as "topicId", t.org_id as "orgId", r.user_id as "userId", m.department_id as "departmentId",
      u.display_name as name, t.created_at as "createdAt"
    from topic_recipients r
    join topics t on t.id = r.topic_id
    join users u on u.id = r.user_id
    left join memberships m on m.org_id = t.org_id and m.user_id = r.user_id
    order by t.created_at, r.topic_id, r.user_id`.execute(db);
  const made = new Map<string, string>();
  for (const row of rows) {
    let departmentId = row.departmentId ?? made.get(`${row.orgId}/${row.userId}`);
    if (!departmentId) {
      const { rows: named } = await sql<{ id: string }>`select id from departments
        where org_id = ${row.orgId} and name = ${row.name}`.execute(db);
      departmentId = named[0]?.id ?? randomUUID();
      if (!named[0]) {
        await sql`insert into departments (id, org_id, name, created_at, updated_at)
          values (${departmentId}, ${row.orgId}, ${row.name}, ${row.createdAt}, ${row.createdAt})`.execute(db);
      }
      made.set(`${row.orgId}/${row.userId}`, departmentId);
    }
    await sql`insert into topic_departments (topic_id, department_id) values (${row.topicId}, ${departmentId})
      on conflict do nothing`.execute(db);
  }
}

/**
 * A department for each official who has none, named after them (with their login when two
 * officials of one organisation share a name), created when their membership was.
 */
async function departmentsForOfficials(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; orgId: string; name: string; login: string; createdAt: string }>`
    select m.id, m.org_id as "orgId", u.display_name as name, u.login, m.created_at as "createdAt"
    from memberships m join users u on u.id = m.user_id
    where m.role = 'official' and m.department_id is null
    order by m.created_at, m.id`.execute(db);
  const taken = new Set<string>();
  for (const official of rows) {
    const name = taken.has(`${official.orgId}/${official.name}`)
      ? `${official.name} (${official.login})`
      : official.name;
    taken.add(`${official.orgId}/${name}`);
    const id = randomUUID();
    await sql`insert into departments (id, org_id, name, created_at, updated_at)
      values (${id}, ${official.orgId}, ${name}, ${official.createdAt}, ${official.createdAt})`.execute(db);
    await sql`update memberships set department_id = ${id} where id = ${official.id}`.execute(db);
  }
}

/** The migrations of one kind of store. */
export const migrationProvider = (kind: StoreKind): MigrationProvider => ({
  getMigrations: () => Promise.resolve(migrations(kind)),
});

/**
 * The notifications table made again with (`opinions`) or without a reference to a public-opinion
 * report, its rows copied; going back drops the notifications about reports. The e-mail outbox
 * refers to notifications: its rows are kept aside and put back.
 */
async function remakeNotifications(db: Kysely<unknown>, opinions: boolean): Promise<void> {
  const one = (c: string) => `case when ${c} is null then 0 else 1 end`;
  const subjects = opinions ? ['topic_id', 'proposal_id', 'opinion_id'] : ['topic_id', 'proposal_id'];
  await sql`create table email_outbox_kept as select * from email_outbox`.execute(db);
  await db.schema.dropTable('email_outbox').execute();
  let table = db.schema
    .createTable('notifications_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.references('topics.id').onDelete('cascade'))
    .addColumn('proposal_id', 'text', (c) => c.references('proposals.id').onDelete('cascade'));
  if (opinions) table = table.addColumn('opinion_id', 'text', (c) => c.references('opinions.id').onDelete('cascade'));
  await table
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addCheckConstraint('notifications_one_subject', sql.raw(`(${subjects.map(one).join(' + ')}) = 1`))
    .execute();
  await sql`insert into notifications_next (id, user_id, kind, topic_id, proposal_id, data, dedupe_key, created_at,
    read_at) select id, user_id, kind, topic_id, proposal_id, data, dedupe_key, created_at, read_at from notifications
    ${opinions ? sql`` : sql`where opinion_id is null`}`.execute(db);
  await db.schema.dropTable('notifications').execute();
  await db.schema.alterTable('notifications_next').renameTo('notifications').execute();
  await db.schema
    .createIndex('notifications_user_page')
    .on('notifications')
    .columns(['user_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['sent_at', 'next_attempt_at']).execute();
  await sql`insert into email_outbox select * from email_outbox_kept
    where notification_id in (select id from notifications)`.execute(db);
  await db.schema.dropTable('email_outbox_kept').execute();
}
