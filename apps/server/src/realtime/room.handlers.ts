import {
  emptyPayload,
  meetingJoinPayload,
  pollCreatePayload,
  pollIdPayload,
  pollVotePayload,
  presenceWherePayload,
  queueBarePayload,
  queueEntryPayload,
  queueExtendPayload,
  queueMovePayload,
  queueRaisePayload,
} from '@yishi/protocol';
import type { QueueCommand } from '@yishi/queue';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { z } from 'zod';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AccountsService } from '../services/accounts.service.js';
import type { EventBus } from '../events/bus.js';
import type { PollsService } from '../services/polls.service.js';
import type { RoomMember, RoomService } from '../services/room.service.js';
import type { Clock } from '../deps.js';
import { handler } from './handler.js';
import type { YishiIo, YishiSocket } from './io.js';
import type { PresenceTracker } from '../services/presence.js';

const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

interface Deps {
  accounts: AccountsService;
  room: RoomService;
  polls: PollsService;
  events: EventBus;
  presence: PresenceTracker;
  clock: Clock;
  logger: Logger;
}

/**
 * The meeting room over Socket.IO: `meeting:join`/`leave`, `presence:where`, `time:sync`,
 * `queue:snapshot`, the queue commands and the polls. A socket is in one meeting at a time; its commands act on that meeting.
 */
