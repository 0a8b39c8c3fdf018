/**
 * `npm run bench:profile`: where the API's time goes, route by route. For each route of
 * bench/api.ts it starts the bench server in its own process under `node --cpu-prof`, drives
 * the route with autocannon (32 connections), stops the server (V8 writes the profile on
 * exit) and prints the top frames by self time and by inclusive time, counted over the load
 * window only (boot, migrations and the demo seed are left out).
 *
 *   npx tsx bench/profile.ts [--duration=5] [--top=15] [--route=health|publicProfile|members]
 *   BENCH_DATABASE_URL=postgres://… runs it on PostgreSQL (else the embedded database).
 *   npx tsx bench/profile.ts --read=<file.cpuprofile>   summarises an existing profile.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { testEnv } from '@/lib/env';
import { signInDemoOwner as signIn, startApiServer } from './support';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const DURATION_S = Number(arg('duration') ?? 5);
const TOP = Number(arg('top') ?? 15);
const IDLE_TAIL_MS = 1000;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(`${path.resolve(import.meta.dirname, '..')}/`, '').replace(/^.*node_modules\//, '~');
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/** Self and inclusive sample counts per frame, over samples taken in [from, to] (profile µs). */
export function summarise(profile: CpuProfile, window?: { from: number; to: number }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (window && (t < window.from || t > window.to)) continue;
    const leaf = byId.get(profile.samples[i]!)!;
    const name = frameName(leaf);
    if (leaf.callFrame.functionName === '(idle)') {
      idle++;
      continue;
    }
    total++;
    self.set(name, (self.get(name) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = frameName(byId.get(id)!);
      if (seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + 1);
    }
  }
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([name]) => name !== '(root)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, n]) => ({ frame: name, percent: Math.round((1000 * n) / Math.max(1, total)) / 10 }));
  return { busySamples: total, idleSamples: idle, self: top(self), inclusive: top(inclusive) };
}

function print(label: string, s: ReturnType<typeof summarise>) {
  process.stdout.write(`\n## ${label}: ${s.busySamples} busy samples, ${s.idleSamples} idle\n\nself time:\n`);
  for (const f of s.self) process.stdout.write(`  ${String(f.percent).padStart(5)}%  ${f.frame}\n`);
  process.stdout.write('inclusive time:\n');
  for (const f of s.inclusive) process.stdout.write(`  ${String(f.percent).padStart(5)}%  ${f.frame}\n`);
}

const readOnly = arg('read');
if (readOnly) {
  print(readOnly, summarise(JSON.parse(readFileSync(readOnly, 'utf8')) as CpuProfile));
  process.exit(0);
}

const routes = {
  health: { path: '/api/v1/health', auth: false },
  publicProfile: { path: '/api/v1/public/orgs/xplorium', auth: false },
  members: { path: '/api/v1/orgs/xplorium/members', auth: true },
} as const;
const only = arg('route');
const pgUrl = testEnv().BENCH_DATABASE_URL;
const databaseEnv: Record<string, string> = pgUrl ? { DATABASE_URL: pgUrl } : { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bookline-profile-data-')) };

for (const [name, route] of Object.entries(routes)) {
  if (only && only !== name) continue;
  const dir = mkdtempSync(path.join(tmpdir(), `bookline-profile-${name}-`));
  process.env.BENCH_PROFILE_DIR = dir;
  const server = await startApiServer(databaseEnv);
  delete process.env.BENCH_PROFILE_DIR;
  let rps = 0;
  try {
    const headers = route.auth ? { cookie: await signIn(server.url) } : {};
    const result = await autocannon({ url: `${server.url}${route.path}`, connections: 32, duration: DURATION_S, headers });
    rps = Math.round(result.requests.average);
    if (result.non2xx) throw new Error(`${name}: ${result.non2xx} non-2xx answers`);
    await new Promise((r) => setTimeout(r, IDLE_TAIL_MS));
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  // The load window: the last DURATION_S seconds before the idle tail and the shutdown.
  const to = profile.endTime - IDLE_TAIL_MS * 1000;
  print(`${name} ${route.path} (${server.description}, ${rps} req/s under the profiler; ${path.join(dir, file)})`, summarise(profile, { from: to - DURATION_S * 1e6, to }));
}
