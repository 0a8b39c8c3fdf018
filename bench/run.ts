/** `npm run bench`: every benchmark in turn; each writes its JSON under bench/results/. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
for (const name of ['api', 'availability', 'booking-throughput', 'checkout', 'delivery', 'products', 'realtime', 'rules']) {
  process.stdout.write(`\n=== bench: ${name} ===\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, `bench/${name}.ts`)], { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