export function registerRoomHandlers(io: YishiIo, deps: Deps): void {
  // A chair clicks a few times a second at most; a socket sending fifty a second is a script, refused.
  const commandLimiter = new RateLimiterMemory({ keyPrefix: 'queue_commands', points: 50, duration: 1 });
  const limitCommands = async (socketId: string) => {
    try {
      await commandLimiter.consume(socketId);
    } catch (res) {
      const ms = (res as { msBeforeNext?: number }).msBeforeNext ?? 1000;
      throw new DomainError('RATE_LIMITED', 'Too many commands; slow down', {
        retryAfterSeconds: Math.ceil(ms / 1000),
      });
    }
  };

  // Sent once, by the node where the change happened; the adapter carries it to the other nodes' sockets.
  deps.events.on('queue.changed', (view) => void io.to(meetingRoom(view.meetingId)).emit('queue:state', view));
  // With where each person takes part, read for each change; one meeting's views leave in the order they came.
  const presenceSent = new Map<string, Promise<void>>();
  deps.events.on('presence.changed', (view) => {
    const sent = (presenceSent.get(view.meetingId) ?? Promise.resolve()).then(async () => {
      io.to(meetingRoom(view.meetingId)).emit('presence:state', await deps.room.presence(view.meetingId, view));
    });
    const settled = sent.catch(() => undefined);
    presenceSent.set(view.meetingId, settled);
    void settled.then(() => {
      if (presenceSent.get(view.meetingId) === settled) presenceSent.delete(view.meetingId);
    });
    return sent;
  });
  // Opening a meeting changes its topic: whoever is already in its room on this node attends it.
  deps.events.on('topic.changed', ({ topicId }) => deps.room.recordPresent(topicId));
  deps.events.on('poll.changed', (view) => void io.to(meetingRoom(view.meetingId)).emit('poll:state', view));
  deps.events.on('poll.closed', (result) => void io.to(meetingRoom(result.meetingId)).emit('poll:result', result));

  io.on('connection', (socket) => {
    const joined: { member?: RoomMember } = {};
    const leaveRoom = async () => {
      const member = joined.member;
      if (!member) return;
      joined.member = undefined;
      await socket.leave(meetingRoom(member.meeting.id));
      await deps.presence.leave(member.meeting.id, socket.id, member.queueActor.userId);
    };

    socket.on(
      'meeting:join',
      handler(meetingJoinPayload, deps.logger, async ({ meetingId, where }) => {
        const actor = await deps.accounts.actorFor(socket.data.session.user);
        const { member, joined: state } = await deps.room.join(actor, meetingId, where);
        await leaveRoom();
        joined.member = member;
        await socket.join(meetingRoom(meetingId));
        const { userId, displayName, role, sector } = member.queueActor;
        await deps.presence.enter(meetingId, socket.id, { userId, displayName, role, sector });
        return { ...state, presence: await deps.room.presence(meetingId) };
      }),
    );
    socket.on(
      'presence:where',
      handler(presenceWherePayload, deps.logger, async ({ where, userId }) => {
        await limitCommands(socket.id);
        // As the person is now: a chair who lost the role meanwhile sets nobody's place.
        const actor = await deps.accounts.actorFor(socket.data.session.user);
        await deps.room.where(await deps.room.member(actor, inRoom(joined).meeting.id), where, userId);
        return {};
      }),
    );
    socket.on(
      'meeting:leave',
      handler(emptyPayload, deps.logger, async () => {
        await leaveRoom();
        return {};
      }),
    );
    socket.on(
      'time:sync',
      handler(emptyPayload, deps.logger, () => Promise.resolve({ serverNow: deps.clock.now().getTime() })),
    );
    socket.on(
      'queue:snapshot',
      handler(emptyPayload, deps.logger, async () => ({ queue: await deps.room.view(inRoom(joined).meeting.id) })),
    );
    socket.on('disconnect', () => {
      leaveRoom().catch((err: unknown) => deps.logger.warn({ err }, 'presence not updated on disconnect'));
    });

    const command = <S extends z.ZodType<{ commandId?: string | undefined }>>(
      event: string,
      schema: S,
      toCommand: (payload: z.output<S>, member: RoomMember) => Promise<QueueCommand> | QueueCommand,
    ) => {
      (socket as unknown as YishiSocket).on(
        event as 'queue:next',
        handler(schema, deps.logger, async (payload) => {
          await limitCommands(socket.id);
          // Roles are read again for every command: a participant added or removed meanwhile counts now.
          const actor = await deps.accounts.actorFor(socket.data.session.user);
          const member = await deps.room.member(actor, inRoom(joined).meeting.id);
          const ack = await deps.room.command(member, await toCommand(payload, member), payload.commandId);
          if (!ack.ok) throw new DomainError(ack.error.code, ack.error.message);
          const { ok: _ok, ...rest } = ack;
          return rest;
        }) as never,
      );
    };
    command('queue:raise', queueRaisePayload, async ({ kind, questionTo }, member) => ({
      type: 'raise',
      kind,
      ...(questionTo ? { questionTo: await deps.room.official(member, questionTo) } : {}),
    }));
    command('queue:withdraw', queueEntryPayload, ({ entryId }) => ({ type: 'withdraw', entryId }));
    command('queue:grant', queueEntryPayload, ({ entryId }) => ({ type: 'grant', entryId }));
    command('queue:next', queueBarePayload, () => ({ type: 'next' }));
    command('queue:move', queueMovePayload, ({ entryId, index }) => ({ type: 'move', entryId, index }));
    command('queue:remove', queueEntryPayload, ({ entryId }) => ({ type: 'remove', entryId }));
    command('queue:finish', queueBarePayload, () => ({ type: 'finish' }));
    command('queue:pause', queueBarePayload, () => ({ type: 'pause' }));
    command('queue:resume', queueBarePayload, () => ({ type: 'resume' }));
    command('queue:extend', queueExtendPayload, ({ seconds }) => ({ type: 'addTime', seconds }));

    /** A poll command of the joined meeting, as the person is now (roles are read again each time). */
    const pollMember = async () => {
      await limitCommands(socket.id);
      const actor = await deps.accounts.actorFor(socket.data.session.user);
      return deps.room.member(actor, inRoom(joined).meeting.id);
    };
    socket.on(
      'poll:create',
      handler(pollCreatePayload, deps.logger, async (payload) => ({
        poll: await deps.polls.create(await pollMember(), payload),
      })),
    );
    socket.on(
      'poll:open',
      handler(pollIdPayload, deps.logger, async ({ pollId }) => ({
        poll: await deps.polls.open(await pollMember(), pollId),
      })),
    );
    socket.on(
      'poll:vote',
      handler(pollVotePayload, deps.logger, async ({ pollId, choices }) => ({
        choices: await deps.polls.vote(await pollMember(), pollId, choices),
      })),
    );
    socket.on(
      'poll:close',
      handler(pollIdPayload, deps.logger, async ({ pollId }) => ({
        result: await deps.polls.close(await pollMember(), pollId),
      })),
    );
  });
}

function inRoom(joined: { member?: RoomMember }): RoomMember {
  if (!joined.member) throw new DomainError('CONFLICT', 'Join a meeting first');
  return joined.member;
}
