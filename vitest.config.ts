import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000' },
    // Migrates once: one PGlite template (or the PostgreSQL test database) for the whole run.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2 cores: one worker per core; each test file opens its own in-memory PGlite, a copy
    // of the migrated template.
    maxWorkers: 2,
    // A worker keeps its imported modules from one file to the next: the app's module graph
    // (most of a file's start-up) is evaluated once per worker, not once per file. Safe because
    // files share no state through modules: each builds its own app, database and clock, and
    // none mocks modules, stubs globals or changes process.env. Worker threads measured a
    // little faster than child processes; PGlite's WASM runs in them unchanged.
    pool: 'threads',
    isolate: false,
  },
});
