/**
 * `npm start`: build the web app and the server bundle when there is none yet (or the sources
 * or the message catalogues changed since), then run the one-process server, in production
 * mode unless NODE_ENV says otherwise. Outside development it runs the built JavaScript
 * (`node dist/server.js`, scripts/build-server.ts), not TypeScript compiled by tsx at start;
 * NODE_ENV=development keeps tsx.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildServer, SERVER_BUNDLE } from './build-server';

const root = path.resolve(import.meta.dirname, '..');
const buildId = path.join(root, '.next', 'BUILD_ID');
const nodeEnv = process.env.NODE_ENV || 'production';

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

if (nodeEnv !== 'development') {
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...['src', 'messages', 'package.json', 'next.config.ts', 'postcss.config.mjs'].map((p) => newestMtime(path.join(root, p))));
  if (builtAt < sourcesAt) {
    process.stdout.write(builtAt ? 'Sources changed since the last build: rebuilding the web app…\n' : 'Building the web app (first start only, about a minute)…\n');
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // The server bundle, on the same test (its own timestamp: a web build alone does not make it).
  const bundledAt = existsSync(SERVER_BUNDLE) ? statSync(SERVER_BUNDLE).mtimeMs : 0;
  if (bundledAt < sourcesAt) {
    process.stdout.write('Building the server bundle…\n');
    await buildServer();
  }
}

const serverArgs = nodeEnv === 'development' ? ['--import', 'tsx', path.join(root, 'src/server.ts')] : ['--enable-source-maps', SERVER_BUNDLE];
const server = spawn(process.execPath, serverArgs, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: nodeEnv, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
