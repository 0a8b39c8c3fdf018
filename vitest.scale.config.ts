import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Scale-out tests: the real server (`npm start`'s scripts/start.ts), several instances at once,
// behind Debian's nginx, through Debian's pgbouncer, and against a streaming replica made with
// pg_basebackup. The tests start and stop every process they use. `npm run test:scale`; CI runs
// them as root.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: {
    include: ['tests/scale/**/*.scale.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 300_000, // the first server start may build the web app
    // Several servers per file on 2 cores: one file at a time.
    fileParallelism: false,
  },
});
