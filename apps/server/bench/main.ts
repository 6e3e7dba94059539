import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchConfig, defaults, isFullRun, isFullScale, LIVE_PARTS, type BenchConfig } from './config.js';
import { exportPart } from './export.js';
import { createSharedStore } from './infra.js';
import type { Memory } from './ipc.js';
import { startServer, type ServerProcess } from './processes.js';
import {
  latencyMet,
  markdownTables,
  memoryMet,
  printTables,
  stallMet,
  writeFigures,
  type LatencyRow,
  type MemoryRow,
  type StallRow,
} from './report.js';
import { meetingCommands, openRoom, QueueRun, type Room, type RoomPlan } from './room.js';
import { postgresStore, scalePart, sqliteStore, type ScaleResult } from './scale.js';
import { dutyGoalMet, dutyPart, markdownDuty, printDuty, type DutyResult } from './duty.js';
import { Passwords } from '../src/auth/passwords.js';
import { SCALE_PASSWORD } from './scale-seed.js';
import { reportScale } from './scale-report.js';
import { seedMeeting, type Meeting } from './seed.js';
import { runYjs, yjsLatency, type YjsPlan, type YjsResult } from './yjs.js';

/**
 * `npm run bench`: Yishi against its baselines, side by side in one run, each server in a process
 * of its own and every client in this one. The servers under comparison take turns, round by round
 * (queue) or block by block (Yjs), so that whatever else the machine does falls on all of them.
 * Prints the table and, after a full run, writes the figures into docs/performance.md. Exits 0
 * when a goal is missed: the table says MISS. Exits 1 when a figure of the scale part is more than
 * twice as bad as the one recorded (REGRESSION).
 */
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const docsFile = path.resolve(benchDir, '../../../docs/performance.md');
/** The scale part's figures of its last full-size run, which the next run compares against. */
const scaleFiguresFile = path.join(benchDir, 'scale-figures.json');
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
const running: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
const sessionSecret = randomBytes(32).toString('base64url');
const metricsToken = randomBytes(32).toString('base64url');
/** How many blocks each server's Yjs edits are split into, taken in turns. */
const YJS_BLOCKS = 3;

async function server(name: string, entry: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const started = await startServer(name, entry, env);
  running.push(started);
  return started;
}

/** A data folder removed at the end of the run. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'yishi-bench-'));
  cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return dir;
}

function yishiEnv(node: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    NODE_NAME: node,
    SESSION_SECRET: sessionSecret,
    METRICS_TOKEN: metricsToken,
    DATA_DIR: tempDir(),
  };
}

/** This process's garbage is collected between turns, so that a pause of its own falls on nobody's clock. */
const collect = () => globalThis.gc?.();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (value: number) => value.toFixed(2);

interface Cluster {
  a: ServerProcess;
  b: ServerProcess;
  meeting: Meeting;
}

/** Two nodes on a PostgreSQL database and a Redis prefix made for the run. */
async function startCluster(config: BenchConfig): Promise<Cluster> {
  const shared = await createSharedStore();
  cleanups.push(() => shared.remove());
  const env = (node: string) => ({
    ...yishiEnv(node),
    DATABASE_URL: shared.databaseUrl,
    REDIS_URL: shared.redisUrl,
    REDIS_PREFIX: shared.redisPrefix,
  });
  // One after the other, so that the second finds the schema migrated.
  const a = await server('Yishi node A', 'yishi', env('bench-a'));
  const b = await server('Yishi node B', 'yishi', env('bench-b'));
  return { a, b, meeting: await seedMeeting(a, config.members) };
}

/** The room's sockets: the chair's first, then one of each member's, then the rest spread over everyone. */
function roomPlan(meeting: Meeting, count: number, urlOf: (index: number) => string): RoomPlan {
  const people = [meeting.chair, ...meeting.members];
  return { meetingId: meeting.meetingId, count, urlOf, cookieOf: (i) => people[i % people.length] };
}

