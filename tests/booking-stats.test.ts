import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { bookingStats } from '@/modules/bookings';
import { type Ctx, noRequest } from '@/modules/kernel';
import { addMember, call, createOrg, type TestOrg, type TestUser } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest, weekdays } from './support/scheduling';

// Thursday 2026-10-29 07:00 in Chicago (CDT, UTC−5); DST ends Sunday 2026-11-01 (then CST, UTC−6).
const NOW = '2026-10-29T12:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

function ctxFor(org: TestOrg, user: TestUser, role: 'owner' | 'member' | 'viewer'): Ctx {
  return {
    db: h.database.db,
    tenant: { id: org.id, slug: org.slug, name: org.name, timezone: 'America/Chicago', currency: 'USD', locale: 'en' },
    actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role },
    now: new Date(NOW),
    request: noRequest,
  };
}

const staffBook = (org: TestOrg, cookie: string, body: Record<string, unknown>) => call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie, body });

describe('bookingStats', () => {
  it('counts by status and per local day across the end of DST, zero-filled, with today/upcoming/pending', async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 2, hours: weekdays([{ start: '08:00', end: '21:00' }]) });
    const { service: confirmService } = await bookableSetup(h, org, { staff: 1, service: { requiresConfirmation: true }, hours: weekdays([{ start: '08:00', end: '21:00' }]) });
    const cookie = org.owner.cookie;
    const made = [
      // Today, 09:00 CDT.
      await staffBook(org, cookie, { serviceId: service.id, start: '2026-10-29T09:00:00-05:00', customer: guest(1), status: 'confirmed' }),
      // Friday 19:00 CDT = Saturday 00:00 UTC: still Friday in Chicago.
      await staffBook(org, cookie, { serviceId: service.id, start: '2026-10-30T19:00:00-05:00', customer: guest(2), status: 'confirmed' }),
      // Monday after the change, 19:00 CST = Tuesday 01:00 UTC: still Monday in Chicago.
      await staffBook(org, cookie, { serviceId: service.id, start: '2026-11-02T19:00:00-06:00', customer: guest(3), status: 'confirmed' }),
      await staffBook(org, cookie, { serviceId: service.id, start: '2026-11-02T08:00:00-06:00', customer: guest(4), status: 'confirmed' }),
      // Pending (needs confirmation), public.
      await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId: confirmService.id, start: '2026-11-03T10:00:00-06:00', customer: guest(5) } }),
      // Outside the window.
      await staffBook(org, cookie, { serviceId: service.id, start: '2026-11-09T10:00:00-06:00', customer: guest(6), status: 'confirmed' }),
    ];
    for (const r of made) expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(made[4]!.json.booking.status).toBe('pending');

    const stats = await bookingStats(ctxFor(org, org.owner, 'owner'), { from: '2026-10-28', to: '2026-11-04' });
    expect(stats.timezone).toBe('America/Chicago');
    expect(stats.perDay).toEqual([
      { date: '2026-10-28', count: 0 },
      { date: '2026-10-29', count: 1 },
      { date: '2026-10-30', count: 1 },
      { date: '2026-10-31', count: 0 },
      { date: '2026-11-01', count: 0 },
      { date: '2026-11-02', count: 2 },
      { date: '2026-11-03', count: 1 },
      { date: '2026-11-04', count: 0 },
    ]);
    expect(stats.byStatus).toMatchObject({ confirmed: 4, pending: 1, cancelled: 0 });
    expect(stats.pending).toBe(1);
    expect(stats.today).toBe(1);
    // Next 7 days from Thursday 07:00: 29th, 30th, 2nd ×2, 3rd (9th is later).
    expect(stats.upcoming).toBe(5);
  });

  it('members count only their own bookings', async () => {
    const org = await createOrg(h);
    const member = await addMember(h, org, 'member');
    const { service } = await bookableSetup(h, org, { staff: 2 });
    expect((await staffBook(org, member.cookie, { serviceId: service.id, start: '2026-10-30T10:00:00-05:00', customer: guest(1) })).status).toBe(201);
    expect((await staffBook(org, org.owner.cookie, { serviceId: service.id, start: '2026-10-30T11:00:00-05:00', customer: guest(2), status: 'confirmed' })).status).toBe(201);
    const mine = await bookingStats(ctxFor(org, member, 'member'), { from: '2026-10-30', to: '2026-10-30' });
    expect(mine.perDay).toEqual([{ date: '2026-10-30', count: 1 }]);
    const all = await bookingStats(ctxFor(org, org.owner, 'owner'), { from: '2026-10-30', to: '2026-10-30' });
    expect(all.perDay).toEqual([{ date: '2026-10-30', count: 2 }]);
  });

  it('answers a bad window with 400', async () => {
    const org = await createOrg(h);
    const ctx = ctxFor(org, org.owner, 'owner');
    for (const q of [{ from: '2026-01-01', to: '2026-06-01' }, { from: '2026-06-05', to: '2026-06-01' }, { from: '2026-02-30', to: '2026-03-01' }, { from: 'x' }, {}]) {
      await expect(bookingStats(ctx, q)).rejects.toMatchObject({ status: 400 });
    }
    // 92 days exactly is fine.
    expect((await bookingStats(ctx, { from: '2026-01-01', to: '2026-04-02' })).perDay).toHaveLength(92);
  });
});
