/**
 * The scale-out suites' world: fresh databases on the shared PostgreSQL cluster (127.0.0.1:5432),
 * the real product started as `npm start` starts it (the fault suite's starter, reused), and the
 * real infrastructure in front of it, each started by the test in a temp dir and stopped after:
 * Debian's nginx (round-robin over the instances) and Debian's pgbouncer (transaction pooling).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { clusterAdmin, freePort, sleep } from '../faults/support';
import { ensureBuilt } from '../../scripts/ensure-built';

export { type BookableOrg, bookableOrg, cookieFrom, freePort, type RunningServer, sleep, slotStart, startServer } from '../faults/support';

export const SHARED_CLUSTER = 'postgres://postgres@127.0.0.1:5432';
export const databaseUrl = (db: string, base = SHARED_CLUSTER) => `${base}/${db}`;

/** Straight to the shared cluster, one connection per call (never through the pooler). */
const shared = clusterAdmin(SHARED_CLUSTER, 10_000);
export const query = shared.query;
export const { createDatabase, dropDatabase } = shared;

/**
 * Builds the web app and the server bundle once, with scripts/start.ts's own rule, so that two
 * instances started at the same time do not both build into one .next or dist folder.
 */
export async function ensureWebBuild() {
  await ensureBuilt({ quiet: true });
}

export interface Child {
  url: string;
  port: number;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

function spawnChild(command: string, args: string[], dir: string, ready: () => Promise<boolean>, what: string): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return (async () => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${output}`);
      if (await ready().catch(() => false)) return { child, output: () => output };
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${what} did not start:\n${output}`);
      }
      await sleep(100);
    }
  })();
}

function stopper(child: ChildProcess, dir: string) {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** The header nginx adds to every answer: which instance (address:port) served it. */
export const UPSTREAM_HEADER = 'x-upstream';

/**
 * Debian's nginx on loopback `port`, round-robin over `upstreamPorts`, passing Host and
 * appending the peer to X-Forwarded-For (so the app, told to trust 127.0.0.1, sees the client
 * address a test puts in X-Forwarded-For). A POST is never retried on the other instance.
 */
export async function startNginx(port: number, upstreamPorts: number[]): Promise<Child> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookline-nginx-'));
  chmodSync(dir, 0o755);
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream bookline {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://bookline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_read_timeout 120s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const url = `http://127.0.0.1:${port}`;
  const nginx = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  const { child, output } = await spawnChild(
    nginx,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    dir,
    async () => (await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) })).ok,
    'nginx',
  );
  return { url, port, dir, output, stop: stopper(child, dir) };
}

/** pgbouncer's settings for Bookline in transaction pooling mode (docs/scaling.md repeats them). */
export function pgbouncerIni(dir: string, port: number, upstream = { host: '127.0.0.1', port: 5432 }): string {
  return `
[databases]
* = host=${upstream.host} port=${upstream.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${dir}/userlist.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
; No ignore_startup_parameters: with DATABASE_TRANSACTION_POOLER=1 the app sends none, and a
; client that does is refused rather than silently running without its timeouts.
; server_reset_query_always stays 0 (the default): nothing here cleans up session state a client
; leaves behind, so the suite sees it if the app leaves any.
logfile = ${dir}/pgbouncer.log
pidfile = ${dir}/pgbouncer.pid
`;
}

/**
 * Debian's pgbouncer on a free loopback port in front of the shared cluster, transaction
 * pooling, any user trusted. It refuses to run as root: as root it is started with `-u postgres`.
 */
export async function startPgbouncer(): Promise<Child & { databaseUrl(db: string): string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookline-pgbouncer-'));
  const port = await freePort();
  writeFileSync(path.join(dir, 'pgbouncer.ini'), pgbouncerIni(dir, port));
  writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n');
  chmodSync(dir, 0o777);
  for (const f of ['pgbouncer.ini', 'userlist.txt']) chmodSync(path.join(dir, f), 0o644);
  const binary = existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : 'pgbouncer';
  const asRoot = process.getuid?.() === 0;
  const base = `postgres://postgres@127.0.0.1:${port}`;
  const { child, output } = await spawnChild(
    binary,
    [...(asRoot ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')],
    dir,
    async () => {
      const c = new pg.Client({ connectionString: `${base}/postgres`, connectionTimeoutMillis: 2_000 });
      try {
        await c.connect();
        await c.query('select 1');
        return true;
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    'pgbouncer',
  );
  return { url: base, port, dir, output, stop: stopper(child, dir), databaseUrl: (db) => `${base}/${db}` };
}

/**
 * A Redis database number of the shared Redis for one suite: emptied before and after (the
 * number is this suite's alone, so FLUSHDB removes only its own keys).
 */
export async function flushRedisDb(db: number) {
  const redis = new Redis(`redis://127.0.0.1:6379/${db}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
