// `npm run dev`: the API server (reloading on change, port 3001) and Vite's dev server (port 5173)
// side by side; Vite proxies /api, /socket.io and /yjs to the API. Open http://localhost:5173.
import { spawn } from 'node:child_process';
import { root } from './build-state.mjs';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const apiPort = process.env.API_PORT ?? '3001';
const children = [
  spawn(npx, ['tsx', 'watch', '--conditions=source', 'apps/server/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { NODE_ENV: 'development', LOG_LEVEL: 'debug', ...process.env, PORT: apiPort },
  }),
  spawn(npx, ['vite', 'dev'], {
    cwd: `${root}/apps/web`,
    stdio: 'inherit',
    env: { ...process.env, YISHI_API_URL: `http://127.0.0.1:${apiPort}` },
  }),
];
const stopAll = (signal) => children.forEach((child) => child.kill(signal));
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
for (const child of children)
  child.on('exit', (code) => {
    stopAll('SIGTERM');
    process.exitCode = code ?? 0;
  });
