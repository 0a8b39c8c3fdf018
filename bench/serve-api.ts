/**
 * The API alone on a port, as src/server.ts serves it (node:http → Hono request listener),
 * for the load generator in bench/api.ts to hit from another process.
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createRuntime, prepareDatabase } from '@/boot';
import { env } from '@/lib/env';
import { useLightweightResponses } from '@/lib/light-response';
import { logger } from '@/lib/logger';
import { startWorkers } from '@/workers';

useLightweightResponses();
// Seeds by the usual policy: the API bench asks for demo data with SEED_DEMO=1.
const { database } = await prepareDatabase('auto');
const { api, realtime, organizationCache } = createRuntime(database);
await realtime.start();
await organizationCache?.start();
// BENCH_DELIVERY=1: the background work src/server.ts runs beside the API (outbox delivery to
// SMTP_URL, webhook deliveries, the job queue), at the bench's own tick so it keeps up.
const inFlight = new Set<Promise<unknown>>();
const workers =
  process.env.BENCH_DELIVERY === '1' ? await startWorkers(database, env(), logger(), { outboxIntervalMs: 250, webhookIntervalMs: 250, requestsInFlight: () => inFlight.size - realtime.hub.size }) : null;
const listener = getRequestListener(api.fetch, { overrideGlobalObjects: false });
// The load generator hangs up with requests still running: wait for them before the pool closes.
const server = createServer((req, res) => {
  const handling = Promise.resolve(listener(req, res));
  inFlight.add(handling);
  void handling.finally(() => inFlight.delete(handling));
});
server.listen(env().PORT, '127.0.0.1', () => process.stdout.write(`ready ${database.description}\n`));
process.on('SIGTERM', () => {
  realtime.hub.closeAll();
  server.close(() => {
    void Promise.allSettled([...inFlight])
      .then(() => workers?.stop())
      .then(() => realtime.stop())
      .then(() => organizationCache?.stop())
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
});
