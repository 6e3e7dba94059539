import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { localFanout } from '../../src/fanout/fanout.js';
import { openRedisFanout } from '../../src/fanout/redis.js';
import { createLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open.js';
import { serveBench } from '../ipc.js';

/**
 * One Yishi node as main.ts starts it (SQLite in DATA_DIR, or PostgreSQL and Redis when
 * DATABASE_URL and REDIS_URL are set), without the web UI, answering the bench over IPC.
 */
const config = loadConfig(process.env);
const logger = createLogger(config);
const store = await openStore(config, logger);
const fanout = config.redisUrl
  ? await openRedisFanout({ url: config.redisUrl, prefix: config.redisPrefix, node: config.nodeName }, logger)
  : localFanout(config.nodeName);
const app = await createApp(config, { store, fanout, logger });
await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));

serveBench(
  (app.server.address() as AddressInfo).port,
  async () => {
    await app.close();
    await Promise.all([store.close(), fanout.close()]);
  },
  {
    // The code it would print in its log, for the bench to set it up with.
    setupCode: () => store.settings.get('setup_code'),
    ...cpuProfiler(),
  },
);

/** `profile:start`, and `profile:stop` with the file to write the V8 CPU profile to (BENCH_CPU_PROFILE). */
function cpuProfiler() {
  const session = new Session();
  session.connect();
  return {
    'profile:start': async () => {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      return null;
    },
    'profile:stop': async (file: unknown) => {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(String(file), JSON.stringify(profile));
      return null;
    },
  };
}
