import type { QueueState } from '@yishi/queue';
import type { Db } from './db.js';

/** Meeting queues, stored whole with their version, and the answers to commands by idempotency key. */
export class QueuesRepository {
  constructor(private readonly db: Db) {}

  async create(meetingId: string, state: QueueState, now: string): Promise<void> {
    await this.db
      .insertInto('meetingQueues')
      .values({ meetingId, version: state.version, state: JSON.stringify(state), updatedAt: now })
      .onConflict((oc) => oc.column('meetingId').doNothing())
      .execute();
  }

  async load(db: Db, meetingId: string): Promise<QueueState | undefined> {
    const row = await db
      .selectFrom('meetingQueues')
      .select('state')
      .where('meetingId', '=', meetingId)
      .executeTakeFirst();
    return row && (JSON.parse(row.state) as QueueState);
  }

  /** Stores the next state only over the version it was computed from; false when it moved meanwhile. */
  async save(db: Db, meetingId: string, from: number, state: QueueState, now: string): Promise<boolean> {
    const result = await db
      .updateTable('meetingQueues')
      .set({ version: state.version, state: JSON.stringify(state), updatedAt: now })
      .where('meetingId', '=', meetingId)
      .where('version', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async replace(meetingId: string, state: QueueState, now: string): Promise<void> {
    await this.db
      .updateTable('meetingQueues')
      .set({ version: state.version, state: JSON.stringify(state), updatedAt: now })
      .where('meetingId', '=', meetingId)
      .execute();
  }

  async answered(db: Db, meetingId: string, commandId: string): Promise<unknown> {
    const row = await db
      .selectFrom('queueCommands')
      .select('result')
      .where('meetingId', '=', meetingId)
      .where('commandId', '=', commandId)
      .executeTakeFirst();
    return row ? (JSON.parse(row.result) as unknown) : undefined;
  }

  async remember(
    db: Db,
    row: { meetingId: string; commandId: string; userId: string; result: unknown; createdAt: string },
  ): Promise<void> {
    await db
      .insertInto('queueCommands')
      .values({ ...row, result: JSON.stringify(row.result) })
      .execute();
  }
}
