import { spawnSync } from 'node:child_process';
import { root, staleParts } from './build-state.mjs';

/** Builds Yishi when any part is missing or out of date, so that `npm start` works right after install. */
export function ensureBuilt() {
  const stale = staleParts();
  if (stale.length === 0) return;
  console.log(`Building Yishi (${stale.join(', ')} not built or out of date)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(result.status ?? 1);
  }
}
