/**
 * The API alone on a port, as src/server.ts serves it (node:http → Hono request listener),
 * for the load generator in bench/api.ts to hit from another process.
 */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createRuntime, prepareDatabase } from '@/boot';
import { env } from '@/lib/env';

// Seeds by the usual policy: the API bench asks for demo data with SEED_DEMO=1.
const { database } = await prepareDatabase('auto');
const { api } = createRuntime(database);
const server = createServer(getRequestListener(api.fetch, { overrideGlobalObjects: false }));
server.listen(env().PORT, '127.0.0.1', () => process.stdout.write(`ready ${database.description}\n`));
process.on('SIGTERM', () => server.close(() => void database.close().finally(() => process.exit(0))));
