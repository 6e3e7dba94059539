import { defineConfig } from 'vitest/config';

/**
 * One vitest run for every workspace: unit tests beside the code, server integration tests on real
 * sockets. Workspace packages are read from their TypeScript source (the `source` export condition).
 * The server's tests run twice, once on each store: on SQLite files, and on PostgreSQL in a database
 * made for the run (TEST_DATABASE_URL, the machine's server by default) and dropped after it.
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['apps/server/src/**/*.test.ts'],
          env: { YISHI_TEST_STORE: 'postgres' },
          globalSetup: ['apps/server/src/test/postgres.setup.ts'],
        },
      },
    ],
  },
});
