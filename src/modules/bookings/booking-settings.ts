/** The organization settings the booking rules read, with their defaults. */
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { type OrganizationSettings, organizations } from '@/db/schema';

export const DEFAULT_START_LEAD_MINUTES = 30;

export interface BookingSettings {
  /** How long before its start a booking may be started (state-machine.ts). */
  startLeadMinutes: number;
  /** Keep a confirmed booking confirmed when its guest moves it (move-booking.ts); default: back to pending. */
  keepGuestReschedulesConfirmed: boolean;
}

export function bookingSettingsOf(settings: OrganizationSettings | null | undefined): BookingSettings {
  return {
    startLeadMinutes: settings?.startLeadMinutes ?? DEFAULT_START_LEAD_MINUTES,
    keepGuestReschedulesConfirmed: settings?.keepGuestReschedulesConfirmed ?? false,
  };
}

export async function loadBookingSettings(db: Executor, organizationId: string): Promise<BookingSettings> {
  const [row] = await db.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, organizationId));
  return bookingSettingsOf(row?.settings);
}
