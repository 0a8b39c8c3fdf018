/** A booking's add-on lines (booking_addons): copied at booking time, read for presenting. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { bookingAddons } from '@/db/schema';
import type { BookingAddonDto } from './schemas';

export type BookingAddonRow = typeof bookingAddons.$inferSelect;

export async function addonLinesByBooking(db: Executor, orgId: string, bookingIds: readonly string[]): Promise<Map<string, BookingAddonRow[]>> {
  const out = new Map<string, BookingAddonRow[]>();
  if (bookingIds.length === 0) return out;
  const rows = await db
    .select()
    .from(bookingAddons)
    .where(and(eq(bookingAddons.organizationId, orgId), inArray(bookingAddons.bookingId, [...new Set(bookingIds)])))
    .orderBy(asc(bookingAddons.bookingId), asc(bookingAddons.position));
  for (const r of rows) out.set(r.bookingId, [...(out.get(r.bookingId) ?? []), r]);
  return out;
}

export async function addonLinesOf(db: Executor, orgId: string, bookingId: string): Promise<BookingAddonRow[]> {
  return (await addonLinesByBooking(db, orgId, [bookingId])).get(bookingId) ?? [];
}

export function presentBookingAddon(row: BookingAddonRow): BookingAddonDto {
  return {
    addonId: row.addonId,
    name: row.name,
    unitPriceMinor: row.unitPriceMinor,
    pricing: row.pricing,
    quantity: row.quantity,
    extraMinutes: row.extraMinutes,
    totalMinor: row.totalMinor,
  };
}
