/**
 * LISTEN on the app's own database, kept up: the realtime bus (modules/realtime/bus.ts) and the
 * organization cache (modules/organizations/organization-cache.ts) hear their channels through it.
 *
 * - PGlite: its own `listen` (notifications within its one process); always up.
 * - PostgreSQL: a dedicated connection (not one of the pool's; a pooled connection would carry
 *   the LISTEN into other work), reconnected with backoff after a loss. `up` is called each time
 *   LISTEN is in place, `down` when the connection is lost: a listener that must not miss a
 *   notification (a cache) stops trusting what it holds between the two.
 */
import pg from 'pg';
import type { Database } from '@/db/client';
import type { Logger } from '@/lib/logger';

export interface ListenHandlers {
  notify(payload: string | undefined): void;
  up?(): void;
  down?(): void;
}

export interface Listening {
  close(): Promise<void>;
}

/** `channel` must be a plain identifier (it is written into LISTEN as is); `name` labels the
 * connection (application_name) and the log lines. Resolves once the first LISTEN is in place. */
export async function listenTo(database: Database, channel: string, handlers: ListenHandlers, log: Logger, name: string): Promise<Listening> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  if (database.kind === 'pglite') {
    const unlisten = await database.client.listen(channel, (payload) => handlers.notify(payload));
    handlers.up?.();
    return { close: () => unlisten().catch(() => undefined) };
  }
  const options = database.pool.options;
  let client: pg.Client | null = null;
  let closing = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (attempt: number): Promise<void> => {
    const c = new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis: 5_000, application_name: `bookline-${name}` });
    // Lost (or never made, on a retry): forget the connection, say so, try again later. Acts
    // once per connection: a refused connect both rejects and ends the client, so the 'end'
    // event and the catch below may both call it.
    const lost = () => {
      if (closing || client !== c) return;
      client = null;
      handlers.down?.();
      forget(c);
      const wait = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
      log.warn({ waitMs: wait }, `${name}: lost the LISTEN connection; reconnecting`);
      retry = setTimeout(() => void connect(attempt + 1), wait);
      retry.unref();
    };
    client = c;
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.notify(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      if (attempt > 0) return lost();
      client = null; // the first attempt's failure is the caller's to handle
      forget(c);
      throw err;
    }
    if (client !== c) return; // lost (or closed) while LISTEN was on its way
    handlers.up?.();
    if (attempt > 0) log.info(`${name}: listening again`);
  };
  await connect(0);
  return {
    async close() {
      closing = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** Ends a connection we no longer use; a late socket error on it must not go unhandled. */
function forget(c: pg.Client): void {
  c.removeAllListeners();
  c.on('error', () => undefined);
  void c.end().catch(() => undefined);
}
