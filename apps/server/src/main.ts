import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { localFanout, type Fanout } from './fanout/fanout.js';
import { openRedisFanout } from './fanout/redis.js';
import { createLogger, type Logger } from './logger.js';
import { openStore } from './store/open.js';

/** Where adapter-node puts the SvelteKit handler, from `src/` or `dist/` alike. */
const WEB_HANDLER = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

async function loadWebHandler(logger: Logger): Promise<RequestHandler | undefined> {
  if (!existsSync(WEB_HANDLER)) {
    logger.warn('the web UI is not built (run `npm run build`); serving the API only');
    return undefined;
  }
  const mod = (await import(pathToFileURL(WEB_HANDLER).href)) as { handler: RequestHandler };
  return mod.handler;
}

function openFanout(config: Config, logger: Logger): Promise<Fanout> {
  if (!config.redisUrl) return Promise.resolve(localFanout(config.nodeName));
  return openRedisFanout({ url: config.redisUrl, prefix: config.redisPrefix, node: config.nodeName }, logger);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const store = await openStore(config, logger);
  const fanout = await openFanout(config, logger);
  const webHandler = await loadWebHandler(logger);
  const app = await createApp(config, { store, fanout, logger, ...(webHandler ? { webHandler } : {}) });

  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  const { port } = app.server.address() as AddressInfo;
  logger.info(
    {
      port,
      host: config.host ?? '(all interfaces)',
      node: fanout.node,
      store: store.kind,
      fanout: fanout.kind,
      ...(store.kind === 'sqlite' ? { dataDir: config.dataDir } : {}),
    },
    `Yishi listening on http://localhost:${port}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A backstop: a connection that will not close must not keep the process alive forever.
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, 15_000).unref();
    app
      .drain()
      .then(() => app.close())
      .then(() => Promise.all([store.close(), fanout.close()]))
      .then(() => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
