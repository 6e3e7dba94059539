import { defineConfig } from 'vitest/config';

/**
 * One vitest run for every workspace: unit tests beside the code, server integration tests on real
 * sockets. Workspace packages are read from their TypeScript source (the `source` export condition).
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
