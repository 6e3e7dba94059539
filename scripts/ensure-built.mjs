import { spawnSync } from 'node:child_process';
import { buildNeeded, root } from './build-state.mjs';

/** Builds Yishi when it is not built or out of date, so that `npm start` works right after install. */
export function ensureBuilt() {
  const reason = buildNeeded();
  if (!reason) return;
  console.log(`Building Yishi: ${reason}…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(result.status ?? 1);
  }
}
