/** Rows → the module's answers (schemas.ts). */
import type { customers } from '@/db/schema';
import { iso } from '@/lib/dto';
import type { CustomerDto } from './schemas';

export function presentCustomer(row: typeof customers.$inferSelect): CustomerDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    address: row.address,
    vehicles: row.vehicles,
    notes: row.notes,
    totalBookings: row.totalBookings,
    lastBookingAt: iso(row.lastBookingAt),
    mergedIntoId: row.mergedIntoId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
