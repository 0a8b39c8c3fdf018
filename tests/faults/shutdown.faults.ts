/**
 * Graceful shutdown of the real server (scripts/start.ts → src/server.ts, the chain `npm start`
 * runs; signals go to start.ts, which forwards them):
 *  - SIGTERM: new connections are refused, a request already on the wire is answered (/ready
 *    with 503: draining), a booking whose body was still arriving completes with 201, the pool
 *    closes and the process exits 0; a duplicate signal arriving with the first changes nothing;
 *  - a request that never finishes does not hold the process past SHUTDOWN_TIMEOUT_MS: exit 1;
 *  - a second, later signal exits 1 at once;
 *  - open live streams (SSE) do not hold the shutdown: each is ended (a reader gets the end,
 *    a client that reads nothing is cut), and the process exits 0 well before its timeout.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openRequest, refused } from './raw-http';
import { admin, adminUrl, bookableOrg, createDatabase, dropDatabase, type RunningServer, sleep, slotStart, startServer } from './support';

const skip = inject('faultsCluster');
let dbName = '';
const servers: RunningServer[] = [];

beforeAll(async () => {
  if (!skip) dbName = await createDatabase('bookline_faults_shutdown');
});
afterAll(async () => {
  for (const s of servers) s.kill();
  if (dbName) await dropDatabase(dbName);
});

async function start(timeoutMs: number) {
  const server = await startServer(adminUrl(dbName), { SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
  servers.push(server);
  return server;
}

/** Resolves with the exit, or rejects if the process is still running after `ms`. */
function exitWithin(server: RunningServer, ms: number) {
  return Promise.race([
    server.exited,
    sleep(ms).then(() => {
      throw new Error(`still running ${ms} ms after the signal:\n${server.output().slice(-3000)}`);
    }),
  ]);
}

/** A public booking request whose body is sent later: the server has its headers and waits. */
async function slowBooking(server: RunningServer, body: string) {
  const req = await openRequest(
    server.port,
    [
      `POST /api/v1/public/orgs/${JSON.parse(body).slug}/bookings HTTP/1.1`,
      `Host: 127.0.0.1:${server.port}`,
      `Origin: ${server.baseUrl}`,
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
      'Expect: 100-continue',
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
  await req.continued;
  return req;
}

const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;

describe.skipIf(skip)('graceful shutdown of the real server', () => {
  it('on SIGTERM: refuses new connections, drains what is on the wire, finishes the in-flight booking, exits 0', async () => {
    const server = await start(30_000);
    const org = await bookableOrg(server.baseUrl);
    const booking = JSON.stringify({ serviceId: org.serviceId, start: slotStart(5), customer: { name: 'Late Guest', email: 'late@faults.test' } });
    const slow = await slowBooking(server, JSON.stringify({ slug: org.slug }));
    slow.socket.write(chunk(booking.slice(0, 20)));
    // A readiness probe whose last header line has not arrived: the connection is busy, not idle.
    const probe = await openRequest(server.port, `GET /api/v1/ready HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n`);
    await sleep(500); // let the server read the half-sent probe before the signal

    // Ctrl-C delivers the signal to the whole group and start.ts forwards it: two at once.
    process.kill(server.child.pid!, 'SIGTERM');
    process.kill(server.child.pid!, 'SIGTERM');

    let closed = false;
    for (let i = 0; i < 50 && !closed; i++) {
      closed = await refused(server.port);
      if (!closed) await sleep(100);
    }
    expect(closed, 'new connections are refused once draining').toBe(true);

    // write, not end: a client that half-closes aborts its own request in Node's server
    probe.socket.write('\r\n');
    const ready = await probe.response;
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body).error).toMatchObject({ code: 'UNAVAILABLE', requestId: expect.any(String) });

    slow.socket.write(chunk(booking.slice(20)));
    slow.socket.write('0\r\n\r\n');
    const answer = await slow.response;
    expect(answer.status, answer.body).toBe(201);
    const id = JSON.parse(answer.body).booking.id as string;

    const exit = await exitWithin(server, 20_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toMatch(/forced exit|second signal/);
    const rows = await admin(dbName, 'select id from bookings where id = $1', [id]);
    expect(rows).toHaveLength(1);
  });

  it('does not wait past SHUTDOWN_TIMEOUT_MS for a request that never finishes: exit 1', async () => {
    const server = await start(2_000);
    const org = await bookableOrg(server.baseUrl);
    const stuck = await slowBooking(server, JSON.stringify({ slug: org.slug }));
    stuck.socket.write(chunk('{"serviceId":'));
    process.kill(server.child.pid!, 'SIGTERM');
    const exit = await exitWithin(server, 15_000);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(server.output()).toMatch(/did not finish in time: forced exit/);
    stuck.socket.destroy();
  });

  it('ends open live streams at SIGTERM, one read and one never read, and exits 0 long before the timeout', async () => {
    const server = await start(30_000);
    const org = await bookableOrg(server.baseUrl);
    const head = `GET /api/v1/public/orgs/${org.slug}/availability/stream?serviceId=${org.serviceId} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n`;
    const reading = await openRequest(server.port, head);
    const silent = await openRequest(server.port, head);
    silent.socket.pause(); // never reads a byte from here on
    await sleep(500); // both streams open
    process.kill(server.child.pid!, 'SIGTERM');
    const answer = await reading.response;
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(answer.body).toContain('retry: 2000');
    const exit = await exitWithin(server, 15_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toMatch(/forced exit/);
    silent.socket.destroy();
  });

  it('exits 1 at once on a second, later signal', async () => {
    const server = await start(120_000);
    const org = await bookableOrg(server.baseUrl);
    const stuck = await slowBooking(server, JSON.stringify({ slug: org.slug }));
    stuck.socket.write(chunk('{"serviceId":'));
    process.kill(server.child.pid!, 'SIGTERM');
    await sleep(1_500); // later than the window in which copies of the first signal are ignored
    expect(server.child.exitCode).toBeNull(); // still draining: the request is open
    process.kill(server.child.pid!, 'SIGTERM');
    const exit = await exitWithin(server, 10_000);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(server.output()).toMatch(/second signal/);
    stuck.socket.destroy();
  });
});
