/**
 * ReservePTY's recurring reservation: a standing Friday yacht day for six weeks, booked by the
 * club for Gabriela Fábrega through createSeries itself (skipping dates that are taken), then
 * confirmed, so it obeys everything a series does. The club books it rather than the demo
 * member: the club's own rule allows a member 6 upcoming reservations and the demo member
 * already has 3, so a member's six-week series would have its later dates skipped and leave the
 * member no room to try the portal (whose browser tests book as them). Runs after the demo
 * bookings, for an organization seedDemo has just created; its messages count as delivered,
 * like the rest of the demo's (nobody is emailed about it).
 */
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '@/db/client';
import { bookingSeries, outbox, services } from '@/db/schema';
import { bookingSchemas, createSeries, transitionBooking } from '@/modules/bookings';
import { noRequest, parseInput, recordAudit, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { findSlots, localDateOf } from '@/modules/scheduling';

interface DemoSeries {
  service: string;
  customer: { name: string; email: string; phone: string };
  weekday: 'FR';
  weeks: number;
  fields: Record<string, number>;
  message: string;
}

export const demoSeries: Record<string, DemoSeries> = {
  reservepty: {
    service: 'yacht-day-charter',
    customer: { name: 'Gabriela Fábrega', email: 'gabriela.fabrega@example.com', phone: '+507 6555-0322' },
    weekday: 'FR',
    weeks: 6,
    fields: { guests: 6 },
    message: 'Standing Friday boat day with the family.',
  },
};

export async function seedDemoSeries(db: Db, slug: string, now: Date): Promise<{ seriesId: string; bookings: number; skipped: number } | null> {
  const demo = demoSeries[slug];
  if (!demo) return null;
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo series: organization ${slug} does not exist.`);
  const system = { db, tenant, actor: { type: 'system' as const, name: 'demo seed' }, now, request: noRequest };
  const zone = tenant.timezone;
  // The first Friday at least a week ahead, and its first offered time.
  let day = DateTime.fromJSDate(now, { zone }).plus({ days: 7 }).startOf('day');
  while (day.weekday !== 5) day = day.plus({ days: 1 });
  const found = await tenantTx(system, async (tx) => {
    const [existing] = await tx.select({ id: bookingSeries.id }).from(bookingSeries).where(eq(bookingSeries.organizationId, tenant.id)).limit(1);
    if (existing) return null;
    const [service] = await tx.select({ id: services.id }).from(services).where(and(eq(services.organizationId, tenant.id), eq(services.slug, demo.service)));
    if (!service) throw new Error(`Demo series: ${slug} has no service "${demo.service}".`);
    const date = localDateOf(day.toMillis(), zone);
    const slots = await findSlots(tx, { organizationId: tenant.id, orgTimezone: zone, serviceId: service.id, from: date, to: date, timezone: zone, now, seats: 1 });
    const slot = slots?.slots[0];
    if (!slot) throw new Error(`Demo series: ${slug} offers no ${demo.service} on ${date}.`);
    return { serviceId: service.id, resourceId: slot.resourceIds[0]!, start: new Date(slot.start) };
  });
  if (!found) return null;
  const input = parseInput(bookingSchemas.createSeriesInput, {
    serviceId: found.serviceId,
    resourceId: found.resourceId,
    start: found.start.toISOString(),
    customer: demo.customer,
    fields: demo.fields,
    message: demo.message,
    repeat: { freq: 'weekly', byWeekday: [demo.weekday], count: demo.weeks },
    mode: 'skip_conflicts',
  });
  const created = await createSeries(system, input);
  // The club confirms each date a couple of hours later.
  const confirmedAt = { ...system, now: new Date(now.getTime() + 2 * 3_600_000) };
  for (const b of created.bookings) if (b.status === 'pending') await transitionBooking(confirmedAt, b.id, 'confirm');
  const result = { seriesId: created.series.id, bookings: created.bookings.length, skipped: created.skipped.length };
  await tenantTx(system, async (tx) => {
    await tx.update(outbox).set({ status: 'sent', sentAt: now }).where(and(eq(outbox.organizationId, tenant.id), eq(outbox.status, 'pending')));
    await recordAudit(tx, system, { organizationId: tenant.id, action: 'booking_series.seeded', entity: 'booking_series', entityId: created.series.id, changes: { after: result } });
  });
  return result;
}
