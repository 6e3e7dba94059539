// `npm run store:copy -- --from <DATA_DIR> --to <DATABASE_URL>`: moves an installation from the
// embedded SQLite store into PostgreSQL and checks the row counts (apps/server/src/store/copy-cli.ts).
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ensureBuilt } from './ensure-built.mjs';
import { root } from './build-state.mjs';

ensureBuilt();
await import(pathToFileURL(path.join(root, 'apps/server/dist/store/copy-cli.js')).href);
