/**
 * Realtime (#13): committed booking changes reach Server-Sent Events streams over real HTTP,
 * through the publisher (outbox → fan-out channel → every instance's hub). On the test database
 * (PGlite, or PostgreSQL under TEST_DATABASE_URL) with LISTEN/NOTIFY; the Redis channel on the
 * real Redis (TEST_REDIS_URL, default 127.0.0.1:6379; required under CI).
 *
 * What is proven: an owner's stream carries a guest's booking; a club member's stream carries
 * only their own; two organizations under load never see each other's events; the public stream
 * says "taken"/"freed" with no personal data and refuses bad input with the envelope first; an
 * event published by one instance reaches a stream on another; Last-Event-ID resumes from memory
 * and, after a restart, from the database; too many streams from one address → 429; a client
 * that does not read is dropped with bounded memory; shutdown ends streams cleanly.
 */
import { createConnection } from 'node:net';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import { testEnv } from '@/lib/env';
import { logger } from '@/lib/logger';
import { createRealtime, type RealtimeEvent, RealtimeHub } from '@/modules/realtime';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';
import { openSse, serveApp } from './support/sse';

let h: Harness;
let server: Awaited<ReturnType<typeof serveApp>>;
beforeAll(async () => {
  h = await createHarness({ realtime: { publishIntervalMs: 100, hub: { maxStreamsPerAddress: 50, heartbeatMs: 60_000 } } });
  await h.realtime!.start();
  server = await serveApp(h.app);
}, 120_000);
afterAll(async () => {
  h?.realtime?.hub.closeAll();
  await server?.close();
  await h?.close();
});

/** A weekday 10 days ahead at `hour` in Chicago (the test orgs' zone), as an ISO instant. */
let dayOffset = 10;
/** A weekday 10:00 in Chicago not handed out before (the offset skips weekends too: moving a
 * Saturday to Monday without it gave three calls the same Monday, and a 409, on some dates). */
function nextStart(hour = 10): string {
  for (;;) {
    const d = DateTime.now().setZone('America/Chicago').plus({ days: dayOffset++ }).set({ hour, minute: 0, second: 0, millisecond: 0 });
    if (d.weekday <= 5) return d.toISO()!;
  }
}

async function bookableOrg() {
  const org = await createOrg(h);
  const { service, resources } = await bookableSetup(h, org, { hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '20:00' }] })) });
  return { org, service, resources };
}
const book = (org: TestOrg, serviceId: string, start = nextStart()) =>
  call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId, start, customer: guest() } });
const stream = (org: TestOrg, cookie: string, headers: Record<string, string> = {}) => openSse(`${server.url}/api/v1/orgs/${org.slug}/events`, { cookie, ...headers });

