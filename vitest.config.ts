import { defineConfig } from 'vitest/config';

/**
 * One vitest run for every workspace: unit tests beside the code, server integration tests on real
 * sockets. Workspace packages are read from their TypeScript source (the `source` export condition).
 * The server's tests run twice: on one node with SQLite files, and as several nodes would run, on
 * PostgreSQL (a database made for the run from TEST_DATABASE_URL and dropped after it) with Redis
 * (TEST_REDIS_URL, under a random prefix whose keys are deleted after the run). The cluster tests
 * (`*.cluster.test.ts`) start two nodes, and `*.postgres.test.ts` need PostgreSQL beside SQLite (the
 * store copy): both run only there.
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
        test: {
          name: 'sqlite',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          // Several nodes share PostgreSQL and Redis; one node on SQLite has no cluster to test.
          exclude: ['**/*.cluster.test.ts', '**/*.postgres.test.ts', '**/node_modules/**'],
        },
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
