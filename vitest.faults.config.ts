import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Fault tests: the real server (`npm start`'s scripts/start.ts) on a dedicated PostgreSQL 15
// cluster that the tests stop and start (port 5439; the shared 5432 cluster is never touched).
// `npm run test:faults`; CI runs them as root.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: {
    include: ['tests/faults/**/*.faults.ts'],
    environment: 'node',
    globalSetup: ['tests/faults/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000, // the first server start may build the web app
    // One cluster, stopped and started by the tests: one file at a time.
    fileParallelism: false,
  },
});
