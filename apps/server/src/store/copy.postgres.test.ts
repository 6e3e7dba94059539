import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { startServer, TestClient, type TestServer } from '../test/harness.js';
import { dropTestData, testDatabaseUrl } from '../test/stores.js';

/**
 * `npm run store:copy`: an installation that grew on the embedded SQLite store moves into
 * PostgreSQL and carries on there. (This file runs only in the PostgreSQL project.)
 */
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const dir of dirs.splice(0)) {
    await dropTestData(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'yishi-copy-'));
  dirs.push(dir);
  return dir;
}

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => out };
}

/** The embedded default: one process on SQLite in `dataDir`, seeded with the demo committee. */
async function sqliteInstallation(dataDir: string): Promise<void> {
  const node = run('src/main.ts', [], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  let setupCode = '';
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: node.child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { port?: number; msg?: string; store?: string; setupCode?: string };
      setupCode ||= entry.setupCode ?? '';
      if (entry.msg?.startsWith('Yishi listening') && entry.port && entry.store === 'sqlite') resolve(entry.port);
    });
    void node.exited.then((code) => reject(new Error(`exited with ${code}`)));
  });
  await seedDemo(`http://127.0.0.1:${port}`, setupCode);
  node.child.kill('SIGTERM');
  expect(await node.exited).toBe(0);
}

describe('npm run store:copy', () => {
  it('moves a SQLite installation into PostgreSQL with every row, and refuses a target that holds data', async () => {
    const from = tempDir();
    await sqliteInstallation(from);
    const target = tempDir();
    const url = (await testDatabaseUrl(target))!;

    const copy = run('src/store/copy-cli.ts', ['--from', from, '--to', url]);
    expect(await copy.exited, copy.output()).toBe(0);
    expect(copy.output()).toMatch(/every table's count matches/);
    expect(copy.output()).toMatch(/yjs_updates/);

    const again = run('src/store/copy-cli.ts', ['--from', from, '--to', url]);
    expect(await again.exited).toBe(1);
    expect(again.output()).toMatch(/already holds data/);

    // The installation carries on on PostgreSQL: the same accounts, cases, drafts and search.
    server = await startServer(target);
    expect((await new TestClient(server.url).get('/api/health')).body.store).toBe('postgres');
    const secretary = new TestClient(server.url);
    expect((await secretary.post('/api/auth/login', { login: 'secretary', password: DEMO_PASSWORD })).status).toBe(200);
    const found = await secretary.get(`/api/cases?q=${encodeURIComponent('应急转贷')}`);
    expect(found.status).toBe(200);
    expect(found.body.cases).toHaveLength(1);
    const detail = await secretary.get(`/api/cases/${found.body.cases[0].id}`);
    expect(detail.body.case.outcome.blocks.map((b: { text: string }) => b.text)).toContain(
      '建议设立中小企业应急转贷资金池，由市财政首期注资两亿元，缓解企业续贷压力。',
    );
    const draft = await server.store.docs.load(`draft:${detail.body.case.topicId}`);
    expect(draft.getXmlFragment('body').length).toBe(4);
  });

  it('says how it is used when an argument is missing', async () => {
    const copy = run('src/store/copy-cli.ts', ['--from', tempDir()]);
    expect(await copy.exited).toBe(2);
    expect(copy.output()).toMatch(/usage: npm run store:copy -- --from <DATA_DIR> --to postgres:/);
  });
});
