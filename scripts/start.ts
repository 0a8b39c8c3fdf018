/**
 * `npm start`: build the web app and the server bundle when there is none yet (or the sources
 * or the message catalogues changed since), then run the one-process server, in production
 * mode unless NODE_ENV says otherwise. Outside development it runs the built JavaScript
 * (`node dist/server.js`, scripts/build-server.ts), not TypeScript compiled by tsx at start;
 * NODE_ENV=development keeps tsx.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SERVER_BUNDLE } from './build-server';
import { ensureBuilt } from './ensure-built';

const root = path.resolve(import.meta.dirname, '..');
const nodeEnv = process.env.NODE_ENV || 'production';

if (nodeEnv !== 'development') {
  try {
    await ensureBuilt();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
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
