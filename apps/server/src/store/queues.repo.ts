import { QUEUE_STATE_VERSION, storedCommandAnswer, storedQueueLogRecord, upgradeStoredQueue } from '@yishi/protocol';
import type { QueueLogRecord, QueueState } from '@yishi/queue';
import type { Db, Dialect } from './db.js';
import { readJson, StoredDataError } from './stored.js';

/** A queue as stored: its state with the version of its shape (`upgradeStoredQueue` reads older ones). */
const stored = (state: QueueState) => JSON.stringify({ v: QUEUE_STATE_VERSION, state });

function queueOf(text: string, meetingId: string): QueueState {
  try {
    return upgradeStoredQueue(JSON.parse(text));
  } catch (err) {
    throw new StoredDataError(`queue of meeting ${meetingId}`, err);
  }
}

/** Meeting queues, stored whole with their version, and the answers to commands by idempotency key. */
export class QueuesRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async create(meetingId: string, state: QueueState, now: string): Promise<void> {
    await this.db
      .insertInto('meetingQueues')
      .values({ meetingId, version: state.version, state: stored(state), updatedAt: now })
      .onConflict((oc) => oc.column('meetingId').doNothing())
      .execute();
  }

  async load(meetingId: string): Promise<QueueState | undefined> {
    const row = await this.db
      .selectFrom('meetingQueues')
      .select('state')
      .where('meetingId', '=', meetingId)
      .executeTakeFirst();
    return row && queueOf(row.state, meetingId);
  }

  /**
   * Loads the queue and holds its row until the transaction ends, so that commands for one meeting
   * sent to different nodes are applied one after another rather than failing on each other's
   * version. (SQLite's single writer gives the same order without a row lock.)
   */
  async loadForUpdate(meetingId: string): Promise<QueueState | undefined> {
    const row = await this.db
      .selectFrom('meetingQueues')
      .select('state')
      .where('meetingId', '=', meetingId)
      .$if(this.dialect.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    return row && queueOf(row.state, meetingId);
  }

  /**
   * Appends records to the meeting's moderation log. Call it in the transaction that saved the
   * queue: the queue's row lock makes appends for one meeting take turns for the next numbers.
   */
  async appendLog(meetingId: string, at: string, records: readonly QueueLogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const last = await this.db
      .selectFrom('queueLog')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('meetingId', '=', meetingId)
      .executeTakeFirst();
    const first = Number(last?.seq ?? 0) + 1;
    await this.db
      .insertInto('queueLog')
      .values(
        records.map((record, i) => ({
          meetingId,
          seq: first + i,
          at,
          type: record.type,
          record: JSON.stringify(record),
        })),
      )
      .execute();
  }

  /** The meeting's moderation log, in order. */
  async log(meetingId: string): Promise<{ seq: number; at: string; record: QueueLogRecord }[]> {
    const rows = await this.db
      .selectFrom('queueLog')
      .select(['seq', 'at', 'record'])
      .where('meetingId', '=', meetingId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      record: readJson(storedQueueLogRecord, r.record, `queue log ${r.seq} of meeting ${meetingId}`),
    }));
  }

  /** Stores the next state only over the version it was computed from; false when it moved meanwhile. */
  async save(meetingId: string, from: number, state: QueueState, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('meetingQueues')
      .set({ version: state.version, state: stored(state), updatedAt: now })
      .where('meetingId', '=', meetingId)
      .where('version', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async replace(meetingId: string, state: QueueState, now: string): Promise<void> {
    await this.db
      .updateTable('meetingQueues')
      .set({ version: state.version, state: stored(state), updatedAt: now })
      .where('meetingId', '=', meetingId)
      .execute();
  }

  /** The answer to a person's command with this id in this meeting, if it was applied before. */
  async answered(meetingId: string, userId: string, commandId: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('queueCommands')
      .select('result')
      .where('meetingId', '=', meetingId)
      .where('userId', '=', userId)
      .where('commandId', '=', commandId)
      .executeTakeFirst();
    return row ? readJson(storedCommandAnswer, row.result, `answer to command ${commandId}`) : undefined;
  }

  /** How many applied commands a meeting keeps (for tests and the audit). */
  async rememberedCount(meetingId: string): Promise<number> {
    const row = await this.db
      .selectFrom('queueCommands')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meetingId', '=', meetingId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async remember(row: {
    meetingId: string;
    commandId: string;
    userId: string;
    result: unknown;
    createdAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('queueCommands')
      .values({ ...row, result: JSON.stringify(row.result) })
      .execute();
  }
}
