/**
 * Production start: time from spawning the server to the first 200 from /api/v1/ready, and
 * the process's resident memory then, for the built bundle (`node dist/server.js`, what
 * `npm start` runs) and for the TypeScript sources under tsx (what it ran before). Needs a
 * web build (.next) and the bundle (`npx tsx scripts/build-server.ts`). Embedded database in a
 * fresh folder per start unless BENCH_DATABASE_URL is set.
 *
 *   npx tsx bench/start-time.ts [--runs=3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 3);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startOnce(args: string[]) {
  const port = await freePort();
  const database: Record<string, string> = process.env.BENCH_DATABASE_URL
    ? { DATABASE_URL: process.env.BENCH_DATABASE_URL }
    : { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bookline-start-')) };
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: String(port), BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123', NEXT_TELEMETRY_DISABLED: '1', ...database },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = Math.round(performance.now() - started);
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
    return { readyMs: ms, rssMb: Math.round(rss / 1024) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const variants = {
  'node dist/server.js': ['--enable-source-maps', path.join(root, 'dist/server.js')],
  'node --import tsx src/server.ts': ['--import', 'tsx', path.join(root, 'src/server.ts')],
};
for (const [label, args] of Object.entries(variants)) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await startOnce(args));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  process.stdout.write(
    `${label.padEnd(32)} ready in ${median(runs.map((r) => r.readyMs))} ms (median of ${RUNS}: ${runs.map((r) => r.readyMs).join(', ')}), RSS ${median(runs.map((r) => r.rssMb))} MB\n`,
  );
}
