// `npm start`: build what is not built yet, then run the server in this process.
// Configuration comes from the environment (PORT, HOST, DATA_DIR, …; see README.md).
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ensureBuilt } from './ensure-built.mjs';
import { root } from './build-state.mjs';

ensureBuilt();
await import(pathToFileURL(path.join(root, 'apps/server/dist/main.js')).href);
