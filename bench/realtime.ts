/**
 * Realtime on PostgreSQL (BENCH_DATABASE_URL): two app instances (bench/serve-api.ts, each with
 * its realtime hub and LISTEN connection) on one database, 1,000 Server-Sent Events subscribers
 * of one organization split between them, over loopback.
 *  1. Latency: bookings made one at a time, alternately through instance A and B; for each,
 *     the time from sending the booking request (the commit is after it) until each of the
 *     1,000 subscribers has the event — p50 / p95 / max over every (booking, subscriber).
 *     Target: p95 under 200 ms.
 *  2. Booking throughput through the API with 1,000 subscribers connected vs none, in
 *     alternating rounds on the same two instances. Target: less than 10% lost.
 * The subscribers run in this process (one more competitor for the machine's two cores).
 */
import { writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { DateTime } from 'luxon';
import { openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { buildFixture, client, fixtureSlot, startApiServer, stats } from './support';

const SUBSCRIBERS = 1000;
const LATENCY_BOOKINGS = 40;
const CLIENTS = 8;
const PER_CLIENT = 30;
const ROUNDS = 3; // each: one run with no subscribers, one with SUBSCRIBERS
const root = path.resolve(import.meta.dirname, '..');

const url = testEnv().BENCH_DATABASE_URL;
if (!url) {
  process.stdout.write('BENCH_DATABASE_URL not set: realtime (PostgreSQL only) skipped.\n');
  process.exit(0);
}

const setupDb = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
await migrate(setupDb);
await setupDb.close();

const serverEnv = {
  DATABASE_URL: url,
  DATABASE_POOL_MAX: String(CLIENTS + 4),
  BASE_URL: 'http://localhost:3000',
  SEED_DEMO: '0',
  BENCH_DELIVERY: '0',
  REALTIME_STREAMS_PER_ADDRESS: String(SUBSCRIBERS * 2),
};
const [a, b] = await Promise.all([startApiServer(serverEnv), startApiServer(serverEnv)]);

/** One SSE subscriber on raw node:http: calls `onBooking(bookingId)` per booking frame. */
interface Subscriber {
  close(): void;
}
function subscribe(base: string, slug: string, cookie: string, onBooking: (bookingId: string, block: string) => void): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/api/v1/orgs/${slug}/events`, { agent: false, headers: { cookie, accept: 'text/event-stream' } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream: ${res.statusCode}`));
        res.resume();
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const at = block.indexOf('"bookingId":"');
          if (block.includes('event: booking') && at >= 0) onBooking(block.slice(at + 13, block.indexOf('"', at + 13)), block);
        }
      });
      res.on('error', () => undefined);
      resolve({ close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

async function openSubscribers(slug: string, cookie: string, onBooking: (bookingId: string, block: string, subscriber: number) => void): Promise<Subscriber[]> {
  const subs: Subscriber[] = [];
  // In batches, half on each instance.
  for (let i = 0; i < SUBSCRIBERS; i += 100) {
    subs.push(...(await Promise.all(Array.from({ length: 100 }, (_, j) => subscribe((i + j) % 2 === 0 ? a.url : b.url, slug, cookie, (id, block) => onBooking(id, block, i + j))))));
  }
  return subs;
}

const stamp = Date.now().toString(36);
const firstDay = DateTime.now().setZone('America/New_York').plus({ days: 3 }).startOf('day');

try {
  // 1. Latency across instances.
  const fixture = await buildFixture(a.url, 2, `rt-${stamp}-lat`);
  const sentAt = new Map<string, number>();
  const received = new Map<string, number>();
  const latencies: number[] = [];
  let waiting: (() => void) | null = null;
  const subs = await openSubscribers(fixture.slug, fixture.cookie, (id) => {
    const t = performance.now();
    const sent = sentAt.get(id);
    if (sent === undefined) return;
    latencies.push(t - sent);
    const n = (received.get(id) ?? 0) + 1;
    received.set(id, n);
    if (n === SUBSCRIBERS) waiting?.();
  });
  // The subscribers' streams are open: let both hubs settle before the first event.
  await new Promise((r) => setTimeout(r, 500));
  let missing = 0;
  for (let i = 0; i < LATENCY_BOOKINGS; i++) {
    const via = i % 2 === 0 ? a : b;
    const slot = fixtureSlot(firstDay, i);
    const body = JSON.stringify({ serviceId: fixture.serviceId, resourceId: fixture.resourceIds[0], start: slot.toISO(), customer: { name: `Guest ${i}`, email: `lat${i}@guests.bench.test` } });
    const all = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const t = performance.now();
    const res = await fetch(`${via.url}/api/v1/public/orgs/${fixture.slug}/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' }, body });
    const json = (await res.json()) as { booking?: { id: string } };
    if (res.status !== 201 || !json.booking) throw new Error(`booking: ${res.status} ${JSON.stringify(json)}`);
    sentAt.set(json.booking.id, t);
    // Frames that arrived before the answer was read are counted from the send too.
    await Promise.race([all, new Promise((r) => setTimeout(r, 5_000))]);
    missing += SUBSCRIBERS - (received.get(json.booking.id) ?? 0);
  }
  for (const s of subs) s.close();
  const latency = stats(latencies);

  // 2. Throughput with subscribers vs none.
  async function bookingRun(withSubscribers: boolean, slug: string) {
    const f = await buildFixture(a.url, CLIENTS, slug);
    let events = 0;
    // Latency under load, read by every tenth subscriber: a booking is known by its resource and
    // start (unique in the run) before its id is.
    const sent = new Map<string, number>();
    const underLoad: number[] = [];
    const streams = withSubscribers
      ? await openSubscribers(f.slug, f.cookie, (_id, block, subscriber) => {
          events++;
          if (subscriber % 10 !== 0) return;
          const data = JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { resourceId: string; startsAt: string };
          const t = sent.get(`${data.resourceId}|${data.startsAt}`);
          if (t !== undefined) underLoad.push(performance.now() - t);
        })
      : [];
    const api = client(a.url);
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; i < PER_CLIENT; i++) {
          const start = fixtureSlot(firstDay, i);
          sent.set(`${f.resourceIds[c]}|${start.toUTC().toISO()}`, performance.now());
          const res = await api(`/api/v1/public/orgs/${slug}/bookings`, {
            body: { serviceId: f.serviceId, resourceId: f.resourceIds[c], start: start.toISO(), customer: { name: `Guest ${c}`, email: `g${c}-${i}@guests.bench.test` } },
          });
          if (res.status !== 201) failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Let the last events arrive before counting them.
    await new Promise((r) => setTimeout(r, 1_000));
    for (const s of streams) s.close();
    return {
      subscribers: streams.length,
      perSecond: Math.round((CLIENTS * PER_CLIENT) / seconds),
      seconds: Math.round(seconds * 100) / 100,
      failures,
      eventsReceived: events,
      ...(withSubscribers ? { latencyUnderLoad: stats(underLoad) } : {}),
    };
  }
  // A first run, not counted: the servers' JIT and pools warm up (without it the first "none"
  // round is the slowest of all and flatters the ratio's other side).
  await bookingRun(false, `rt-${stamp}-warmup`);
  const runs = [];
  for (let r = 0; r < ROUNDS; r++) for (const on of [false, true]) runs.push(await bookingRun(on, `rt-${stamp}-${r}-${on ? 'on' : 'off'}`));
  const mean = (xs: number[]) => Math.round(xs.reduce((x, y) => x + y, 0) / xs.length);
  const none = mean(runs.filter((r) => r.subscribers === 0).map((r) => r.perSecond));
  const withSubs = mean(runs.filter((r) => r.subscribers > 0).map((r) => r.perSecond));
  const ratio = Math.round((withSubs / none) * 1000) / 10;
  const loaded = stats(runs.flatMap((r) => (r.latencyUnderLoad ? [r.latencyUnderLoad.p95Ms] : [])));

  const report = {
    benchmark: 'realtime',
    at: new Date().toISOString(),
    node: process.version,
    database: new URL(url).host,
    fanOut: 'PostgreSQL LISTEN/NOTIFY, two app instances',
    latency: {
      subscribers: SUBSCRIBERS,
      bookings: LATENCY_BOOKINGS,
      measuredFrom: 'sending the booking request (its commit comes after) to the frame read by the subscriber',
      ...latency,
      framesMissing: missing,
      target: 'p95 < 200 ms',
    },
    throughput: { latencyUnderLoadP95MedianMs: loaded.medianMs, clients: CLIENTS, bookingsPerRun: CLIENTS * PER_CLIENT, runs, noSubscribersPerSecond: none, withSubscribersPerSecond: withSubs, withAsPercentOfNone: ratio, target: 'with subscribers ≥ 90% of none' },
  };
  writeFileSync(path.join(root, 'bench/results/realtime.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\nRealtime, PostgreSQL, two instances, ${SUBSCRIBERS} SSE subscribers on loopback\n` +
      `  latency send → receipt over ${latency.n} frames: p50 ${latency.medianMs} ms, p95 ${latency.p95Ms} ms, max ${latency.maxMs} ms; frames missing ${missing} (target p95 < 200 ms)\n` +
      `  bookings/s with no subscribers ${none}, with ${SUBSCRIBERS} connected ${withSubs}: ${ratio}% (target ≥ 90%)\n` +
      `  latency during those runs (every tenth subscriber), p95 per run: ${runs.flatMap((r) => (r.latencyUnderLoad ? [`${r.latencyUnderLoad.p95Ms} ms`] : [])).join(', ')} (median of them ${loaded.medianMs} ms)\n` +
      `written to bench/results/realtime.json\n`,
  );
} finally {
  await Promise.all([a.stop(), b.stop()]);
}
