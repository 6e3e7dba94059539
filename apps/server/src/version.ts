import { readFileSync } from 'node:fs';

/** The root package's version, read once (the server runs from `src/` or `dist/`, both two levels down). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
