/**
 * The deposit order's page names what it pays for (orders/order-booking.ts): by the order's
 * secret link, the booking's service in the visitor's language and its start; a shop order or
 * an unknown link has none; another organization's slug finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { type Ctx, noRequest } from '@/modules/kernel';
import { getPublicOrderBooking } from '@/modules/orders';
import { call, createOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

const NOW = '2026-06-01T12:00:00Z';
// Wednesday 2026-06-10 in Chicago, nine days ahead.
const START = '2026-06-10T10:00:00-05:00';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(async () => {
  await h.close();
});

const anonymous = (): Ctx => ({ db: h.database.db, tenant: null, actor: { type: 'anonymous' }, now: new Date(NOW), request: noRequest });
const tokenOf = (statusUrl: string) => new URL(statusUrl).pathname.split('/').pop()!;

describe('the booking an order pays for', () => {
  it('is named on the deposit order, in the language asked for; other links and slugs find none', async () => {
    const org = await createOrg(h);
    const other = await createOrg(h);
    const { service } = await bookableSetup(h, org, {
      resource: { kind: 'room', name: 'Party room' },
      service: {
        name: 'Classic party',
        translations: { es: { name: 'Fiesta clásica' } },
        durationMinutes: 120,
        slotIntervalMinutes: 60,
        priceMinor: 25_000,
        package: { includedChildren: 10, includedAdults: 10, extraChildMinor: 1500, extraAdultMinor: 800, minGuests: 5, maxGuests: 40, depositType: 'percent', depositValue: 30 },
      },
    });
    const booked = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId: service.id, start: START, customer: guest(), children: 14, adults: 10 } });
    expect(booked.status, JSON.stringify(booked.json)).toBe(201);
    const token = tokenOf(booked.json.deposit.statusUrl);

    const en = await getPublicOrderBooking(anonymous(), org.slug, token, 'en');
    expect(en).toEqual({ purpose: 'deposit', serviceName: 'Classic party', start: new Date(START).toISOString(), timezone: expect.any(String), holdExpiresAt: null });
    expect((await getPublicOrderBooking(anonymous(), org.slug, token, 'es'))?.serviceName).toBe('Fiesta clásica');

    // A link that is no order's, and the right link under another organization's slug.
    expect(await getPublicOrderBooking(anonymous(), org.slug, 'x'.repeat(43), 'en')).toBeNull();
    expect(await getPublicOrderBooking(anonymous(), other.slug, token, 'en')).toBeNull();
  });
});
