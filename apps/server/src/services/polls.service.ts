import {
  castBallot,
  closePoll,
  createPoll,
  openPoll,
  type Poll,
  type PollActor,
  type PollOutcome,
  type PollResult,
} from '@yishi/polls';
import type { MeetingPolls, PollCreatePayload, PollView } from '@yishi/protocol';
import type { Actor } from '../auth/policy.js';
import { newId } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import type { Repositories } from '../store/store.js';
import type { RoomMember, RoomService } from './room.service.js';
import type { TopicsDeps } from './topics.service.js';

/** The outcome's value, or its refusal as the error the socket's ack carries. */
function accepted<T>(outcome: PollOutcome<T>): T {
  if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message);
  return outcome.value;
}

const actorOf = ({ queueActor }: RoomMember): PollActor => ({
  userId: queueActor.userId,
  displayName: queueActor.displayName,
  role: queueActor.role,
});

/**
 * Straw polls in a meeting's room: the pure rules decide, each change is one store transaction, and
 * the room hears `poll:state` after it (how many voted, never what, until the close) and
 * `poll:result` at the close. A secret poll's ballots are dropped when it closes; only its tally stays.
 */
export class PollsService {
  constructor(
    private readonly deps: TopicsDeps,
    private readonly room: RoomService,
  ) {}

  async create(member: RoomMember, payload: PollCreatePayload): Promise<PollView> {
    this.requireOpenMeeting(member);
    const poll = accepted(
      createPoll(payload, {
        id: newId(),
        meetingId: member.meeting.id,
        actor: actorOf(member),
        now: this.now(),
      }),
    );
    await this.deps.store.polls.create(poll);
    return this.changed({ meetingId: poll.meetingId, poll, ballots: 0, result: null });
  }

  async open(member: RoomMember, pollId: string): Promise<PollView> {
    this.requireOpenMeeting(member);
    const view = await this.deps.store.transaction(async (tx) => {
      const { poll } = await this.pollOf(tx, member, pollId);
      // The meeting's queue row orders this against another poll opened at the same moment.
      await tx.queues.loadForUpdate(member.meeting.id);
      const open = accepted(openPoll(poll, actorOf(member), this.now(), await tx.polls.openCount(poll.meetingId)));
      await tx.polls.update(open);
      return { meetingId: open.meetingId, poll: open, ballots: 0, result: null };
    });
    return this.changed(view);
  }

  /** A participant's ballot, replacing their last; the room learns only that one more voted. */
  async vote(member: RoomMember, pollId: string, choices: number[]): Promise<number[]> {
    this.requireOpenMeeting(member);
    const { view, ballot } = await this.deps.store.transaction(async (tx) => {
      const { poll } = await this.pollOf(tx, member, pollId, true);
      const ballot = accepted(castBallot(poll, actorOf(member), choices));
      await tx.polls.putBallot(poll.id, ballot, this.now());
      const view: PollView = {
        meetingId: poll.meetingId,
        poll,
        ballots: await tx.polls.ballotCount(poll.id),
        result: null,
      };
      return { view, ballot };
    });
    await this.changed(view);
    return ballot.choices;
  }

  async close(member: RoomMember, pollId: string): Promise<PollResult> {
    const view = await this.deps.store.transaction(async (tx) => {
      const { poll } = await this.pollOf(tx, member, pollId, true);
      const ballots = await tx.polls.ballots(poll.id);
      const { poll: closed, result } = accepted(closePoll(poll, actorOf(member), this.now(), ballots));
      await tx.polls.update(closed, result);
      if (closed.secret) await tx.polls.dropBallots(closed.id);
      return { meetingId: closed.meetingId, poll: closed, ballots: result.ballots, result };
    });
    await this.changed(view);
    await this.deps.events.emit('poll.closed', { meetingId: view.meetingId, ...view.result! });
    return view.result!;
  }

  /** Closes the polls still open when their meeting ends (by whoever ended it), so that their results reach the minutes. */
  async closeWithMeeting(member: RoomMember): Promise<void> {
    for (const { poll } of await this.deps.store.polls.forMeeting(member.meeting.id)) {
      if (poll.status === 'open') await this.close(member, poll.id);
    }
  }

  /** The meeting's polls for anyone who may see its topic, with the caller's own ballots. */
  async list(actor: Actor, meetingId: string): Promise<MeetingPolls> {
    const member = await this.room.member(actor, meetingId);
    const polls = await this.deps.store.polls.forMeeting(member.meeting.id);
    return {
      polls: await Promise.all(
        polls.map(async ({ poll, result, ballots }) => ({
          meetingId: poll.meetingId,
          poll,
          ballots,
          result,
          myChoices: await this.deps.store.polls.ballotOf(poll.id, actor.user.id),
        })),
      ),
    };
  }

  private async pollOf(
    tx: Repositories,
    member: RoomMember,
    pollId: string,
    forUpdate = false,
  ): Promise<{ poll: Poll; result: PollResult | null }> {
    const found = await tx.polls.find(pollId, forUpdate);
    // A poll of another meeting is no more found than one that does not exist.
    if (!found || found.poll.meetingId !== member.meeting.id) throw notFound('Poll');
    return found;
  }

  private requireOpenMeeting(member: RoomMember): void {
    if (member.meeting.status !== 'open') throw new DomainError('CONFLICT', 'Polls are held while the meeting is open');
  }

  private async changed(view: PollView): Promise<PollView> {
    await this.deps.events.emit('poll.changed', view);
    return view;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
