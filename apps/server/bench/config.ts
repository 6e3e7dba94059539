/** The store the scale part fills (issue 16): cases published over five years, other topics, members. */
export interface ScaleSizes {
  cases: number;
  topics: number;
  members: number;
}

/**
 * The sizes of a run. The defaults are the full run that docs/performance.md reports; each can be
 * made smaller through the environment (BENCH_ROOM_CLIENTS=50 …) to try the suite out quickly.
 */
export interface BenchConfig {
  /** Socket.IO clients in the meeting room. */
  roomClients: number;
  /** Queue commands measured, after `warmupCommands` that are not. */
  commands: number;
  warmupCommands: number;
  /** Accounts the room's sockets are spread over (argon2 makes enrolling one slow). */
  members: number;
  writers: number;
  readers: number;
  /** Edits each writer makes and has measured, after `warmupEdits` that are not. */
  edits: number;
  warmupEdits: number;
  /** How often each writer edits: about four keystrokes a second, everyone typing at once. */
  editIntervalMs: number;
  /** Which parts to run: `queue`, `yjs`, `cluster`, `export`, `scale`, `duty` (the memory figures come with `queue`). */
  only: Set<string>;
  scale: ScaleSizes;
  /** The members of the committee whose year the duty part counts. */
  dutyMembers: number;
  /**
   * Where to write CPU profiles of the Yishi nodes, one per node and block of Yjs edits
   * (`BENCH_CPU_PROFILE=<folder>`; open them in Chrome's DevTools). Profiling slows the nodes down,
   * so a run that writes them is for finding where time goes, not for its figures.
   */
  cpuProfileDir?: string;
}

export const defaults: BenchConfig = {
  roomClients: 1000,
  commands: 60,
  warmupCommands: 9,
  members: 10,
  writers: 20,
  readers: 20,
  edits: 30,
  warmupEdits: 5,
  editIntervalMs: 250,
  only: new Set(['queue', 'yjs', 'cluster', 'export', 'scale', 'duty']),
  scale: { cases: 100_000, topics: 20_000, members: 1000 },
  dutyMembers: 1000,
};

/** The parts that measure the live room: they share one Yishi node on SQLite and its meeting. */
export const LIVE_PARTS = ['queue', 'yjs', 'cluster', 'export'] as const;

/**
 * Members enough for the first county to have an ordinary member besides its chair, secretariat
 * and two officials (a county gets one member in fifty: see bench/scale-seed.ts).
 */
const MIN_SCALE_MEMBERS = 250;

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

/** The run's sizes: the defaults, less what the environment overrides. */
export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const config: BenchConfig = {
    roomClients: positive(env, 'BENCH_ROOM_CLIENTS', defaults.roomClients),
    commands: positive(env, 'BENCH_COMMANDS', defaults.commands),
    warmupCommands: defaults.warmupCommands,
    members: defaults.members,
    writers: positive(env, 'BENCH_WRITERS', defaults.writers),
    readers: positive(env, 'BENCH_READERS', defaults.readers),
    edits: positive(env, 'BENCH_EDITS', defaults.edits),
    warmupEdits: defaults.warmupEdits,
    editIntervalMs: positive(env, 'BENCH_EDIT_INTERVAL_MS', defaults.editIntervalMs),
    only: env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',').map((s) => s.trim())) : new Set(defaults.only),
    cpuProfileDir: env.BENCH_CPU_PROFILE || undefined,
    scale: {
      cases: positive(env, 'BENCH_SCALE_CASES', defaults.scale.cases),
      topics: positive(env, 'BENCH_SCALE_TOPICS', defaults.scale.topics),
      members: positive(env, 'BENCH_SCALE_MEMBERS', defaults.scale.members),
    },
    dutyMembers: positive(env, 'BENCH_DUTY_MEMBERS', defaults.dutyMembers),
  };
  const unknown = [...config.only].filter((part) => !defaults.only.has(part));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: no part ${unknown.join(', ')} (${[...defaults.only].join(', ')})`);
  // A chair, two secretaries and ten officials come first; the rest are the members who write.
  if (config.dutyMembers < 50) throw new Error('BENCH_DUTY_MEMBERS must be at least 50');
  if (config.scale.members < MIN_SCALE_MEMBERS)
    throw new Error(`BENCH_SCALE_MEMBERS must be at least ${MIN_SCALE_MEMBERS}`);
  // The room needs a socket of every account, and the commands come in raise-grant-finish cycles.
  if (config.roomClients < config.members + 1)
    throw new Error(`BENCH_ROOM_CLIENTS must be at least ${config.members + 1}`);
  if (config.commands % 3 !== 0) throw new Error('BENCH_COMMANDS must be a multiple of 3');
  // The edits are made in three blocks, each server taking its turn.
  if (config.edits % 3 !== 0) throw new Error('BENCH_EDITS must be a multiple of 3');
  return config;
}

/** Whether the scale part runs at its full size, the only one whose figures are recorded. */
export function isFullScale(config: BenchConfig): boolean {
  const { cases, topics, members } = defaults.scale;
  return config.scale.cases === cases && config.scale.topics === topics && config.scale.members === members;
}

/** Whether this is the full run, the only one whose figures belong in docs/performance.md. */
export function isFullRun(config: BenchConfig): boolean {
  return (
    config.cpuProfileDir === undefined &&
    config.roomClients === defaults.roomClients &&
    config.commands === defaults.commands &&
    config.writers === defaults.writers &&
    config.readers === defaults.readers &&
    config.edits === defaults.edits &&
    config.editIntervalMs === defaults.editIntervalMs &&
    [...defaults.only].every((part) => config.only.has(part))
  );
}
