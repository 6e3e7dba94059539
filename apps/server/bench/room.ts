import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import { summarise, type Latency } from './stats.js';

/** The part of a `queue:state` payload the bench reads; the rest is carried as it came. */
export interface QueueState {
  version: number;
}

/** Where each socket of the room connects and as whom. */
export interface RoomPlan {
  meetingId: string;
  count: number;
  urlOf(index: number): string;
  cookieOf(index: number): string | undefined;
}

/** When each copy of each queue version arrived, one clock for every socket. */
class Deliveries {
  readonly arrivals = new Map<number, number[]>();
  /** The first copy of each version, for the bare baseline to send again. */
  readonly views = new Map<number, QueueState>();
  private waiter: { version: number; count: number; resolve: () => void } | undefined;

  arrive(view: QueueState, at: number): void {
    let times = this.arrivals.get(view.version);
    if (!times) {
      times = [];
      this.arrivals.set(view.version, times);
      this.views.set(view.version, view);
    }
    times.push(at);
    const waiter = this.waiter;
    if (waiter && waiter.version === view.version && times.length >= waiter.count) {
      this.waiter = undefined;
      waiter.resolve();
    }
  }

  /** Resolves once `count` copies of `version` came, or after `ms`, whichever is first. */
  all(version: number, count: number, ms: number): Promise<void> {
    if ((this.arrivals.get(version)?.length ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, ms);
      this.waiter = {
        version,
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }
}

type Ack = { ok: boolean; entry?: { id: string }; queue?: QueueState; error?: unknown };

function emit(socket: Socket, event: string, payload: unknown): Promise<Ack> {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

function connect(url: string, cookie: string | undefined): Promise<Socket> {
  const socket = ioClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 30_000,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** The meeting room's sockets, all joined, and what they received. */
export interface Room {
  sockets: Socket[];
  deliveries: Deliveries;
  /** The queue's version when the last socket joined (undefined where the join does not say). */
  joinedVersion: number | undefined;
  close(): Promise<void>;
}

/** Connects and joins `plan.count` sockets, a batch at a time so that the handshakes do not time out. */
export async function openRoom(plan: RoomPlan, batch = 50): Promise<Room> {
  const deliveries = new Deliveries();
  const sockets: Socket[] = [];
  let joinedVersion: number | undefined;
  const room: Room = {
    sockets,
    deliveries,
    joinedVersion: undefined,
    async close() {
      // A failed batch leaves holes, which forEach skips.
      sockets.forEach((socket) => socket.close());
      // Lets the server see the disconnections before it is measured or stopped.
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
  };
  try {
    for (let start = 0; start < plan.count; start += batch) {
      const indexes = Array.from({ length: Math.min(batch, plan.count - start) }, (_, i) => start + i);
      await Promise.all(
        indexes.map(async (index) => {
          const socket = await connect(plan.urlOf(index), plan.cookieOf(index));
          sockets[index] = socket;
          socket.on('queue:state', (view: QueueState) => deliveries.arrive(view, performance.now()));
          const ack = await emit(socket, 'meeting:join', { meetingId: plan.meetingId });
          if (!ack.ok) throw new Error(`meeting:join refused: ${JSON.stringify(ack.error)}`);
          if (ack.queue) joinedVersion = Math.max(joinedVersion ?? 0, ack.queue.version);
        }),
      );
    }
  } catch (error) {
    await room.close();
    throw error;
  }
  room.joinedVersion = joinedVersion;
  return room;
}

/** A queue command's socket (by index in the room) and what it sends. */
interface Command {
  socket: number;
  event: 'queue:raise' | 'queue:grant' | 'queue:finish';
  payload: (lastEntry: string | undefined) => unknown;
}

/**
 * The commands of a meeting: a member asks for the floor, the chair gives it, the chair ends the
 * turn, with the members taking turns. Socket 0 is the chair's, socket 1 + k member k's.
 */
export function meetingCommands(count: number, members: number): Command[] {
  const commands: Command[] = [];
  for (let i = 0; i < count; i++) {
    const member = 1 + (Math.floor(i / 3) % members);
    if (i % 3 === 0) {
      commands.push({
        socket: member,
        event: 'queue:raise',
        payload: () => ({ kind: 'speech', commandId: randomUUID() }),
      });
    } else if (i % 3 === 1) {
      commands.push({ socket: 0, event: 'queue:grant', payload: (entryId) => ({ entryId }) });
    } else {
      commands.push({ socket: 0, event: 'queue:finish', payload: () => ({ commandId: randomUUID() }) });
    }
  }
  return commands;
}

export interface QueueResult {
  latency: Latency;
  /** The JSON size of the `queue:state` payloads, smallest and largest, in bytes. */
  payloadBytes: { min: number; max: number };
  /**
   * The median, over the rounds, of when the first copy arrived: the server's own work before the
   * fan-out, without the time the clients' process takes to read the copies one after another.
   */
  firstCopy: number;
}

/**
 * A room's commands, one round at a time: the clock starts when the command is emitted and stops,
 * for every socket of the room, when that socket receives the state it made. A round ends when
 * every copy came (or after `roundMs`); the first `warmup` rounds are not counted.
 */
export class QueueRun {
  private readonly samples: number[] = [];
  private readonly firsts: number[] = [];
  private lost = 0;
  private lastEntry: string | undefined;

  constructor(
    private readonly room: Room,
    private readonly commands: Command[],
    private readonly options: { firstVersion: number; warmup: number; roundMs?: number },
  ) {}

  get rounds(): number {
    return this.commands.length;
  }

  async round(n: number): Promise<void> {
    const command = this.commands[n]!;
    const version = this.options.firstVersion + n;
    const socket = this.room.sockets[command.socket]!;
    const count = this.room.sockets.length;
    const sentAt = performance.now();
    const acked = emit(socket, command.event, command.payload(this.lastEntry));
    const [ack] = await Promise.all([acked, this.room.deliveries.all(version, count, this.options.roundMs ?? 20_000)]);
    if (!ack.ok) throw new Error(`${command.event} refused: ${JSON.stringify(ack.error)}`);
    if (ack.entry) this.lastEntry = ack.entry.id;
    if (n < this.options.warmup) return;
    const times = this.room.deliveries.arrivals.get(version) ?? [];
    for (const at of times) this.samples.push(at - sentAt);
    if (times.length > 0) this.firsts.push(Math.min(...times) - sentAt);
    this.lost += count - times.length;
  }

  /** The state round `n` sent, as the first socket to get it received it. */
  view(n: number): QueueState {
    const view = this.room.deliveries.views.get(this.options.firstVersion + n);
    if (!view) throw new Error(`no socket received the state of round ${n}`);
    return view;
  }

  result(): QueueResult {
    const sizes = [...this.room.deliveries.views.values()].map((view) => Buffer.byteLength(JSON.stringify(view)));
    return {
      latency: summarise(this.samples, this.lost),
      payloadBytes: { min: Math.min(...sizes), max: Math.max(...sizes) },
      firstCopy: summarise(this.firsts, 0).p50,
    };
  }
}
