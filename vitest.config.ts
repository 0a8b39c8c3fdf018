import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files that must get fresh modules: they sign in through Better Auth's production limiter
 * (`production: true`), whose counts live in a module-level Map inside better-auth, so with
 * shared modules one file's sign-ins would count against the next file's in the same minute.
 * tests/light-response.test.ts installs a global Response, as the server does at start.
 * tests/ids.test.ts reads the id clock (src/lib/ids.ts), which never runs backwards: a test
 * elsewhere that fakes a future date would leave it ahead.
 */
const isolated = ['tests/metrics.test.ts', 'tests/socket.test.ts', 'tests/light-response.test.ts', 'tests/ids.test.ts'];

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: {
    environment: 'node',
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000' },
    // Migrates once: one PGlite template (or the PostgreSQL test database) for the whole run.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2 cores: one worker per core; each test file opens its own in-memory PGlite, a copy
    // of the migrated template.
    maxWorkers: 2,
    // Worker threads measured a little faster than child processes; PGlite's WASM runs in
    // them unchanged.
    pool: 'threads',
    projects: [
      {
        // A worker keeps its imported modules from one file to the next: the app's module
        // graph (most of a file's start-up) is evaluated once per worker, not once per file.
        // Safe because these files share no state through modules: each builds its own app,
        // database and clock, and none mocks modules, stubs globals or changes process.env.
        extends: true,
        test: { name: 'shared-modules', include: ['tests/**/*.test.ts', 'src/**/*.test.ts'], exclude: [...configDefaults.exclude, ...isolated], isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
