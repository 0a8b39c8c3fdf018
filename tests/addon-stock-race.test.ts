/**
 * Races on add-ons' stock (docs/decisions/0018, "Stock"). On PostgreSQL (TEST_DATABASE_URL) the
 * requests really run at once, each under its own resource lock (distinct times), so only the
 * stock item's conditional UPDATE stands between them; on PGlite they are serialised and the
 * same assertions hold. What must never happen:
 *  - more cakes held than there were (20 bookings for the last 5 cakes → exactly 5 bookings);
 *  - a loser's booking kept without its cake (the 409 rolls the whole booking back);
 *  - units returned twice by concurrent cancels.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingAddons, bookings, stockItems } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { call, createOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';
import { addProduct, stockOf } from './support/shop-fixtures';

const NOW = '2026-06-01T12:00:00Z';
// Tuesday 2026-06-02 in Chicago (UTC−5): open 09:00–17:00, 15-minute slots.
const DAY = '2026-06-02';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

async function cakeVenue(onHand: number) {
  const org = await createOrg(h);
  const { service, resources } = await bookableSetup(h, org, { service: { name: 'Party', durationMinutes: 15, slotIntervalMinutes: 15, priceMinor: 10000 } });
  const product = await addProduct(h, org, { title: 'Birthday cake', variants: [{ sku: 'CAKE', priceMinor: 2000, onHand }] });
  const stockItemId = product.variants.CAKE!.stockItemId;
  const res = await call(h, `/api/v1/orgs/${org.slug}/services/${service.id}/addons`, { cookie: org.owner.cookie, body: { name: 'Cake', priceMinor: 2500, stockItemId } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const slot = (i: number) => {
    const minutes = 9 * 60 + 15 * i;
    return `${DAY}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00-05:00`;
  };
  const book = (i: number) =>
    call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId: service.id, resourceId: resources[0]!.id, start: slot(i), customer: guest(i), addons: [{ addonId: res.json.id, quantity: 1 }] } });
  return { org, stockItemId, addonId: res.json.id as string, book };
}

describe('add-on stock races', () => {
  it('20 bookings at distinct times for the last 5 cakes: exactly 5 placed, reserved = 5, losers 409 addon_sold_out with nothing kept', async () => {
    const { org, stockItemId, addonId, book } = await cakeVenue(5);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => book(i)));
    const statuses = results.map((r) => r.status);
    expect(tally(statuses), JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.json))).toEqual({ 201: 5, 409: 15 });
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.error.details).toEqual({ reason: 'addon_sold_out', addonId, left: 0 });

    const stock = await stockOf(h, org, stockItemId);
    expect(stock).toMatchObject({ onHand: 5, reserved: 5 });
    const placed = await h.database.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.organizationId, org.id));
    expect(placed).toHaveLength(5);
    const [held] = await h.database.db
      .select({ units: sql<number>`coalesce(sum(${bookingAddons.stockUnits}), 0)::int` })
      .from(bookingAddons)
      .where(and(eq(bookingAddons.organizationId, org.id), eq(bookingAddons.stockItemId, stockItemId), eq(bookingAddons.stockState, 'held')));
    expect(held!.units).toBe(5);
  });

  it('concurrent cancels of each booking return its cake once; the stock never goes negative', async () => {
    const { org, stockItemId, book } = await cakeVenue(4);
    const placed = [];
    for (let i = 0; i < 4; i++) placed.push(await book(i));
    expect(placed.map((p) => p.status)).toEqual([201, 201, 201, 201]);
    const cancel = (id: string) => call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'race' } });
    const results = await Promise.all(placed.flatMap((p) => [cancel(p.json.booking.id), cancel(p.json.booking.id), cancel(p.json.booking.id)]));
    expect(tally(results.map((r) => r.status))).toEqual({ 200: 4, 409: 8 });
    const [row] = await h.database.db.select().from(stockItems).where(and(eq(stockItems.organizationId, org.id), eq(stockItems.id, stockItemId)));
    expect(row).toMatchObject({ onHand: 4, reserved: 0 });
  });
});
