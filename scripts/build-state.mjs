// Which parts of Yishi need building: a part is built when its output exists and is newer than
// every source file it is made from. Shared by `npm start` and `npm run demo`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const parts = [
  {
    name: 'protocol',
    output: 'packages/protocol/dist/index.js',
    sources: ['packages/protocol/src', 'packages/protocol/package.json', 'tsconfig.json'],
  },
  {
    name: 'server',
    output: 'apps/server/dist/main.js',
    sources: ['apps/server/src', 'apps/server/package.json', 'packages/protocol/src', 'tsconfig.json'],
  },
  {
    name: 'web',
    output: 'apps/web/build/handler.js',
    sources: [
      'apps/web/src',
      'apps/web/static',
      'apps/web/vite.config.ts',
      'svelte.config.js',
      'packages/protocol/src',
    ],
  },
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** The names of the parts whose output is missing or older than their sources. */
export function staleParts() {
  return parts
    .filter(({ output, sources }) => {
      const out = path.join(root, output);
      if (!existsSync(out)) return true;
      const built = statSync(out).mtimeMs;
      return sources.some((source) => newestMtime(path.join(root, source)) > built);
    })
    .map((part) => part.name);
}
