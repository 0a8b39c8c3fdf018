/**
 * The node:http server's bounds, over real sockets (src/lib/http-server.ts, as src/server.ts
 * builds it): a client that announces a body and stops sending, or never finishes its
 * headers, or idles on a keep-alive connection, is disconnected; one client address cannot
 * hold more than its share of connections. The timeouts are configured short here; the tests
 * assert that the connection closes (within the test's timeout), never how fast.
 */
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/client-address';
import { parseEnv } from '@/lib/env';
import { createHttpServer, type ServerLimits, serverLimitsFromEnv } from '@/lib/http-server';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
const servers: Server[] = [];
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await h.close();
});

const SHORT: ServerLimits = { headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, maxConnectionsPerClient: 1000 };

async function serve(limits: Partial<ServerLimits> = {}, trustedProxies?: TrustedProxies): Promise<number> {
  return (await serveWith(limits, trustedProxies)).port;
}

async function serveWith(limits: Partial<ServerLimits> = {}, trustedProxies?: TrustedProxies): Promise<{ port: number; server: Server }> {
  const server = createHttpServer(getRequestListener(h.app.fetch, { overrideGlobalObjects: false }), { ...SHORT, ...limits }, { trustedProxies });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** Waits until the server itself counts `n` open connections (its close events lag the client's). */
async function untilServerHolds(server: Server, n: number) {
  for (;;) {
    const count = await new Promise<number>((resolve, reject) => server.getConnections((err, c) => (err ? reject(err) : resolve(c))));
    if (count === n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Conn {
  socket: Socket;
  /** Everything the server sent. */
  received(): string;
  /** Resolves when the server (or the network) closes the connection. */
  closed: Promise<void>;
}

/** A raw TCP connection from a chosen loopback address (Linux routes all of 127/8 to lo). */
function open(port: number, localAddress = '127.0.0.1'): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => {}); // a reset is a close too
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const isOpen = (c: Conn) => !c.socket.destroyed && c.socket.readyState === 'open';

describe('server timeouts', () => {
  it('closes a connection whose request announces 10 bytes of body and sends 2', async () => {
    const port = await serve();
    const c = await open(port);
    // Sign-in reads its body before answering (the rate limit keys on the email in it).
    c.socket.write('POST /api/auth/sign-in/email HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{}');
    await c.closed;
    // Node answers 408 when it can; the point is the connection does not stay held.
    expect(c.received()).toMatch(/^(HTTP\/1\.1 408|)/);
  });

  it('closes a connection whose headers never finish (slowloris)', async () => {
    const port = await serve();
    const c = await open(port);
    c.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n');
    const drip = setInterval(() => isOpen(c) && c.socket.write('X-More: 1\r\n'), 100);
    try {
      await c.closed;
    } finally {
      clearInterval(drip);
    }
  });

  it('closes an idle keep-alive connection after answering on it', async () => {
    const port = await serve();
    const c = await open(port);
    c.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(c.received()).toContain('"status":"ok"');
  });

  it('reads its bounds from the environment, with defaults far below Node’s 300 s', () => {
    expect(serverLimitsFromEnv(parseEnv({}))).toEqual({ headersTimeoutMs: 20_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnectionsPerClient: 128 });
    const custom = parseEnv({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '61000', HTTP_MAX_CONNECTIONS_PER_CLIENT: '8' });
    expect(serverLimitsFromEnv(custom)).toEqual({ headersTimeoutMs: 1000, requestTimeoutMs: 2000, keepAliveTimeoutMs: 61_000, maxConnectionsPerClient: 8 });
    expect(() => parseEnv({ HTTP_MAX_CONNECTIONS_PER_CLIENT: '0' })).toThrow(/HTTP_MAX_CONNECTIONS_PER_CLIENT/);
  });
});

describe('connections per client address', () => {
  it('refuses a client’s connections past the cap at once, keeps the ones it has, and leaves other clients alone', async () => {
    const { port, server } = await serveWith({ maxConnectionsPerClient: 2, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 60_000 });
    const first = await open(port, '127.0.0.10');
    const second = await open(port, '127.0.0.10');
    const third = await open(port, '127.0.0.10');
    await third.closed;
    expect(third.received()).toBe('');
    // The two it holds still work, and another address is not affected.
    first.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const other = await open(port, '127.0.0.11');
    other.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await other.closed;
    expect(other.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(isOpen(first) && isOpen(second)).toBe(true);
    // A freed slot can be used again.
    second.socket.destroy();
    await untilServerHolds(server, 1);
    const fourth = await open(port, '127.0.0.10');
    fourth.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await fourth.closed;
    expect(fourth.received()).toMatch(/^HTTP\/1\.1 200/);
    first.socket.destroy();
  });

  it('does not cap a trusted proxy, whose connections carry many clients', async () => {
    const port = await serve({ maxConnectionsPerClient: 1, headersTimeoutMs: 60_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 60_000 }, parseTrustedProxies('127.0.0.20'));
    const conns = [await open(port, '127.0.0.20'), await open(port, '127.0.0.20'), await open(port, '127.0.0.20')];
    const last = conns[2]!;
    last.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await last.closed;
    expect(last.received()).toMatch(/^HTTP\/1\.1 200/);
    for (const c of conns) c.socket.destroy();
  });
});