describe('members’ stream', () => {
  it('carries a guest’s new booking and its cancellation to the owner, with public fields only', async () => {
    const { org, service } = await bookableOrg();
    const opened = await stream(org, org.owner.cookie);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    const sse = opened.sse!;
    await sse.until((c) => c.frames.some((f) => f.retry), 5_000, 'the retry frame');
    const created = await book(org, service.id);
    expect(created.status).toBe(201);
    const id = created.json.booking.id as string;
    await sse.until((c) => c.events('booking').some((e) => e.bookingId === id), 10_000, 'booking.created');
    const [event] = sse.events<Record<string, unknown>>('booking').filter((e) => e.bookingId === id);
    expect(event).toMatchObject({ topic: 'booking.created', status: created.json.booking.status, serviceId: service.id, source: 'public' });
    expect(Object.keys(event!).sort()).toEqual(['bookingId', 'endsAt', 'id', 'resourceId', 'seq', 'serviceId', 'source', 'startsAt', 'status', 'topic', 'version']);
    expect(event!.id).toBe(String(event!.seq));
    const cancelled = await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'test' } });
    expect(cancelled.status).toBe(200);
    await sse.until((c) => c.events('booking').some((e) => e.bookingId === id && e.status === 'cancelled'), 10_000, 'the cancellation');
    sse.close();
  });

  it('gives a club member only their own bookings; the owner sees both', async () => {
    const { org, service, resources } = await bookableOrg();
    const member = await addMember(h, org, 'member');
    const mine = await stream(org, member.cookie);
    const owners = await stream(org, org.owner.cookie);
    const theirs = await book(org, service.id);
    const own = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: member.cookie, body: { serviceId: service.id, resourceId: resources[0]!.id, start: nextStart(12) } });
    expect(own.status).toBe(201);
    const ownId = own.json.id ?? own.json.booking?.id;
    await owners.sse!.until((c) => c.events('booking').some((e) => e.bookingId === ownId), 10_000, 'the member’s booking on the owner’s stream');
    expect(owners.sse!.events('booking').some((e) => e.bookingId === theirs.json.booking.id)).toBe(true);
    await mine.sse!.until((c) => c.events('booking').some((e) => e.bookingId === ownId), 10_000, 'the member’s own booking');
    expect(mine.sse!.events('booking').map((e) => e.bookingId)).not.toContain(theirs.json.booking.id);
    mine.sse!.close();
    owners.sse!.close();
  });

  it('never carries another organization’s events, under load', async () => {
    const a = await bookableOrg();
    const b = await bookableOrg();
    const streamA = await stream(a.org, a.org.owner.cookie);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => book(i % 3 === 0 ? a.org : b.org, i % 3 === 0 ? a.service.id : b.service.id, nextStart(8 + (i % 10)))));
    const aIds = results.filter((_, i) => i % 3 === 0 && results[i]!.status === 201).map((r) => r.json.booking.id as string);
    const bIds = new Set(results.filter((_, i) => i % 3 !== 0 && results[i]!.status === 201).map((r) => r.json.booking.id as string));
    expect(aIds.length).toBeGreaterThan(0);
    expect(bIds.size).toBeGreaterThan(0);
    await streamA.sse!.until((c) => aIds.every((id) => c.events('booking').some((e) => e.bookingId === id)), 15_000, 'all of A’s bookings');
    // B's were published in the same batches: none reached A.
    await expect
      .poll(async () => (await h.database.db.select().from(outbox).where(eq(outbox.organizationId, b.org.id))).filter((r) => r.topic === 'booking.created').every((r) => r.publishedAt !== null), { timeout: 10_000 })
      .toBe(true);
    expect(streamA.sse!.events('booking').filter((e) => bIds.has(e.bookingId as string))).toEqual([]);
    streamA.sse!.close();
  });

  it('refuses before streaming: no session 401, another organization 404, both as the envelope', async () => {
    const { org } = await bookableOrg();
    const other = await createOrg(h);
    const anonymous = await openSse(`${server.url}/api/v1/orgs/${org.slug}/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
    const foreign = await stream(org, other.owner.cookie);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('NOT_FOUND');
  });

  it('resumes after Last-Event-ID: from memory, and after a restart from the database', async () => {
    const { org, service } = await bookableOrg();
    const first = await stream(org, org.owner.cookie);
    const one = await book(org, service.id);
    await first.sse!.until((c) => c.events('booking').some((e) => e.bookingId === one.json.booking.id), 10_000, 'the first booking');
    const lastId = first.sse!.events('booking').at(-1)!.id;
    first.sse!.close();
    const two = await book(org, service.id);
    const three = await book(org, service.id);
    const missed = [two.json.booking.id, three.json.booking.id];
    // Wait until both are published (the hub has them), then resume.
    await expect.poll(async () => (await h.database.db.select().from(outbox).where(eq(outbox.organizationId, org.id))).every((r) => r.publishedAt), { timeout: 10_000 }).toBe(true);
    const resumed = await stream(org, org.owner.cookie, { 'last-event-id': lastId });
    await resumed.sse!.until((c) => missed.every((id) => c.events('booking').some((e) => e.bookingId === id)), 10_000, 'the missed bookings');
    const ids = resumed.sse!.events('booking').map((e) => e.bookingId);
    expect(ids).not.toContain(one.json.booking.id);
    resumed.sse!.close();

    // A new instance (as after a restart) has nothing in memory: it reads the database's copy.
    const restarted = createRealtime(h.database, logger(), { publish: false });
    const fromDb = restarted.hub.open('10.0.0.1', (e) => (e.kind !== 'seats' && e.organizationId === org.id ? `${e.seq} ${e.bookingId}\n` : ''), lastId);
    const reader = fromDb.getReader();
    let text = '';
    while (!missed.every((id) => text.includes(id))) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).not.toContain(one.json.booking.id);
    restarted.hub.closeAll();
  });
});

describe('public availability stream', () => {
  it('says taken and freed, with no personal data', async () => {
    const { org, service, resources } = await bookableOrg();
    const opened = await openSse(`${server.url}/api/v1/public/orgs/${org.slug}/availability/stream?serviceId=${service.id}`);
    expect(opened.status).toBe(200);
    const sse = opened.sse!;
    const start = nextStart(11);
    const created = await book(org, service.id, start);
    expect(created.status).toBe(201);
    await sse.until((c) => c.events('slot').some((e) => e.change === 'taken'), 10_000, 'taken');
    const taken = sse.events<Record<string, unknown>>('slot').find((e) => e.change === 'taken')!;
    expect(Object.keys(taken).sort()).toEqual(['change', 'endsAt', 'id', 'resourceId', 'seq', 'startsAt']);
    expect(taken).toMatchObject({ resourceId: resources[0]!.id, startsAt: new Date(start).toISOString() });
    const raw = sse.frames.map((f) => f.data ?? '').join('');
    expect(raw).not.toContain(created.json.booking.id);
    expect(raw).not.toContain('@');
    await call(h, `/api/v1/orgs/${org.slug}/bookings/${created.json.booking.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'test' } });
    await sse.until((c) => c.events('slot').some((e) => e.change === 'freed'), 10_000, 'freed');
    sse.close();
  });

  it('answers the envelope for a bad service id, an unknown organization or another organization’s service', async () => {
    const { org } = await bookableOrg();
    const other = await bookableOrg();
    const bad = await openSse(`${server.url}/api/v1/public/orgs/${org.slug}/availability/stream?serviceId=nope`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields).toBeTruthy();
    const missing = await openSse(`${server.url}/api/v1/public/orgs/${org.slug}/availability/stream`);
    expect(missing.status).toBe(400);
    const unknown = await openSse(`${server.url}/api/v1/public/orgs/no-such-org-x/availability/stream?serviceId=${other.service.id}`);
    expect(unknown.status).toBe(404);
    const foreign = await openSse(`${server.url}/api/v1/public/orgs/${org.slug}/availability/stream?serviceId=${other.service.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('NOT_FOUND');
  });
});

describe('instances, limits and slow clients', () => {
  it('an event published by one instance reaches a stream on another', async () => {
    const { org, service } = await bookableOrg();
    // Instance B: its own hub and channel subscription, no publisher; instance A (h) publishes.
    const b = await createHarness({ database: h.database, realtime: { publish: false } });
    await b.realtime!.start();
    const serverB = await serveApp(b.app);
    try {
      const opened = await openSse(`${serverB.url}/api/v1/orgs/${org.slug}/events`, { cookie: org.owner.cookie });
      const created = await book(org, service.id);
      await opened.sse!.until((c) => c.events('booking').some((e) => e.bookingId === created.json.booking.id), 10_000, 'the event on instance B');
      opened.sse!.close();
    } finally {
      b.realtime!.hub.closeAll();
      await serverB.close();
      await b.realtime!.stop();
    }
  });

  it('limits open streams per address (429 envelope) and frees the count when one closes', async () => {
    const { org } = await bookableOrg();
    const limited = await createHarness({ database: h.database, realtime: { publish: false, hub: { maxStreamsPerAddress: 2 } } });
    await limited.realtime!.start();
    const s = await serveApp(limited.app);
    try {
      const one = await openSse(`${s.url}/api/v1/orgs/${org.slug}/events`, { cookie: org.owner.cookie });
      const two = await openSse(`${s.url}/api/v1/orgs/${org.slug}/events`, { cookie: org.owner.cookie });
      const three = await openSse(`${s.url}/api/v1/orgs/${org.slug}/events`, { cookie: org.owner.cookie });
      expect([one.status, two.status, three.status]).toEqual([200, 200, 429]);
      expect(three.json.error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'too_many_streams' } });
      one.sse!.close();
      await expect.poll(() => limited.realtime!.hub.size, { timeout: 5_000 }).toBe(1);
      const again = await openSse(`${s.url}/api/v1/orgs/${org.slug}/events`, { cookie: org.owner.cookie });
      expect(again.status).toBe(200);
      again.sse!.close();
      two.sse!.close();
    } finally {
      limited.realtime!.hub.closeAll();
      await s.close();
      await limited.realtime!.stop();
    }
  });

  it('drops a client that does not read; the memory it holds stays bounded', async () => {
    const { org } = await bookableOrg();
    const maxQueueBytes = 64 * 1024;
    const slow = await createHarness({ database: h.database, realtime: { publish: false, hub: { maxQueueBytes } } });
    await slow.realtime!.start();
    const s = await serveApp(slow.app);
    const hub = slow.realtime!.hub;
    try {
      // A raw connection that sends the request and then never reads a byte.
      const port = new URL(s.url).port;
      const socket = createConnection({ host: '127.0.0.1', port: Number(port) });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.pause();
      socket.write(`GET /api/v1/orgs/${org.slug}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${org.owner.cookie}\r\nAccept: text/event-stream\r\n\r\n`);
      await expect.poll(() => hub.size, { timeout: 5_000 }).toBe(1);
      // 10 KB events, far more than socket buffers hold: the stream's queue fills and it is dropped.
      const big = 'x'.repeat(10_000);
      let seq = 1_000_000_000;
      let maxQueued = 0;
      for (let i = 0; i < 4_000 && hub.size > 0; i++) {
        hub.receive([syntheticEvent(org.id, ++seq, big)]);
        maxQueued = Math.max(maxQueued, hub.queuedBytes);
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      }
      expect(hub.size).toBe(0);
      expect(hub.dropped).toBe(1);
      expect(maxQueued).toBeLessThanOrEqual(maxQueueBytes + 12_000);
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.resume();
      });
    } finally {
      hub.closeAll();
      await s.close();
      await slow.realtime!.stop();
    }
  });

  it('serves many streams in slices: each gets every event once, in order, even when batches arrive mid-pass', async () => {
    const hub = new RealtimeHub({ heartbeatMs: 60_000, maxStreamsPerAddress: 1000 });
    const readers = Array.from({ length: 200 }, () => hub.open('10.0.0.7', (e) => `${e.seq},`).getReader());
    const texts = readers.map(() => '');
    // Three batches handed over back to back: the second and third arrive while the first
    // pass is still between slices.
    hub.receive([syntheticEvent('org_x', 11, 'a'), syntheticEvent('org_x', 12, 'a')]);
    hub.receive([syntheticEvent('org_x', 13, 'a')]);
    hub.receive([syntheticEvent('org_x', 15, 'a'), syntheticEvent('org_x', 14, 'a'), syntheticEvent('org_x', 12, 'a')]);
    await Promise.all(
      readers.map(async (reader, i) => {
        while (!texts[i]!.includes('15,')) texts[i] += new TextDecoder().decode((await reader.read()).value);
      }),
    );
    for (const text of texts) expect(text.replace('retry: 2000\n\n', '')).toBe('11,12,13,14,15,');
    hub.closeAll();
  });

  it('tells a stream that fell behind the replay buffer to refetch (event: reset)', async () => {
    const hub = new RealtimeHub({ heartbeatMs: 60_000, replay: 3 });
    for (let seq = 1; seq <= 5; seq++) hub.receive([syntheticEvent('org_x', seq, 'a')]);
    // Resuming after event 1: events 2 and 3 have left memory and there is no database copy.
    const reader = hub.open('10.0.0.8', (e) => `${e.seq},`, '1').getReader();
    let text = '';
    while (!text.includes('reset')) text += new TextDecoder().decode((await reader.read()).value);
    hub.receive([syntheticEvent('org_x', 6, 'a')]);
    while (!text.includes('6,')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).not.toMatch(/[2-5],/);
    hub.closeAll();
  });

  it('ends every stream cleanly at shutdown', async () => {
    const hub = new RealtimeHub({ heartbeatMs: 60_000 });
    const body = hub.open('10.0.0.9', () => '');
    const reader = body.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('retry: 2000\n\n');
    hub.closeAll();
    expect((await reader.read()).done).toBe(true);
    expect(hub.size).toBe(0);
    // A reconnection during the drain is refused (503), not given a stream that would hold it.
    expect(() => hub.open('10.0.0.9', () => '')).toThrow(/shutting down/);
  });
});

function syntheticEvent(organizationId: string, seq: number, topic: string): RealtimeEvent {
  return {
    seq,
    organizationId,
    topic,
    bookingId: 'bkg_x',
    status: 'confirmed',
    startsAt: '2030-01-01T10:00:00.000Z',
    endsAt: '2030-01-01T11:00:00.000Z',
    resourceId: 'res_x',
    serviceId: 'svc_x',
    source: 'public',
    version: '2030-01-01T00:00:00.000Z',
    slots: [],
    audience: { createdByUserId: null, customerEmail: '' },
  };
}

describe.skipIf(!testEnv().CI && !process.env.TEST_REDIS_URL)('Redis channel', () => {
  it('fans a published batch out to every subscribed instance', async () => {
    const url = testEnv().TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    await probe.connect();
    probe.disconnect();
    const channel = `bookline:test:${Math.random().toString(36).slice(2)}`;
    const { org } = await bookableOrg();
    // Two instances on one Redis channel; A sends a batch (as its publisher would, inside a
    // transaction), B's hub receives it.
    const a = createRealtime(h.database, logger(), { redisUrl: url, redisChannel: channel, publish: false });
    const b = createRealtime(h.database, logger(), { redisUrl: url, redisChannel: channel, publish: false });
    await a.start();
    await b.start();
    try {
      const body = b.hub.open('10.0.0.2', (e) => (e.organizationId === org.id ? `${e.seq}\n` : ''));
      const reader = body.getReader();
      await h.database.db.transaction((tx) => a.bus.send(tx, [syntheticEvent(org.id, 2_000_000_001, 'booking.created'), syntheticEvent(org.id, 2_000_000_002, 'booking.created')]));
      let text = '';
      while (!text.includes('2000000002')) text += new TextDecoder().decode((await reader.read()).value);
      expect(text).toContain('2000000001');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
