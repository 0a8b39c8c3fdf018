/**
 * Webhooks end to end against a real HTTP receiver on loopback: fan-out from the outbox,
 * Standard Webhooks signatures checked with the independent `standardwebhooks` package,
 * rotation, timeout, retries with backoff, automatic disabling, the SSRF guard at save and at
 * delivery, the test event, and tenant isolation. Runs on PGlite, and on PostgreSQL with
 * TEST_DATABASE_URL (deliveries are scoped to this file's organizations).
 */
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, outbox, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { logger } from '@/lib/logger';
import { deliverOutbox, type OutboxHandler } from '@/modules/kernel';
import { createOutboxHandlers } from '@/modules/notifications';
import { deliverWebhooks, MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, type WebhookSettings, withWebhookFanOut } from '@/modules/webhooks';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';
import { type Receiver, startReceiver } from './support/webhook-receiver';

const settings: WebhookSettings = { allowPrivate: true, timeoutMs: 2000, disableAfter: 20 };
const baseHandlers = createOutboxHandlers(logger());
const handlers = withWebhookFanOut(baseHandlers);

let h: Harness;
let strict: Harness; // same app and database, private addresses refused
let rx: Receiver;
beforeAll(async () => {
  h = await createHarness({ webhooks: { allowPrivate: true } });
  strict = await createHarness({ database: h.database, webhooks: { allowPrivate: false } });
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await h?.close();
});

// Weekday 10:00–16:00 slots in Chicago (UTC−6 in February), never handed out twice.
let slotIndex = 0;
function nextSlot(): string {
  const i = slotIndex++;
  const day = 1 + Math.floor(i / 6) + 2 * Math.floor(i / 30); // skip weekends roughly: Feb 2027 starts on a Monday
  const date = new Date(Date.UTC(2027, 1, day));
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date.setUTCDate(date.getUTCDate() + 2);
  return `${date.toISOString().slice(0, 10)}T${String(10 + (i % 6)).padStart(2, '0')}:00:00-06:00`;
}

async function bookableOrg() {
  const org = await createOrg(h);
  const { service } = await bookableSetup(h, org, { staff: 3, service: { maxAdvanceDays: 365 } });
  return { org, service };
}

async function createEndpoint(org: TestOrg, body: Record<string, unknown> = {}, harness = h) {
  const res = await call(harness, `/api/v1/orgs/${org.slug}/webhooks`, { cookie: org.owner.cookie, body: { url: rx.url, eventTypes: ['booking.created'], ...body } });
  if (res.status !== 201) throw new Error(`create endpoint: ${res.status} ${res.text}`);
  return res.json as { id: string; secret: string; url: string; eventTypes: string[] };
}

async function book(org: TestOrg, serviceId: string) {
  const res = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId, start: nextSlot(), customer: guest() } });
  if (res.status !== 201) throw new Error(`booking: ${res.status} ${res.text}`);
  return res.json.booking as { id: string; customerId: string };
}

/** The outbox, then the webhook worker, for this organization only. */
async function deliverAll(orgId: string, now = new Date(), opts: Partial<WebhookSettings> = {}) {
  await deliverOutbox(h.database.db, withWebhookFanOut(baseHandlers, () => now), now, 1000, { organizationId: orgId });
  return deliverWebhooks(h.database.db, now, { settings: { ...settings, ...opts }, organizationId: orgId });
}

const deliveriesOf = (endpointId: string) => h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
const endpointRow = async (id: string) => (await h.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0]!;

