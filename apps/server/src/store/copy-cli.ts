import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../logger.js';
import { copyStore, StoreCopyError } from './copy.js';
import { openPostgresDb, openSqliteDb } from './open.js';

/**
 * `npm run store:copy -- --from <DATA_DIR> --to <DATABASE_URL>`: moves an installation that
 * started on the embedded SQLite store into PostgreSQL, and checks every table's row count.
 * Stop Yishi first; point it at the database afterwards (DATABASE_URL) and keep SESSION_SECRET
 * (the file `session-secret` in the data folder), so that signed-in people stay signed in.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
    console.error('usage: npm run store:copy -- --from <DATA_DIR> --to postgres://user@host:5432/db');
    return 2;
  }
  const logger = createLogger({ env: 'production', logLevel: 'warn' });
  const from = await openSqliteDb(path.resolve(values.from), logger);
  const to = await openPostgresDb(values.to, logger);
  try {
    const counts = await copyStore(from, to);
    const width = Math.max(...counts.map((c) => c.table.length));
    const lines = counts.map(
      (c) => `${c.table.padEnd(width)}  ${String(c.from).padStart(8)}  ${String(c.to).padStart(8)}`,
    );
    process.stdout.write(`${'table'.padEnd(width)}  ${'from'.padStart(8)}  ${'to'.padStart(8)}\n${lines.join('\n')}\n`);
    const wrong = counts.filter((c) => c.from !== c.to);
    if (wrong.length > 0) {
      console.error(`Row counts differ in: ${wrong.map((c) => c.table).join(', ')}`);
      return 1;
    }
    process.stdout.write(`Copied ${counts.reduce((n, c) => n + c.to, 0)} rows; every table's count matches.\n`);
    return 0;
  } catch (error) {
    if (error instanceof StoreCopyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await Promise.all([from.destroy(), to.destroy()]);
  }
}

process.exitCode = await main();
