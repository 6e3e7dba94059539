// `npm run demo`: Yishi on a throw-away data folder with a demo committee in it.
// The folder is removed when the server stops (Ctrl-C).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { root } from './build-state.mjs';
import { ensureBuilt } from './ensure-built.mjs';

ensureBuilt();
const { seedDemo, DEMO_PASSWORD } = await import(pathToFileURL(path.join(root, 'apps/server/dist/demo/seed.js')).href);

const dataDir = mkdtempSync(path.join(tmpdir(), 'yishi-demo-'));
const port = process.env.PORT ?? '3000';
const child = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: port },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// The server's log goes on to the terminal; the setup code it prints there sets the demo up.
const setupCode = new Promise((resolve) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line);
    const code = /Setup code: ([0-9A-Z]{5}(?:-[0-9A-Z]{5}){3})/.exec(line)?.[1];
    if (code) resolve(code);
  });
});
const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
child.on('exit', (code) => {
  cleanUp();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

const baseUrl = `http://localhost:${port}`;
const deadline = Date.now() + 30_000;
for (;;) {
  try {
    if ((await fetch(`${baseUrl}/api/health`)).ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline || child.exitCode !== null) {
    console.error('The demo server did not start.');
    child.kill('SIGTERM');
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
}

const logins = await seedDemo(baseUrl, await setupCode);
console.log(`\nYishi demo: ${baseUrl}   (data in ${dataDir}, removed on exit)`);
console.log(`Every account's password: ${DEMO_PASSWORD}\n`);
console.table(logins);
