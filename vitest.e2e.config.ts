import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser tests: the built app on a free port (started once in global setup), driven by
// Debian's Chromium through playwright-core. `npm run test:e2e`; CI runs them.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 300_000,
    // One browser at a time on 2 cores; files share the one server.
    fileParallelism: false,
  },
});