interface MeasuredRoom {
  room: Room;
  before: Memory;
  after: Memory;
}

/**
 * A few sockets join and leave first, so that code loaded once is not counted against the clients;
 * then the server's memory with no client, the room filled, and its memory again.
 */
async function fillRoom(target: ServerProcess, plan: RoomPlan): Promise<MeasuredRoom> {
  await (await openRoom({ ...plan, count: Math.min(plan.count, 20) })).close();
  const before = await target.memory();
  const room = await openRoom(plan);
  const after = await target.memory();
  return { room, before, after };
}

const perClientKb = (measured: MeasuredRoom, key: keyof Memory) =>
  (measured.after[key] - measured.before[key]) / 1024 / measured.room.sockets.length;

interface Results {
  latency: LatencyRow[];
  memory: MemoryRow[];
  notes: string[];
}

interface QueueRuns {
  oneNode: QueueRun;
  oneNodeRoom: MeasuredRoom;
  bare?: { run: QueueRun; room: MeasuredRoom; server: ServerProcess };
  twoNodes?: QueueRun;
}

/** Fills one room per server: one Yishi node, the bare Socket.IO server, the two nodes. */
async function fillRooms(
  config: BenchConfig,
  single: ServerProcess,
  meeting: Meeting,
  cluster: Cluster | undefined,
  rooms: MeasuredRoom[],
): Promise<QueueRuns> {
  const total = config.warmupCommands + config.commands;
  const commands = meetingCommands(total, config.members);
  const run = (room: Room, firstVersion = (room.joinedVersion ?? 0) + 1) =>
    new QueueRun(room, commands, { firstVersion, warmup: config.warmupCommands });
  const fill = async (target: ServerProcess, plan: RoomPlan) => {
    const measured = await fillRoom(target, plan);
    rooms.push(measured);
    return measured;
  };

  say(`queue: ${config.roomClients} clients join one Yishi node (SQLite)`);
  const oneNodeRoom = await fill(
    single,
    roomPlan(meeting, config.roomClients, () => single.url),
  );
  const runs: QueueRuns = { oneNode: run(oneNodeRoom.room), oneNodeRoom };
  if (config.only.has('queue')) {
    say(`queue: ${config.roomClients} clients join the bare Socket.IO server`);
    const bare = await server('bare Socket.IO', 'socketio');
    const room = await fill(
      bare,
      roomPlan(meeting, config.roomClients, () => bare.url),
    );
    // It sends Yishi's payloads, so its versions are Yishi's too.
    runs.bare = { run: run(room.room, (oneNodeRoom.room.joinedVersion ?? 0) + 1), room, server: bare };
  }
  if (cluster) {
    say(`queue: ${config.roomClients} clients join two nodes, the chair and half the room on A`);
    const half = Math.ceil(config.roomClients / 2);
    const urlOf = (i: number) => (i < half ? cluster.a.url : cluster.b.url);
    runs.twoNodes = run((await fill(cluster.a, roomPlan(cluster.meeting, config.roomClients, urlOf))).room);
  }
  return runs;
}

/** Each command goes to each server in turn; the bare server is handed Yishi's payload first. */
async function takeTurns(runs: QueueRuns): Promise<void> {
  for (let n = 0; n < runs.oneNode.rounds; n++) {
    collect();
    await runs.oneNode.round(n);
    if (runs.bare) {
      await runs.bare.server.request('view', runs.oneNode.view(n));
      collect();
      await runs.bare.run.round(n);
    }
    if (runs.twoNodes) {
      collect();
      await runs.twoNodes.round(n);
    }
    await sleep(20);
  }
}

