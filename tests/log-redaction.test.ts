/**
 * Log lines carry no secrets and no personal data: a manage link's token (in the request
 * path of every manage-route call), an invitation's token, a customer's email and name. The
 * app and the outbox's logging transport write through a real pino logger whose destination
 * the test reads, at the most verbose level, so every line that would reach production logs
 * is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { createRateLimits, GENEROUS_RATE_LIMITS } from '@/api/middleware/rate-limit';
import { fixedClock } from '@/lib/clock';
import { env } from '@/lib/env';
import { createLogger } from '@/lib/logger';
import { deliverOutbox } from '@/modules/kernel';
import { createOutboxHandlers } from '@/modules/notifications';
import { createOrg, readResponse, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';

const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

/** A logger like production's (same redaction and serializers) that writes into `lines`. */
function capturedLogger() {
  const lines: string[] = [];
  const log = createLogger({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  return { log, lines, text: () => lines.join('') };
}

describe('log lines', () => {
  it('name the route pattern of a manage-link request, and neither its token nor the customer; the outbox transport logs no email, name or link', async () => {
    const { log, lines, text } = capturedLogger();
    const app = createApp({ database: h.database, auth: h.auth, clock: fixedClock(NOW), logger: log, rateLimits: createRateLimits({ settings: GENEROUS_RATE_LIMITS }) });
    const request = async (path: string, init: { method?: string; body?: unknown; cookie?: string; origin?: string } = {}) =>
      readResponse(
        await app.request(path, {
          method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
          headers: { origin: init.origin ?? env().BASE_URL, 'content-type': 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}) },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        }),
      );

    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { durationMinutes: 60, slotIntervalMinutes: 60 } });
    const customer = { name: `Quentin Redactable ${uniq()}`, email: `${uniq('pii')}@example.test` };
    const booked = await request(`/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer } });
    expect(booked.status).toBe(201);
    const token = new URL(booked.json.manageUrl).searchParams.get('token')!;
    expect(token.length).toBeGreaterThan(20);

    expect((await request(`/api/v1/public/bookings/${token}`)).status).toBe(200);
    // A refused change (foreign origin) is logged by the CSRF guard: no path there either.
    expect((await request(`/api/v1/public/bookings/${token}/cancel`, { body: { reason: 'plans changed' }, origin: 'https://evil.example' })).status).toBe(403);
    expect((await request(`/api/v1/public/bookings/${token}/cancel`, { body: { reason: 'plans changed' } })).status).toBe(200);

    const invitee = `${uniq('invitee')}@example.test`;
    const invited = await request(`/api/v1/orgs/${org.slug}/invitations`, { body: { email: invitee, role: 'staff' }, cookie: org.owner.cookie });
    expect(invited.status).toBe(201);
    const inviteToken = new URL(invited.json.acceptUrl).searchParams.get('token')!;
    expect(inviteToken.length).toBeGreaterThan(20);

    await deliverOutbox(h.database.db, createOutboxHandlers(log), new Date(Date.now() + 60_000), 1000, { organizationId: org.id });

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // The lines the checks below are about do exist.
    const requestLines = entries.filter((e) => e.msg === 'request');
    expect(requestLines.map((e) => e.route)).toEqual(
      expect.arrayContaining(['/api/v1/public/bookings/:token', '/api/v1/public/bookings/:token/cancel', '/api/v1/public/orgs/:slug/bookings']),
    );
    expect(entries.some((e) => e.msg === 'csrf check refused a request' && e.route === '/api/v1/public/bookings/:token/cancel')).toBe(true);
    const ours = entries.filter((e) => e.organization === org.id);
    expect(ours.map((e) => e.topic)).toEqual(expect.arrayContaining(['booking.created', 'booking.status_changed', 'email.invitation']));
    expect(ours.find((e) => e.topic === 'booking.created')).toMatchObject({ bookingId: booked.json.booking.id, withheld: expect.arrayContaining(['to', 'customerName']) });

    const all = text();
    for (const secret of [token, encodeURIComponent(token), inviteToken, customer.email, customer.name, invitee, booked.json.manageUrl, invited.json.acceptUrl]) {
      expect(all, `log output contains ${secret}`).not.toContain(secret);
    }
  });

  it('drop the parameters of a failed SQL statement from logged errors (they hold emails, names and token hashes)', () => {
    const { log, text } = capturedLogger();
    const cause = new Error('duplicate key value violates unique constraint');
    const err = new Error('Failed query: insert into "customers" ("email", "name") values ($1, $2)\nparams: leak@example.test,Leaky Name', { cause });
    log.error({ err }, 'unhandled error');
    log.warn({ err: new Error('outer', { cause: err }) }, 'database rejected a value');
    const out = text();
    expect(out).toContain('Failed query: insert into');
    expect(out).not.toContain('leak@example.test');
    expect(out).not.toContain('Leaky Name');
  });
});