describe('webhook endpoints', () => {
  it('answers the secret once, lists endpoints without it, and validates input with 400s', async () => {
    const org = await createOrg(h);
    const created = await createEndpoint(org, { description: 'CRM sync', eventTypes: ['booking.created', 'customer.created', 'booking.created'] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.eventTypes).toEqual(['booking.created', 'customer.created']);
    const list = await call(h, `/api/v1/orgs/${org.slug}/webhooks`, { cookie: org.owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(1);
    expect(list.text).not.toContain(created.secret);
    expect(list.text).not.toContain('whsec_');

    for (const body of [
      { url: 'ftp://example.com/x', eventTypes: ['booking.created'] },
      { url: 'not a url', eventTypes: ['booking.created'] },
      { url: 'https://user:pw@example.com/x', eventTypes: ['booking.created'] },
      { url: 'https://example.com/x', eventTypes: [] },
      { url: 'https://example.com/x', eventTypes: ['booking.exploded'] },
      { url: 'https://example.com/x', eventTypes: ['booking.created'], secret: 'mine' },
    ]) {
      const res = await call(h, `/api/v1/orgs/${org.slug}/webhooks`, { cookie: org.owner.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
    }
    const audit = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'webhook_endpoint.created')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.changes)).not.toContain('whsec_');
  });
});

describe('delivery', () => {
  it('fans booking events out to subscribed endpoints, signed so the standardwebhooks library verifies them', async () => {
    const { org, service } = await bookableOrg();
    const all = await createEndpoint(org, { eventTypes: ['booking.created', 'booking.status_changed', 'booking.rescheduled', 'customer.created'] });
    const onlyStatus = await createEndpoint(org, { url: `${rx.url}?only=status`, eventTypes: ['booking.status_changed'] });
    const since = rx.received.length;

    const booking = await book(org, service.id);
    expect(await deliverAll(org.id)).toBe(2); // booking.created + customer.created, to `all` only
    const confirm = await call(h, `/api/v1/orgs/${org.slug}/bookings/${booking.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'weather' } });
    expect(confirm.status, confirm.text).toBe(200);
    expect(await deliverAll(org.id)).toBe(2); // status_changed to both

    const got = rx.received.slice(since);
    expect(got).toHaveLength(4);
    const verifier = new Webhook(all.secret);
    const statusVerifier = new Webhook(onlyStatus.secret);
    const events = got.map((r) => {
      const v = r.path.includes('only=status') ? statusVerifier : verifier;
      return { path: r.path, event: v.verify(r.body, r.headers) as { type: string; data: any }, headers: r.headers };
    });
    expect(events.map((e) => `${e.path.includes('only') ? 'status-only' : 'all'}:${e.event.type}`).sort()).toEqual([
      'all:booking.created',
      'all:booking.status_changed',
      'all:customer.created',
      'status-only:booking.status_changed',
    ]);
    const created = events.find((e) => e.event.type === 'booking.created')!;
    expect(created.event.data.booking).toMatchObject({ id: booking.id, status: 'confirmed', customerId: booking.customerId });
    expect(events.find((e) => e.event.type === 'customer.created')!.event.data.customer.id).toBe(booking.customerId);
    expect(events.find((e) => e.event.type === 'booking.status_changed')!.event.data).toMatchObject({ from: 'confirmed', to: 'cancelled', reason: 'weather' });
    expect(created.headers['webhook-id']).toMatch(/^msg_/);
    expect(created.headers['content-type']).toBe('application/json');
    // Another endpoint's secret does not verify it.
    const createdRaw = got.find((r) => r.headers['webhook-id'] === created.headers['webhook-id'])!;
    expect(() => statusVerifier.verify(createdRaw.body, createdRaw.headers)).toThrow();

    const log = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${all.id}/deliveries`, { cookie: org.owner.cookie });
    expect(log.status).toBe(200);
    expect(log.json.pagination.total).toBe(3);
    expect(log.json.data[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, lastError: null });
    expect(log.json.data[0].lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(log.json.data[0].attemptLog).toHaveLength(1);
    const page2 = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${all.id}/deliveries?page=2&pageSize=2`, { cookie: org.owner.cookie });
    expect(page2.json.data).toHaveLength(1);
    expect(page2.json.pagination).toMatchObject({ page: 2, total: 3, hasMore: false });
  });

  it('sends booking.rescheduled with the times before and after', async () => {
    const { org, service } = await bookableOrg();
    const ep = await createEndpoint(org, { eventTypes: ['booking.rescheduled'] });
    const booking = await book(org, service.id);
    const start = nextSlot();
    const moved = await call(h, `/api/v1/orgs/${org.slug}/bookings/${booking.id}/reschedule`, { cookie: org.owner.cookie, body: { start } });
    expect(moved.status, moved.text).toBe(200);
    const since = rx.received.length;
    expect(await deliverAll(org.id)).toBe(1); // booking.created is not subscribed
    const r = rx.received[since]!;
    const event = new Webhook(ep.secret).verify(r.body, r.headers) as { type: string; data: any };
    expect(event.type).toBe('booking.rescheduled');
    expect(event.data.booking.id).toBe(booking.id);
    expect(new Date(event.data.after.start).getTime()).toBe(new Date(start).getTime());
    expect(event.data.before.start).not.toBe(event.data.after.start);
  });

  it('does not send twice when the outbox message is handled again', async () => {
    const { org, service } = await bookableOrg();
    const ep = await createEndpoint(org);
    await book(org, service.id);
    const [message] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'booking.created')));
    const handle = handlers['booking.created'] as OutboxHandler;
    const tenantMessage = { ...message!, organizationId: org.id };
    await h.database.db.transaction(async (tx) => {
      await handle(tenantMessage, tx);
      await handle(tenantMessage, tx);
    });
    expect(await deliveriesOf(ep.id)).toHaveLength(1);
  });

  it('signs with the old and the new secret during a rotation’s grace period, and only the new one after', async () => {
    const org = await createOrg(h);
    const ep = await createEndpoint(org);
    const rotated = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}/rotate-secret`, { cookie: org.owner.cookie, body: { graceHours: 24 } });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(ep.secret);
    expect(rotated.json.previousSecretExpiresAt).toBeTruthy();

    const since = rx.received.length;
    const test = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}/test`, { cookie: org.owner.cookie, method: 'POST' });
    expect(test.status).toBe(200);
    const r = rx.received[since]!;
    expect(r.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect((new Webhook(ep.secret).verify(r.body, r.headers) as { type: string }).type).toBe('webhook.test');
    expect((new Webhook(rotated.json.secret).verify(r.body, r.headers) as { type: string }).type).toBe('webhook.test');

    // Rotating again with no grace: only the newest secret signs; both older ones fail.
    const again = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}/rotate-secret`, { cookie: org.owner.cookie, body: { graceHours: 0 } });
    await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}/test`, { cookie: org.owner.cookie, method: 'POST' });
    const r2 = rx.received[since + 1]!;
    expect(r2.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(() => new Webhook(again.json.secret).verify(r2.body, r2.headers)).not.toThrow();
    expect(() => new Webhook(rotated.json.secret).verify(r2.body, r2.headers)).toThrow();
    expect(() => new Webhook(ep.secret).verify(r2.body, r2.headers)).toThrow();
  });

  it('a rotation’s old secret stops signing when the grace period ends', async () => {
    const org = await createOrg(h);
    const ep = await createEndpoint(org);
    const rotated = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}/rotate-secret`, { cookie: org.owner.cookie, body: { graceHours: 1 } });
    const { signingSecrets } = await import('@/modules/webhooks');
    const row = await endpointRow(ep.id);
    expect(signingSecrets(row, new Date(Date.now() + 30 * 60_000))).toEqual([rotated.json.secret, ep.secret]);
    expect(signingSecrets(row, new Date(Date.now() + 61 * 60_000))).toEqual([rotated.json.secret]);
  });

  it('cuts a hanging endpoint at the timeout and schedules a retry', async () => {
    const { org, service } = await bookableOrg();
    const ep = await createEndpoint(org);
    await book(org, service.id);
    rx.respond('hang');
    try {
      const now = new Date();
      const started = Date.now();
      await deliverAll(org.id, now, { timeoutMs: 300 });
      expect(Date.now() - started).toBeLessThan(5000);
      const [d] = await deliveriesOf(ep.id);
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'timed out after 300 ms' });
      expect(d!.lastLatencyMs).toBeGreaterThanOrEqual(290);
      expect(d!.nextAttemptAt!.getTime()).toBe(now.getTime() + RETRY_DELAYS_SECONDS[0] * 1000);
    } finally {
      rx.respond(200);
    }
  });

  it('retries with backoff until the endpoint answers 2xx, logging every attempt', async () => {
    const { org, service } = await bookableOrg();
    const ep = await createEndpoint(org);
    await book(org, service.id);
    const t0 = new Date();
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    rx.respond(500);
    await deliverAll(org.id, t0);
    let [d] = await deliveriesOf(ep.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'answered HTTP 500' });
    expect(d!.nextAttemptAt).toEqual(at(5));

    expect(await deliverAll(org.id, at(4))).toBe(0); // not due yet
    expect(await deliverAll(org.id, at(5))).toBe(1);
    [d] = await deliveriesOf(ep.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    expect(d!.nextAttemptAt).toEqual(at(5 + 300));

    rx.respond(204);
    expect(await deliverAll(org.id, at(5 + 300))).toBe(1);
    [d] = await deliveriesOf(ep.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 204, nextAttemptAt: null });
    expect(d!.attemptLog.map((a) => a.statusCode)).toEqual([500, 500, 204]);
    const ids = new Set(rx.received.slice(-3).map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1); // the same webhook-id on every retry
    expect((await endpointRow(ep.id)).consecutiveFailures).toBe(0);
    rx.respond(200);
  });

  it('gives up after the last attempt', async () => {
    const { org, service } = await bookableOrg();
    const ep = await createEndpoint(org);
    await book(org, service.id);
    rx.respond(503);
    try {
      let t = Date.now();
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        expect(await deliverAll(org.id, new Date(t))).toBe(1);
        t += (RETRY_DELAYS_SECONDS[i] ?? 0) * 1000;
      }
      const [d] = await deliveriesOf(ep.id);
      expect(d).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
      expect(await deliverAll(org.id, new Date(t + 86_400_000))).toBe(0);
    } finally {
      rx.respond(200);
    }
  });

  it('disables an endpoint after N consecutive failures, tells the owners through the outbox, and re-enabling resets it', async () => {
    const { org, service } = await bookableOrg();
    const ep = await createEndpoint(org);
    for (let i = 0; i < 4; i++) await book(org, service.id);
    rx.respond(500);
    try {
      const since = rx.received.length;
      const now = new Date();
      await deliverOutbox(h.database.db, withWebhookFanOut(baseHandlers, () => now), now, 1000, { organizationId: org.id });
      await deliverWebhooks(h.database.db, now, { settings: { ...settings, disableAfter: 3 }, organizationId: org.id, concurrency: 1 });
      const row = await endpointRow(ep.id);
      expect(row).toMatchObject({ enabled: false, disabledReason: 'failures', consecutiveFailures: 3 });
      // The fourth was not sent: its endpoint had been disabled.
      expect(rx.received.length - since).toBe(3);
      const deliveries = await deliveriesOf(ep.id);
      expect(deliveries.filter((d) => d.lastError === 'endpoint disabled')).toHaveLength(1);
      const mails = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'email.webhook_disabled')));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.payload).toMatchObject({ endpointId: ep.id, consecutiveFailures: 3 });
      const audit = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'webhook_endpoint.disabled')));
      expect(audit).toHaveLength(1);
      // The outbox has a handler for the email message (the email worker renders it).
      await deliverOutbox(h.database.db, handlers, new Date(), 1000, { organizationId: org.id });
      expect((await h.database.db.select().from(outbox).where(eq(outbox.id, mails[0]!.id)))[0]!.status).toBe('sent');

      const shown = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}`, { cookie: org.owner.cookie });
      expect(shown.json).toMatchObject({ enabled: false, disabledReason: 'failures' });
      const on = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { enabled: true } });
      expect(on.json).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    } finally {
      rx.respond(200);
    }
  });

  it('answers the test event with its result, and a failing test never disables the endpoint', async () => {
    const org = await createOrg(h);
    const ep = await createEndpoint(org);
    const since = rx.received.length;
    const ok = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}/test`, { cookie: org.owner.cookie, method: 'POST' });
    expect(ok.json).toMatchObject({ eventType: 'webhook.test', status: 'succeeded', lastStatusCode: 200, attempts: 1 });
    const event = new Webhook(ep.secret).verify(rx.received[since]!.body, rx.received[since]!.headers) as { type: string; data: { endpointId: string } };
    expect(event).toMatchObject({ type: 'webhook.test', data: { endpointId: ep.id } });

    rx.respond(500);
    try {
      const bad = await call(h, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}/test`, { cookie: org.owner.cookie, method: 'POST' });
      expect(bad.json).toMatchObject({ status: 'failed', lastStatusCode: 500, nextAttemptAt: null });
      expect((await endpointRow(ep.id)).consecutiveFailures).toBe(0);
    } finally {
      rx.respond(200);
    }
  });
});

describe('SSRF guard', () => {
  const refused = async (org: TestOrg, url: string, harness = strict) => {
    const res = await call(harness, `/api/v1/orgs/${org.slug}/webhooks`, { cookie: org.owner.cookie, body: { url, eventTypes: ['booking.created'] } });
    return res;
  };

  it('refuses non-public addresses when an endpoint is saved, unless allowed', async () => {
    const org = await createOrg(h);
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::ffff:a9fe:a9fe]/latest/meta-data',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/x',
      'http://192.168.0.10/x',
      'http://172.16.5.4/x',
      'http://0.0.0.0/x',
      'http://[fd00::1]/x',
      'http://[fe80::1]/x',
      'http://2130706433/x', // 127.0.0.1 as one number
    ]) {
      const res = await refused(org, url);
      expect(res.status, url).toBe(400);
      expect(res.json.error.details.fields[0].path, url).toBe('url');
    }
    // A name that resolves to a private address is refused too.
    const rebinding = await createHarness({ database: h.database, webhooks: { allowPrivate: false, resolve: async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.7', family: 4 }] } });
    expect((await refused(org, 'https://hooks.example.com/x', rebinding)).status).toBe(400);
    const unresolvable = await createHarness({ database: h.database, webhooks: { allowPrivate: false, resolve: async () => [] } });
    expect((await refused(org, 'https://nowhere.invalid/x', unresolvable)).json.error.details.fields[0].message).toMatch(/does not resolve/);
    // Public addresses are fine; with the setting, loopback is too.
    expect((await refused(org, 'https://93.184.215.14/hooks')).status).toBe(201);
    expect((await refused(org, 'http://127.0.0.1:8080/x', h)).status).toBe(201);
    // Changing the URL is checked the same way.
    const ep = (await refused(org, 'https://93.184.215.14/other')).json;
    const patch = await call(strict, `/api/v1/orgs/${org.slug}/webhooks/${ep.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { url: 'http://192.168.1.1/' } });
    expect(patch.status).toBe(400);
  });

  it('checks the address again at delivery (DNS rebinding) and connects to the address it checked', async () => {
    const { org, service } = await bookableOrg();
    // Saved while the name pointed at a public address…
    const publicDns = await createHarness({ database: h.database, webhooks: { allowPrivate: false, resolve: async () => [{ address: '93.184.215.14', family: 4 }] } });
    const port = new URL(rx.url).port;
    const ep = await createEndpoint(org, { url: `http://hooks.rebind.test:${port}/hooks` }, publicDns);
    await book(org, service.id);
    const since = rx.received.length;
    // …and now it answers 127.0.0.1: refused, nothing is sent.
    await deliverAll(org.id, new Date(), { allowPrivate: false, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const [d] = await deliveriesOf(ep.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(d!.lastError).toMatch(/^refused: resolves to a loopback address/);
    expect(rx.received.length).toBe(since);
    // Where allowed, the connection goes to the resolved address (the name itself resolves nowhere).
    await deliverAll(org.id, new Date(Date.now() + 10_000), { allowPrivate: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(rx.received.length).toBe(since + 1);
    expect(rx.received[since]!.headers.host).toBe(`hooks.rebind.test:${port}`);
  });
});

describe('tenant isolation and permissions', () => {
  it('404s across tenants, 403s for roles without webhooks:manage', async () => {
    const a = await createOrg(h);
    const b = await createOrg(h);
    const ep = await createEndpoint(a);
    const paths = ['', '/deliveries'];
    for (const p of paths) {
      expect((await call(h, `/api/v1/orgs/${a.slug}/webhooks/${ep.id}${p}`, { cookie: b.owner.cookie })).status).toBe(404);
      expect((await call(h, `/api/v1/orgs/${b.slug}/webhooks/${ep.id}${p}`, { cookie: b.owner.cookie })).status).toBe(404);
    }
    for (const [method, p, body] of [
      ['PATCH', '', { enabled: false }],
      ['DELETE', '', undefined],
      ['POST', '/rotate-secret', {}],
      ['POST', '/test', undefined],
    ] as const) {
      const res = await call(h, `/api/v1/orgs/${b.slug}/webhooks/${ep.id}${p}`, { method, cookie: b.owner.cookie, body });
      expect(res.status, `${method} ${p}`).toBe(404);
    }
    expect((await call(h, `/api/v1/orgs/${b.slug}/webhooks`, { cookie: b.owner.cookie })).json.data).toEqual([]);

    const admin = await addMember(h, a, 'admin');
    expect((await call(h, `/api/v1/orgs/${a.slug}/webhooks`, { cookie: admin.cookie })).status).toBe(200);
    for (const role of ['manager', 'viewer'] as const) {
      const m = await addMember(h, a, role);
      expect((await call(h, `/api/v1/orgs/${a.slug}/webhooks`, { cookie: m.cookie })).status, role).toBe(403);
      expect((await call(h, `/api/v1/orgs/${a.slug}/webhooks/${ep.id}/test`, { method: 'POST', cookie: m.cookie })).status, role).toBe(403);
    }
    // Deleting removes the endpoint and its log.
    expect((await call(h, `/api/v1/orgs/${a.slug}/webhooks/${ep.id}`, { method: 'DELETE', cookie: a.owner.cookie })).status).toBe(204);
    expect((await call(h, `/api/v1/orgs/${a.slug}/webhooks/${ep.id}`, { cookie: a.owner.cookie })).status).toBe(404);
  });
});
