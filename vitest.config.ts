import { defineConfig } from 'vitest/config';

// One runner for every package. Integration suites that need a database run once against
// embedded PGlite and, when TEST_DATABASE_URL is set, once more against PostgreSQL.
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
const integration = ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'];
// Suites that need no database (pure units, the provider simulator) run once, in `unit`.
// Migrates one database per run; each test file starts from a copy of it.
const templateSetup = './apps/server/test/template-database.ts';
const dbFree = ['apps/server/src/mock-llm/**/*.test.ts', 'apps/server/src/**/*.unit.test.ts'];

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true as const,
        test: {
          name: 'unit',
          include: ['packages/**/*.test.ts', 'bench/**/*.test.ts', 'apps/web/src/**/*.test.ts', ...dbFree],
        },
      },
      {
        extends: true as const,
        test: {
          name: 'server:pglite',
          include: integration,
          globalSetup: [templateSetup],
          exclude: ['**/node_modules/**', ...dbFree],
          env: { PROMPTOPS_TEST_DB: 'pglite' },
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'server:postgres',
                include: integration,
                globalSetup: [templateSetup],
                exclude: ['**/node_modules/**', ...dbFree],
                env: { PROMPTOPS_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
