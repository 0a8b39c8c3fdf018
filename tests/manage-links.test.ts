/**
 * Manage links (#11.5): random tokens, stored only as a hash and a ciphertext under a key
 * derived from the server secret; rotatable by staff; expired 30 days after the booking ends;
 * an old or expired link answers 410 GONE; idempotent replays and the outbox hand out the
 * current link again.
 */
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingManageTokens, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { sha256 } from '@/lib/crypto';
import { MANAGE_LINK_DAYS_AFTER_END, manageLinkFor, manageLinkIn } from '@/modules/bookings';
import { deliverOutbox, type OutboxHandler } from '@/modules/kernel';
import { createOutboxHandlers } from '@/modules/notifications';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

const NOW = '2026-06-01T12:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const book = (org: TestOrg, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body, headers });
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('manage link tokens', () => {
  it('are random per booking, kept only as a hash and a ciphertext', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 2 });
    const a = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest(1) });
    const b = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest(2) });
    expect(a.json.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.json.manageToken).not.toBe(b.json.manageToken);
    const rows = await h.database.db.select().from(bookingManageTokens).where(eq(bookingManageTokens.bookingId, a.json.booking.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: sha256(a.json.manageToken), replacedAt: null });
    expect(rows[0]!.tokenCiphertext).toMatch(/^v1\./);
    expect(rows[0]!.tokenCiphertext).not.toContain(a.json.manageToken);
    // A ciphertext is bound to its booking: moved onto another booking's row it does not open.
    await h.database.db.update(bookingManageTokens).set({ tokenCiphertext: rows[0]!.tokenCiphertext }).where(eq(bookingManageTokens.bookingId, b.json.booking.id));
    const reissued = await manageLinkFor(h.database.db, org.id, b.json.booking.id, new Date(NOW));
    expect(reissued).not.toContain(a.json.manageToken);
    expect(reissued).not.toContain(b.json.manageToken);
  });

  it('expire 30 days after the booking ends with a distinct 410', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const created = await book(org, { serviceId: service.id, start: '2026-06-02T10:00:00-05:00', customer: guest() });
    const token = created.json.manageToken;
    expect(MANAGE_LINK_DAYS_AFTER_END).toBe(30);
    // The booking ends 2026-06-02T16:00Z.
    const lastMoment = await createHarness({ database: h.database, clock: fixedClock('2026-07-02T15:59:59Z') });
    const view = await call(lastMoment, `/api/v1/public/bookings/${token}`);
    expect(view.status).toBe(200);
    expect(view.json.linkExpiresAt).toBe('2026-07-02T11:00:00-05:00');
    const expired = await createHarness({ database: h.database, clock: fixedClock('2026-07-02T16:00:00Z') });
    for (const [path, body] of [[``, undefined], [`/cancel`, { reason: 'x' }], [`/reschedule`, { start: '2026-07-10T10:00:00-05:00' }]] as const) {
      const res = await call(expired, `/api/v1/public/bookings/${token}${path}`, { body });
      expect(res.status, path).toBe(410);
      expect(res.json.error).toMatchObject({ code: 'GONE', details: { reason: 'link_expired' }, requestId: expect.any(String) });
      expect(res.json.error.message).toMatch(/expired/);
    }
    // An unknown token is still a plain 404.
    expect((await call(expired, `/api/v1/public/bookings/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('staff rotate a link: the old one answers 410, the new one works, replays hand out the new one; audited without the secret', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const key = 'rotate-key-0123456789';
    const body = { serviceId: service.id, start: '2026-06-03T10:00:00-05:00', customer: guest() };
    const created = await book(org, body, { 'idempotency-key': key });
    const id = created.json.booking.id;
    const staff = await addMember(h, org, 'staff');
    const rotated = await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/manage-link`, { cookie: staff.cookie, body: {} });
    expect(rotated.status).toBe(200);
    expect(rotated.json).toMatchObject({ bookingId: id, expiresAt: '2026-07-03T11:00:00-05:00' });
    const fresh = tokenOf(rotated.json.manageUrl);
    expect(fresh).not.toBe(created.json.manageToken);

    const old = await call(h, `/api/v1/public/bookings/${created.json.manageToken}`);
    expect(old.status).toBe(410);
    expect(old.json.error.details.reason).toBe('link_expired');
    expect((await call(h, `/api/v1/public/bookings/${fresh}`)).json.booking.id).toBe(id);
    const replay = await book(org, body, { 'idempotency-key': key });
    expect(replay.json.manageUrl).toBe(rotated.json.manageUrl);
    expect(await manageLinkFor(h.database.db, org.id, id, new Date(NOW))).toBe(rotated.json.manageUrl);

    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'booking.manage_link_rotated')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'user', actorUserId: staff.id, changes: { after: { reason: 'rotated' } } });
    expect(JSON.stringify(audits)).not.toContain(fresh);

    const member = await addMember(h, org, 'member');
    const viewer = await addMember(h, org, 'viewer');
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/manage-link`, { cookie: member.cookie, body: {} })).status).toBe(403);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/manage-link`, { cookie: viewer.cookie, body: {} })).status).toBe(403);
  });

  it('a link that cannot be shown again (issued before tokens were random, or under another server secret) is re-issued when needed', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const key = 'legacy-key-0123456789';
    const body = { serviceId: service.id, start: '2026-06-04T10:00:00-05:00', customer: guest() };
    const created = await book(org, body, { 'idempotency-key': key });
    await h.database.db.update(bookingManageTokens).set({ tokenCiphertext: null }).where(eq(bookingManageTokens.bookingId, created.json.booking.id));
    // The old link itself still works: only showing it again is impossible.
    expect((await call(h, `/api/v1/public/bookings/${created.json.manageToken}`)).status).toBe(200);
    const replay = await book(org, body, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.json.booking.id).toBe(created.json.booking.id);
    expect(replay.json.manageUrl).not.toBe(created.json.manageUrl);
    expect((await call(h, `/api/v1/public/bookings/${tokenOf(replay.json.manageUrl)}`)).status).toBe(200);
    const again = await book(org, body, { 'idempotency-key': key });
    expect(again.json.manageUrl).toBe(replay.json.manageUrl);
    const [audit] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, created.json.booking.id), eq(auditLog.action, 'booking.manage_link_rotated')));
    expect(audit?.changes).toEqual({ after: { reason: 'reissued' } });
  });

  it('a delivery rebuilds the link from the booking id, inside its own transaction (one connection on embedded PGlite)', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const created = await book(org, { serviceId: service.id, start: '2026-06-05T10:00:00-05:00', customer: guest() });
    // Only this organization's messages are due at this instant: other files' rows may share a PostgreSQL database.
    await h.database.db.update(outbox).set({ availableAt: new Date('2020-01-01T00:00:00Z') }).where(eq(outbox.organizationId, org.id));
    // The handlers that send a link (email, later) rebuild it as this one does: with the delivery's own transaction.
    const rebuilt = new Map<string, string | null>();
    const handlers = Object.fromEntries(
      Object.entries(createOutboxHandlers(pino({ level: 'silent' })))
        .filter((entry): entry is [string, OutboxHandler] => typeof entry[1] === 'function')
        .map(([topic, handler]) => [
          topic,
          (async (m, tx) => {
            if (topic === 'booking.created') rebuilt.set(m.id, await manageLinkIn(tx, m.organizationId, String(m.payload.bookingId), new Date()));
            await handler(m, tx);
          }) satisfies OutboxHandler,
        ]),
    );
    await deliverOutbox(h.database.db, handlers, new Date('2020-01-01T00:00:01Z'), 1000, { organizationId: org.id });
    const [row] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'booking.created')));
    expect(row).toMatchObject({ status: 'sent' });
    expect(row!.payload).not.toHaveProperty('manageUrl');
    expect(rebuilt.get(row!.id)).toBe(created.json.manageUrl);
  });
});
