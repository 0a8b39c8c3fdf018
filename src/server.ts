/**
 * One Node process, one port: /api/* goes straight to Hono (no Next per-request cost;
 * measured 60k vs 1.4k req/s on these machines), everything else to Next's handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import next from 'next';
import type { Lifecycle } from '@/api/types';
import { createRuntime, prepareDatabase, trustedProxiesFromEnv } from '@/boot';
import { setDatabase } from '@/db/client';
import { DEMO_PASSWORD, demoOrganizations } from '@/seed';
import { env } from '@/lib/env';
import { createHttpServer, serverLimitsFromEnv } from '@/lib/http-server';
import { useLightweightResponses } from '@/lib/light-response';
import { logger } from '@/lib/logger';
import { baseSecurityHeaders, pageCsp } from '@/lib/security-headers';
import { setAuth } from '@/modules/identity';
import { isStreamPath } from '@/modules/realtime';
import { startWorkers } from '@/workers';

const DUPLICATE_SIGNAL_MS = 1_000;
/** After the streams are ended at shutdown, how long a client has to take the end. */
const STREAM_GRACE_MS = 1_000;

async function main() {
  const e = env();
  const log = logger();
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dev = e.NODE_ENV === 'development';
  // Before Next loads: every Response built in this process is the node server's lightweight one.
  useLightweightResponses();

  const { database, seeded } = await prepareDatabase();
  setDatabase(database);
  const lifecycle: Lifecycle = { draining: false };
  const { auth, api, rateLimits, realtime, organizationCache } = createRuntime(database, lifecycle);
  setAuth(auth);

  const nextApp = next({ dev, dir: root, hostname: 'localhost', port: e.PORT });
  await nextApp.prepare();
  const handleNext = nextApp.getRequestHandler();
  const handleApi = getRequestListener(api.fetch, { overrideGlobalObjects: false });

  // Handlers still running. A client that hangs up mid-request closes its connection, so the
  // server's close callback alone could close the pool under a running handler.
  const inFlight = new Map<Promise<unknown>, { req: IncomingMessage; res: ServerResponse }>();
  const setPageHeaders = pageSecurityHeaders(e.BASE_URL.startsWith('https://'), dev);
  const server = createHttpServer((req, res) => {
    const isApi = req.url?.startsWith('/api/');
    if (!isApi) setPageHeaders(req, res);
    const handled = Promise.resolve(isApi ? handleApi(req, res) : handleNext(req, res)).catch((err: unknown) =>
      log.error({ err }, 'request handler failed'),
    );
    // A page, static file or icon (GET/HEAD outside /api) whose client went away: Next's promise
    // for it may never settle (seen holding shutdown to its timeout after browser tests, for
    // /_next/static/ files and for /icon.svg). It holds no transaction (pages read; changes go
    // through /api), so its connection closing ends it. Everything else is waited for (a
    // booking's transaction).
    const readsPage = !isApi && (req.method === 'GET' || req.method === 'HEAD');
    const handling = readsPage ? Promise.race([handled, new Promise<void>((resolve) => res.once('close', () => resolve()))]) : handled;
    inFlight.set(handling, { req, res });
    void handling.finally(() => inFlight.delete(handling));
  }, serverLimitsFromEnv(e), { trustedProxies: trustedProxiesFromEnv(e), log });
  if (dev) server.on('upgrade', nextApp.getUpgradeHandler());

  await realtime.start();
  await organizationCache?.start();
  // Live streams stay open for hours: they are not requests waiting to be served.
  const workers = await startWorkers(database, e, log, { requestsInFlight: () => inFlight.size - realtime.hub.size });

  server.listen(e.PORT, e.HOST, () => {
    const lines = [
      '',
      `  Bookline is running at ${e.BASE_URL}`,
      `  Database: ${database.description}${seeded?.created.length ? ` (demo data loaded: ${seeded.created.join(', ')})` : ''}`,
      '',
      `  Demo sign-in accounts (password "${DEMO_PASSWORD}"):`,
      ...demoOrganizations.flatMap((o) => o.accounts.map((a) => `    ${a.email.padEnd(36)} ${a.role.padEnd(8)} ${o.name}`)),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  // Graceful shutdown: /ready turns 503 (draining), the listener closes (new connections are
  // refused), in-flight requests finish, the outbox run in progress ends, the pool closes,
  // exit 0. Past SHUTDOWN_TIMEOUT_MS, or on a second signal, exit 1 at once.
  let stoppingSince = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // Ctrl-C reaches every process of the group and `npm start`'s wrappers forward it too,
      // so copies of the first signal arrive together: only a later one means "now".
      if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_MS) return;
      log.warn({ signal }, 'second signal: exiting without waiting for in-flight requests');
      process.exit(1);
    }
    stoppingSince = Date.now();
    lifecycle.draining = true;
    log.info({ signal, timeoutMs: e.SHUTDOWN_TIMEOUT_MS }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      // Which requests held it (paths with long segments — tokens — shortened).
      const held = [...inFlight.values()].map(({ req }) => `${req.method} ${(req.url ?? '').split('?')[0]!.replace(/[^/]{24,}/g, '…')}`);
      log.error({ timeoutMs: e.SHUTDOWN_TIMEOUT_MS, held }, 'in-flight requests did not finish in time: forced exit');
      process.exit(1);
    }, e.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // A keep-alive socket goes idle once its last response is out; close it then rather than
    // wait for its keep-alive timeout.
    // Live streams end now (their clients reconnect, to another instance behind a balancer).
    // A client that stopped reading never takes the stream's end (the socket waits to drain):
    // after a second, such connections are cut rather than hold the shutdown to its timeout.
    realtime.hub.closeAll();
    const cutStreams = setTimeout(() => {
      for (const { req, res } of inFlight.values()) if (isStreamPath(req.url ?? '') && !res.writableFinished) res.destroy();
    }, STREAM_GRACE_MS);
    cutStreams.unref();
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    reaper.unref();
    server.close(() => {
      clearInterval(reaper);
      void (async () => {
        await Promise.allSettled([...inFlight.keys()]);
        await workers.stop();
        await realtime.stop();
        await organizationCache?.stop();
        await rateLimits.close();
        await database.close();
        log.info('shut down cleanly');
        process.exit(0);
      })().catch((err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/**
 * Page answers start with the security headers, so static files, redirects and Next's own
 * 404/error pages carry them too. Pages get a nonce-less CSP here (no inline script may run);
 * src/proxy.ts replaces it with the request's nonce policy. API answers are Hono's to decorate
 * (src/api/middleware/security-headers.ts, which also covers the in-process app), so they are
 * not set twice. Built once per process: only TLS on the socket varies per request.
 */
function pageSecurityHeaders(httpsBase: boolean, dev: boolean) {
  const headersFor = (https: boolean): [string, string][] => [
    ...baseSecurityHeaders(https),
    ['Content-Security-Policy', pageCsp({ dev, https })],
  ];
  const plain = headersFor(httpsBase);
  const secure = headersFor(true);
  return (req: IncomingMessage, res: ServerResponse) => {
    const headers = (req.socket as TLSSocket).encrypted ? secure : plain;
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}

main().catch((err: unknown) => {
  process.stderr.write(`\nBookline failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof Error && err.name !== 'EnvError') process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
