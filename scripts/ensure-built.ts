/**
 * The production build `npm start` needs, made when missing or stale: the web app (`next build`
 * into .next) and the server bundle (dist/server.js, scripts/build-server.ts), each rebuilt when
 * the sources, the message catalogues or the build configuration changed after it was made.
 * scripts/start.ts calls it before starting the server; the scale-out tests call it once before
 * starting several instances at the same time, so they do not build into one folder together.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildServer, SERVER_BUNDLE } from './build-server';

const root = path.resolve(import.meta.dirname, '..');
const BUILD_ID = path.join(root, '.next', 'BUILD_ID');
const SOURCES = ['src', 'messages', 'package.json', 'next.config.ts', 'postcss.config.mjs'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

/** `quiet`: the build's output is kept and shown only when it fails (tests). */
export async function ensureBuilt(options: { quiet?: boolean } = {}): Promise<void> {
  const sourcesAt = Math.max(...SOURCES.map((p) => newestMtime(path.join(root, p))));
  const builtAt = existsSync(BUILD_ID) ? statSync(BUILD_ID).mtimeMs : 0;
  if (builtAt < sourcesAt) {
    if (!options.quiet) process.stdout.write(builtAt ? 'Sources changed since the last build: rebuilding the web app…\n' : 'Building the web app (first start only, about a minute)…\n');
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (build.status !== 0) {
      throw new Error(`next build failed${options.quiet ? `:\n${String(build.stdout).slice(-3000)}\n${String(build.stderr).slice(-3000)}` : ''}`);
    }
  }
  // The server bundle, on the same test (its own timestamp: a web build alone does not make it).
  const bundledAt = existsSync(SERVER_BUNDLE) ? statSync(SERVER_BUNDLE).mtimeMs : 0;
  if (bundledAt < sourcesAt) {
    if (!options.quiet) process.stdout.write('Building the server bundle…\n');
    await buildServer();
  }
}