function queueResults(config: BenchConfig, runs: QueueRuns, results: Results): void {
  const oneNode = runs.oneNode.result();
  const bare = runs.bare?.run.result();
  const twoNodes = runs.twoNodes?.result();
  if (runs.bare && bare) {
    results.latency.push({
      name: `queue fan-out, ${config.roomClients} clients`,
      measured: oneNode.latency,
      baselineName: 'bare Socket.IO broadcast',
      baseline: bare.latency,
      goal: 1.3,
    });
    for (const [key, label] of [
      ['heapUsed', 'heap used'],
      ['rss', 'RSS'],
    ] as const) {
      results.memory.push({
        name: `${label}, after GC`,
        clients: config.roomClients,
        yishiKb: perClientKb(runs.oneNodeRoom, key),
        bareKb: perClientKb(runs.bare.room, key),
        goalKb: 60,
      });
    }
  }
  if (twoNodes) {
    results.latency.push({
      name: `queue fan-out, ${config.roomClients} clients, 2 nodes`,
      measured: twoNodes.latency,
      baselineName: '1 Yishi node (SQLite)',
      baseline: oneNode.latency,
      goal: 1.5,
    });
  }
  const { min, max } = oneNode.payloadBytes;
  const firsts = [
    `${ms(oneNode.firstCopy)} ms on one Yishi node`,
    ...(bare ? [`${ms(bare.firstCopy)} ms on the bare server`] : []),
    ...(twoNodes ? [`${ms(twoNodes.firstCopy)} ms across two nodes`] : []),
  ];
  results.notes.push(
    `Queue: ${config.commands} commands measured after ${config.warmupCommands} of warm-up, ` +
      `${oneNode.latency.samples} deliveries per server; \`queue:state\` is ${min}–${max} bytes of JSON.`,
    `Queue: the first copy of a state reached a client after a median of ${firsts.join(', ')}; ` +
      `the rest of each delivery time is this one process reading ${config.roomClients} copies one after another.`,
  );
}

/** Queue fan-out: one Yishi node, the bare Socket.IO server and the two nodes, a command each in turn. */
async function queuePhase(
  config: BenchConfig,
  results: Results,
  single: ServerProcess,
  meeting: Meeting,
  cluster?: Cluster,
) {
  const rooms: MeasuredRoom[] = [];
  try {
    const runs = await fillRooms(config, single, meeting, cluster, rooms);
    say(`queue: ${runs.oneNode.rounds} commands each, in turns`);
    await takeTurns(runs);
    queueResults(config, runs, results);
  } finally {
    for (const measured of rooms) await measured.room.close();
  }
}

/** Writers and readers spread over the members' sessions (the same person may have several tabs). */
function yjsPlan(meeting: Meeting, writerUrl: string, readerUrl: string): YjsPlan {
  const cookie = (i: number) => meeting.members[i % meeting.members.length];
  return { docName: `draft:${meeting.topicId}`, writerUrl, readerUrl, writerCookie: cookie, readerCookie: cookie };
}

