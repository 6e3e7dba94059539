import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer, Memory, Ready, Request } from './ipc.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A server under test in a process of its own, so that it has a core to itself. */
export interface ServerProcess {
  name: string;
  url: string;
  wsUrl: string;
  request<T>(type: string, body?: unknown): Promise<T>;
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

/** What a process printed last, to explain why it stopped. */
class Tail {
  private lines: string[] = [];
  add(chunk: Buffer): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    this.lines = this.lines.slice(-20);
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

/**
 * Forks `bench/servers/<entry>.ts` with the source condition and `--expose-gc`, resolving once it
 * listens. Its output is kept, not shown: it would break the table, and it is printed if it fails.
 */
export async function startServer(name: string, entry: string, env: Record<string, string>): Promise<ServerProcess> {
  const child = fork(path.join(serverDir, 'bench', 'servers', `${entry}.ts`), [], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    execArgv: ['--conditions=source', '--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const tail = new Tail();
  child.stdout?.on('data', (chunk: Buffer) => tail.add(chunk));
  child.stderr?.on('data', (chunk: Buffer) => tail.add(chunk));
  const pending = new Map<number, { resolve: (body: unknown) => void; reject: (err: Error) => void }>();
  let exited = false;
  child.on('exit', (code, signal) => {
    exited = true;
    for (const { reject } of pending.values()) reject(new Error(`${name} exited (${code ?? signal})\n${tail}`));
    pending.clear();
  });
  const port = await listening(child, name, tail);
  let nextId = 1;
  const request = <T>(type: string, body?: unknown): Promise<T> => {
    if (exited) return Promise.reject(new Error(`${name} is not running\n${tail}`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (body: unknown) => void, reject });
      child.send({ id, type, body } satisfies Request);
    });
  };
  child.on('message', (raw) => {
    const answer = raw as Answer;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if (answer.ok) waiting.resolve(answer.body);
    else waiting.reject(new Error(`${name}: ${answer.error}`));
  });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    request,
    memory: () => request<Memory>('memory'),
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await request('stop').catch(() => child.kill('SIGKILL'));
      await gone;
      clearTimeout(kill);
    },
  };
}

function listening(child: ChildProcess, name: string, tail: Tail): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within 60 s\n${tail}`));
    }, 60_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve((message as Ready).port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening\n${tail}`));
    });
  });
}
