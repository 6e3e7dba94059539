import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
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
  const webHandler = await loadWebHandler(logger);
  const app = createApp(config, { store, logger, ...(webHandler ? { webHandler } : {}) });

  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, resolve));
  const { port } = app.server.address() as AddressInfo;
  logger.info(
    { port, host: config.host ?? '(all interfaces)', dataDir: config.dataDir, store: store.kind },
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
    }, 10_000).unref();
    app
      .close()
      .then(() => store.close())
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
