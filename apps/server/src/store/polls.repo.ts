import { PollKinds, PollStatuses, type Ballot, type Poll, type PollResult } from '@yishi/polls';
import { storedChoices, storedPollResult, storedStrings } from '@yishi/protocol';
import type { Db, Dialect } from './db.js';
import type { PollsTable } from './schema.js';
import { readEnum, readJson } from './stored.js';

function pollOf(row: PollsTable): Poll {
  return {
    id: row.id,
    meetingId: row.meetingId,
    question: row.question,
    options: readJson(storedStrings, row.options, `options of poll ${row.id}`),
    kind: readEnum(PollKinds, row.kind, `kind of poll ${row.id}`),
    secret: row.secret === 1,
    status: readEnum(PollStatuses, row.status, `status of poll ${row.id}`),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
  };
}

const resultOf = (row: PollsTable): PollResult | null =>
  row.result === null ? null : readJson(storedPollResult, row.result, `result of poll ${row.id}`);

/** A meeting's straw polls and the ballots of those still open. */
export class PollsRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  async create(poll: Poll): Promise<void> {
    await this.db
      .insertInto('polls')
      .values({
        id: poll.id,
        meetingId: poll.meetingId,
        question: poll.question,
        options: JSON.stringify(poll.options),
        kind: poll.kind,
        secret: poll.secret ? 1 : 0,
        status: poll.status,
        createdBy: poll.createdBy,
        createdAt: poll.createdAt,
        openedAt: poll.openedAt,
        closedAt: poll.closedAt,
        result: null,
      })
      .execute();
  }

  /**
   * A poll and its result; `forUpdate` holds its row until the transaction ends, so that a ballot
   * and the close take turns (SQLite's single writer gives the same order).
   */
  async find(id: string, forUpdate = false): Promise<{ poll: Poll; result: PollResult | null } | undefined> {
    const row = await this.db
      .selectFrom('polls')
      .selectAll()
      .where('id', '=', id)
      .$if(forUpdate && this.dialect.kind === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    return row && { poll: pollOf(row), result: resultOf(row) };
  }

  /** The meeting's polls, oldest first, with how many ballots each open one has. */
  async forMeeting(meetingId: string): Promise<{ poll: Poll; result: PollResult | null; ballots: number }[]> {
    const rows = await this.db
      .selectFrom('polls')
      .leftJoin('pollBallots', 'pollBallots.pollId', 'polls.id')
      .selectAll('polls')
      .select((eb) => eb.fn.count<number>('pollBallots.userId').as('ballotCount'))
      .where('polls.meetingId', '=', meetingId)
      .groupBy('polls.id')
      .orderBy('polls.createdAt')
      .orderBy('polls.id')
      .execute();
    return rows.map(({ ballotCount, ...row }) => {
      const result = resultOf(row);
      return { poll: pollOf(row), result, ballots: result ? result.ballots : Number(ballotCount) };
    });
  }

  /** How many of the meeting's polls are open. */
  async openCount(meetingId: string): Promise<number> {
    const row = await this.db
      .selectFrom('polls')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meetingId', '=', meetingId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Stores a poll's new status and times, and its result once it has one. */
  async update(poll: Poll, result: PollResult | null = null): Promise<void> {
    await this.db
      .updateTable('polls')
      .set({
        status: poll.status,
        openedAt: poll.openedAt,
        closedAt: poll.closedAt,
        result: result && JSON.stringify(result),
      })
      .where('id', '=', poll.id)
      .execute();
  }

  /** Stores a voter's ballot in place of their last. */
  async putBallot(pollId: string, ballot: Ballot, at: string): Promise<void> {
    const row = {
      pollId,
      userId: ballot.userId,
      displayName: ballot.displayName,
      choices: JSON.stringify(ballot.choices),
      castAt: at,
    };
    await this.db
      .insertInto('pollBallots')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['pollId', 'userId'])
          .doUpdateSet({ displayName: row.displayName, choices: row.choices, castAt: row.castAt }),
      )
      .execute();
  }

  async ballots(pollId: string): Promise<Ballot[]> {
    const rows = await this.db
      .selectFrom('pollBallots')
      .select(['userId', 'displayName', 'choices'])
      .where('pollId', '=', pollId)
      .orderBy('userId')
      .execute();
    return rows.map((r) => ({ ...r, choices: readJson(storedChoices, r.choices, `ballot in poll ${pollId}`) }));
  }

  async ballotCount(pollId: string): Promise<number> {
    const row = await this.db
      .selectFrom('pollBallots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pollId', '=', pollId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The choices of one voter's ballot, if they cast one (and it was kept). */
  async ballotOf(pollId: string, userId: string): Promise<number[] | null> {
    const row = await this.db
      .selectFrom('pollBallots')
      .select('choices')
      .where('pollId', '=', pollId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    return row ? readJson(storedChoices, row.choices, `ballot in poll ${pollId}`) : null;
  }

  /** Forgets who chose what (a secret poll, once its tally is kept). */
  async dropBallots(pollId: string): Promise<void> {
    await this.db.deleteFrom('pollBallots').where('pollId', '=', pollId).execute();
  }
}
