// Whether Yishi needs building: it does when an output is missing, or when a source file is newer
// than the stamp that the last successful `npm run build` left. Shared by `npm start` and
// `npm run demo`; `node scripts/build-state.mjs --stamp` writes the stamp at the end of a build.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const stamp = path.join(root, 'node_modules/.cache/yishi/build-stamp');
const outputs = [
  'packages/procedure/dist/index.js',
  'packages/queue/dist/index.js',
  'packages/protocol/dist/index.js',
  'apps/server/dist/main.js',
  'apps/web/build/handler.js',
];
const sources = [
  'package.json',
  'tsconfig.json',
  'svelte.config.js',
  'packages/protocol/src',
  'packages/protocol/package.json',
  'packages/procedure/src',
  'packages/queue/src',
  'packages/queue/package.json',
  'packages/procedure/package.json',
  'apps/server/src',
  'apps/server/package.json',
  'apps/web/src',
  'apps/web/static',
  'apps/web/package.json',
  'apps/web/vite.config.ts',
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return target.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why a build is needed, or undefined when everything is built and up to date. */
export function buildNeeded() {
  const missing = outputs.filter((output) => !existsSync(path.join(root, output)));
  if (missing.length > 0) return `not built yet (${missing.join(', ')})`;
  if (!existsSync(stamp)) return 'no record of a complete build';
  const built = statSync(stamp).mtimeMs;
  const changed = sources.filter((source) => newestMtime(path.join(root, source)) > built);
  return changed.length > 0 ? `changed since the last build: ${changed.join(', ')}` : undefined;
}

if (process.argv.includes('--stamp')) {
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
