/**
 * The venue overview (GET /orgs/{slug}/analytics/venue): today's parties with guests, deposit
 * and balance; the next events with seats sold and checked in; tickets sold this week; points
 * issued and spent this month — and only what the organization runs (`has`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { addMember, call, cookieFrom, createOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

// 08:00 on Wednesday 2026-06-10 in Chicago (the test organizations' zone).
const NOW = '2026-06-10T13:00:00Z';
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const party = { includedChildren: 10, includedAdults: 5, extraChildMinor: 1000, extraAdultMinor: 500, minGuests: 1, maxGuests: 30, depositType: 'percent', depositValue: 30, cancellationPolicy: [] };

describe('venue overview', () => {
  it('shows nothing for an organization that runs no parties, events or points', async () => {
    const org = await createOrg(h);
    const res = await call(h, `/api/v1/orgs/${org.slug}/analytics/venue`, { cookie: org.owner.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ has: { packages: false, events: false, loyalty: false }, partiesToday: [], upcomingEvents: [], ticketsSold7d: 0, pointsIssued30d: 0, pointsRedeemed30d: 0 });
  });

  it("counts today's parties, the next events' sales and check-ins, and this month's points", async () => {
    const org = await createOrg(h);
    const base = `/api/v1/orgs/${org.slug}`;
    const owner = org.owner.cookie;
    const { service } = await bookableSetup(h, org, {
      resource: { kind: 'room', name: 'Jungle room' },
      service: { name: 'Classic party', durationMinutes: 120, slotIntervalMinutes: 60, priceMinor: 20_000, package: party },
    });
    // Today (10:00 local) with 12 children and 3 adults: 200 + 2 × 10 extra children = 220.00; 30 % deposit unpaid.
    const today = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId: service.id, start: '2026-06-10T10:00:00-05:00', customer: guest(1), children: 12, adults: 3 } });
    expect(today.status, today.text).toBe(201);
    // Tomorrow's party is not today's.
    const tomorrow = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId: service.id, start: '2026-06-11T10:00:00-05:00', customer: guest(2), children: 5, adults: 2 } });
    expect(tomorrow.status, tomorrow.text).toBe(201);

    const show = await call(h, `${base}/ticketed-events`, { cookie: owner, body: { slug: 'magic', title: 'Magic show', startsAt: '2026-06-12T17:00:00-05:00', endsAt: '2026-06-12T18:00:00-05:00', capacity: 40, status: 'published' } });
    expect(show.status, show.text).toBe(201);
    const type = await call(h, `${base}/ticketed-events/${show.json.id}/ticket-types`, { cookie: owner, body: { name: 'Child', priceMinor: 900 } });
    expect(type.status, type.text).toBe(201);
    const line = await call(h, `/api/v1/public/orgs/${org.slug}/cart/lines`, { body: { variantId: type.json.id, quantity: 3 } });
    expect(line.status, line.text).toBe(200);
    const bought = await call(h, `/api/v1/public/orgs/${org.slug}/checkout`, {
      cookie: cookieFrom(line.headers),
      body: { contact: guest(3), fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' },
    });
    expect(bought.status, bought.text).toBe(201);
    expect((await call(h, `${base}/check-in`, { cookie: owner, body: { code: bought.json.order.tickets[0].code } })).status).toBe(200);

    // Points: the program turned on after the sale (which earned nothing then), one adjustment.
    expect((await call(h, `${base}/loyalty`, { method: 'PUT', cookie: owner, body: { enabled: true } })).status).toBe(200);
    const customers = await call(h, `${base}/customers?pageSize=100`, { cookie: owner });
    const customerId = (customers.json.data as { id: string }[])[0]!.id;
    expect((await call(h, `${base}/customers/${customerId}/loyalty/adjustments`, { cookie: owner, body: { delta: 750, reason: 'Stamp card' } })).status).toBe(201);

    const res = await call(h, `${base}/analytics/venue`, { cookie: owner });
    expect(res.status, res.text).toBe(200);
    expect(res.json.has).toEqual({ packages: true, events: true, loyalty: true });
    expect(res.json.partiesToday).toEqual([
      expect.objectContaining({ bookingId: today.json.booking.id, start: '2026-06-10T10:00:00-05:00', serviceName: 'Classic party', resourceName: 'Jungle room', children: 12, adults: 3, totalMinor: 22_000, depositMinor: 6_600, depositPaid: false, balanceMinor: 15_400, balancePaid: false }),
    ]);
    expect(res.json.upcomingEvents).toEqual([expect.objectContaining({ eventId: show.json.id, title: 'Magic show', capacity: 40, sold: 3, checkedIn: 1 })]);
    expect(res.json.ticketsSold7d).toBe(3);
    expect(res.json.pointsIssued30d).toBe(750);
    expect(res.json.pointsRedeemed30d).toBe(0);

    // The staff see it; a club member (who sees only their own bookings) does not.
    const staff = await addMember(h, org, 'staff');
    expect((await call(h, `${base}/analytics/venue`, { cookie: staff.cookie })).status).toBe(200);
    const member = await addMember(h, org, 'member');
    const refused = await call(h, `${base}/analytics/venue`, { cookie: member.cookie });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
  });
});
