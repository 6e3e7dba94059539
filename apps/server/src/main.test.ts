import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { dropTestData, storeEnv, testStoreKind } from './test/stores.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    await dropTestData(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs main.ts as its own process, as `npm start` does, and resolves with it once it listens. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listening = new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const entry = JSON.parse(line) as { port?: number; msg?: string };
      if (entry.msg?.startsWith('Yishi listening') && entry.port) resolve(entry.port);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, listening, exited, lines, stderr: () => stderr };
}

describe('the server process', () => {
  it('logs JSON, and on SIGTERM closes live connections and exits 0', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-main-'));
    dirs.push(dataDir);
    const proc = startProcess({ PORT: '0', HOST: '127.0.0.1', ...(await storeEnv(dataDir)) });
    const port = await proc.listening;
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', store: testStoreKind });

    // Not set up yet: the setup code is in the log, on a line that says what it is for.
    const logged = proc.lines
      .map((line) => JSON.parse(line) as { msg: string; setupCode?: string; level: number })
      .find((entry) => entry.setupCode !== undefined);
    expect(logged?.msg).toContain(`Setup code: ${logged?.setupCode}`);
    expect(logged?.level).toBe(40);
    const setup = await fetch(`http://127.0.0.1:${port}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        login: 'admin',
        password: 'admin-password',
        displayName: 'Admin',
        setupCode: logged?.setupCode,
      }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;

    // A live, authenticated socket must be closed by the shutdown, not hold the process open.
    const socket = ioClient(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const disconnected = new Promise((resolve) => socket.on('disconnect', resolve));
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(await disconnected).toBeTruthy();
    socket.close();
    const messages = proc.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('shutting down');
    expect(messages).toContain('stopped');
  });

  it('refuses to start on a bad variable and names it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-main-'));
    dirs.push(dataDir);
    const proc = startProcess({ PORT: 'not-a-port', DATA_DIR: dataDir });
    proc.listening.catch(() => undefined);
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toMatch(/Invalid configuration:\n\s+- PORT: /);
  });
});
