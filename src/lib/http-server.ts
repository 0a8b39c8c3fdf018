/**
 * The node:http server with bounded waits and a per-client connection cap. Node's defaults
 * let one client hold a connection for 300 s by announcing a body it never sends (or headers
 * it never finishes), and open as many such connections as it likes: a handful of clients can
 * then exhaust file descriptors and memory (slowloris). Here:
 *
 * - `headersTimeout`: the request line and headers must arrive within it (Node answers 408);
 * - `requestTimeout`: the whole request, body included, within it (408); our bodies are at
 *   most 64 KiB, so this is generous for any real client;
 * - `keepAliveTimeout`: an idle keep-alive connection is closed after it (behind a load
 *   balancer, set it above the balancer's idle timeout);
 * - at most `maxConnectionsPerClient` open connections per client address (IPv6 grouped per
 *   /64, like the rate limits); the excess is closed at once, before a byte is read. Trusted
 *   proxies are exempt: every client behind them shares their address, and the per-client
 *   request limits apply to the forwarded address instead.
 *
 * Node checks the two request timeouts every `connectionsCheckingInterval` (30 s by default),
 * which would round a short timeout up to that; the interval follows the shortest timeout.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { NO_TRUSTED_PROXIES, normalizeAddress, rateLimitSubject, type TrustedProxies } from './client-address';
import type { Env } from './env';
import type { Logger } from './logger';

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnectionsPerClient: number;
}

export function serverLimitsFromEnv(e: Env): ServerLimits {
  return {
    headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxConnectionsPerClient: e.HTTP_MAX_CONNECTIONS_PER_CLIENT,
  };
}

export interface HttpServerOptions {
  trustedProxies?: TrustedProxies;
  log?: Logger;
}

export function createHttpServer(
  listener: RequestListener<typeof IncomingMessage, typeof ServerResponse>,
  limits: ServerLimits,
  opts: HttpServerOptions = {},
): Server {
  const requestTimeout = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    listener,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  capConnectionsPerClient(server, limits.maxConnectionsPerClient, opts);
  return server;
}

function capConnectionsPerClient(server: Server, max: number, { trustedProxies = NO_TRUSTED_PROXIES, log }: HttpServerOptions) {
  const open = new Map<string, number>();
  let lastWarned = 0;
  server.on('connection', (socket: Socket) => {
    const address = normalizeAddress(socket.remoteAddress);
    if (!address || trustedProxies.has(address)) return;
    const client = rateLimitSubject(address);
    const count = open.get(client) ?? 0;
    if (count >= max) {
      socket.destroy();
      // Once a minute at most: a flood of refused connections must not become a flood of lines.
      if (Date.now() - lastWarned > 60_000) {
        lastWarned = Date.now();
        log?.warn({ client, max }, 'too many connections from one client: refusing the excess');
      }
      return;
    }
    open.set(client, count + 1);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}