/** Yjs relay: one Yishi node, @y/websocket-server and the two nodes, a block of edits each in turn. */
async function yjsPhase(
  config: BenchConfig,
  results: Results,
  single: ServerProcess,
  meeting: Meeting,
  cluster?: Cluster,
) {
  // `nodes`: the Yishi processes serving the target, which BENCH_CPU_PROFILE profiles.
  const targets: { key: string; plan: YjsPlan; blocks: YjsResult[]; nodes: ServerProcess[] }[] = [
    { key: 'yishi', plan: yjsPlan(meeting, single.wsUrl, single.wsUrl), blocks: [], nodes: [single] },
  ];
  if (config.only.has('yjs')) {
    const yws = await server('@y/websocket-server', 'y-websocket');
    targets.push({ key: 'baseline', plan: yjsPlan(meeting, yws.wsUrl, yws.wsUrl), blocks: [], nodes: [] });
  }
  if (cluster)
    targets.push({
      key: 'cluster',
      plan: yjsPlan(cluster.meeting, cluster.a.wsUrl, cluster.b.wsUrl),
      blocks: [],
      nodes: [cluster.a, cluster.b],
    });

  const { writers, readers, warmupEdits, editIntervalMs } = config;
  const edits = config.edits / YJS_BLOCKS;
  if (config.cpuProfileDir) mkdirSync(config.cpuProfileDir, { recursive: true });
  for (let block = 0; block < YJS_BLOCKS; block++) {
    // Each block starts with another server, so that none always follows the same one.
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(block + i) % targets.length]!;
      say(`yjs: block ${block + 1} of ${YJS_BLOCKS}, ${target.key}`);
      collect();
      const profiled = config.cpuProfileDir ? target.nodes : [];
      for (const node of profiled) await node.request('profile:start');
      target.blocks.push(await runYjs(target.plan, { writers, readers, edits, warmupEdits, editIntervalMs }));
      for (const [n, node] of profiled.entries()) {
        await node.request(
          'profile:stop',
          path.join(config.cpuProfileDir!, `${target.key}-${n}-block${block + 1}.cpuprofile`),
        );
      }
    }
  }

  const [yishi, ...others] = targets.map((t) => ({ key: t.key, latency: yjsLatency(t.blocks) }));
  const baseline = others.find((t) => t.key === 'baseline');
  const twoNodes = others.find((t) => t.key === 'cluster');
  if (baseline) {
    results.latency.push({
      name: `Yjs relay, ${writers} writers → ${readers} readers`,
      measured: yishi!.latency,
      baselineName: '@y/websocket-server 0.1.1',
      baseline: baseline.latency,
      goal: 1.0,
    });
  }
  if (twoNodes) {
    results.latency.push({
      name: `Yjs relay, writers on A → readers on B`,
      measured: twoNodes.latency,
      baselineName: '1 Yishi node (SQLite)',
      baseline: yishi!.latency,
      goal: 1.5,
    });
  }
  results.notes.push(
    `Yjs: ${writers} writers × ${config.edits} edits (in ${YJS_BLOCKS} blocks, each after ${warmupEdits} of warm-up), ` +
      `one every ${editIntervalMs} ms each, seen by ${readers} readers: ${yishi!.latency.samples} samples per server; ` +
      `each edit is a ${targets[0]!.blocks[0]?.updateBytes ?? 0}-byte update.`,
  );
}

/** The live-room parts, on one Yishi node on SQLite and its meeting (and two nodes for `cluster`). */
async function liveParts(
  config: BenchConfig,
  results: Results,
): Promise<{ rows: StallRow[]; notes: string[] } | undefined> {
  say('starting one Yishi node on SQLite');
  const single = await server('Yishi (SQLite)', 'yishi', yishiEnv('bench-sqlite'));
  const meeting = await seedMeeting(single, config.members);
  let cluster: Cluster | undefined;
  if (config.only.has('cluster')) {
    say('starting two Yishi nodes on PostgreSQL and Redis');
    cluster = await startCluster(config);
  }
  if (config.only.has('queue') || cluster) await queuePhase(config, results, single, meeting, cluster);
  if (config.only.has('yjs') || cluster) await yjsPhase(config, results, single, meeting, cluster);
  // Last: its long draft would weigh on the Yjs part, which edits the same document.
  if (config.only.has('export')) return exportPart(single, meeting, metricsToken);
  return undefined;
}

const scaleContext = {
  say,
  startYishi: (name: string, env: Record<string, string>) =>
    server(name, 'yishi', { ...yishiEnv('bench-scale'), ...env }),
  tempDir,
  onCleanup: (cleanup: () => Promise<void>) => cleanups.push(cleanup),
};

function machine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown';
  return `${cores.length} cores (${model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}

let cleaning: Promise<void> | undefined;

/**
 * Stops the servers and removes the run's database, prefix and folders, once: on Ctrl-C the run
 * fails too, and its own clean-up must wait for the one already under way.
 */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.allSettled(running.splice(0).map((p) => p.stop()));
    for (const cleanup of cleanups.splice(0)) {
      await cleanup().catch((err: unknown) => say(`cleanup failed: ${String(err)}`));
    }
  })();
  return cleaning;
}

process.once('SIGINT', () => {
  say('interrupted; cleaning up');
  void cleanUp().finally(() => process.exit(130));
});

async function main(): Promise<void> {
  const config = benchConfig();
  const started = performance.now();
  const results: Results = { latency: [], memory: [], notes: [] };
  let exported: { rows: StallRow[]; notes: string[] } | undefined;
  let scaled: ScaleResult | undefined;
  let duty: DutyResult | undefined;
  try {
    if (LIVE_PARTS.some((part) => config.only.has(part))) exported = await liveParts(config, results);
    if (config.only.has('scale')) scaled = await scalePart(scaleContext, config.scale);
    if (config.only.has('duty')) {
      const stores = [sqliteStore(scaleContext), await postgresStore(scaleContext)];
      const hash = await new Passwords().hash(SCALE_PASSWORD);
      duty = await dutyPart(scaleContext, stores, config.dutyMembers, hash);
    }
  } finally {
    await cleanUp();
  }

  const seconds = Math.round((performance.now() - started) / 1000);
  const missed = [
    ...results.latency.filter((r) => !latencyMet(r)),
    ...results.memory.filter((r) => !memoryMet(r)),
    ...(exported?.rows ?? []).filter((r) => !stallMet(r)),
    ...(duty?.rows ?? []).filter((r) => !dutyGoalMet(r)),
  ];
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const liveTables = printTables(results.latency, results.memory, exported?.rows);
  if (liveTables) out(`\n${liveTables}\n`);
  for (const note of [...results.notes, ...(exported?.notes ?? [])]) out(note);
  const date = new Date().toISOString().slice(0, 10);
  const scale = scaled
    ? reportScale(scaled, {
        full: isFullScale(config),
        figuresFile: scaleFiguresFile,
        docsFile,
        machine: machine(),
        date,
        out,
        say,
      })
    : { missed: 0, regressions: 0 };
  if (duty) {
    out(`\n${printDuty(duty.rows)}\n`);
    for (const note of duty.notes) out(note);
  }
  const verdict =
    missed.length + scale.missed === 0 ? 'every goal met' : `${missed.length + scale.missed} goal(s) MISSED`;
  const regressed = scale.regressions > 0 ? `; ${scale.regressions} REGRESSION(S) against the recorded figures` : '';
  out(`\n${verdict}${regressed}; ${machine()}; ${seconds} s`);
  if (scale.regressions > 0) process.exitCode = 1;

  if (exported) {
    const figures = [`Run of ${date} on ${machine()}.`, '', markdownTables([], [], exported.rows), ''];
    writeFigures(docsFile, [...figures, ...exported.notes.map((note) => `- ${note}`)].join('\n'), 'export');
    say(`export figures written to ${path.relative(process.cwd(), docsFile)}`);
  }

  if (duty && config.dutyMembers === defaults.dutyMembers) {
    const figures = [`Run of ${date} on ${machine()}.`, '', markdownDuty(duty.rows), ''];
    writeFigures(docsFile, [...figures, ...duty.notes.map((note) => `- ${note}`)].join('\n'), 'duty');
    say(`duty figures written to ${path.relative(process.cwd(), docsFile)}`);
  }

  if (!isFullRun(config)) {
    say('not the full run (sizes or parts overridden): its figures in docs/performance.md left as they are');
    return;
  }
  writeFigures(
    docsFile,
    [
      `Run of ${date} on ${machine()}; the whole suite took ${seconds} s.`,
      '',
      markdownTables(results.latency, results.memory),
      '',
      ...results.notes.map((note) => `- ${note}`),
    ].join('\n'),
  );
  say(`figures written to ${path.relative(process.cwd(), docsFile)}`);
}

await main();
