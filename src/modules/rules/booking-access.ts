/** Who may book on the organization (anyone, members, members of tiers), how long approvals may wait and waitlist holds last. */
import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import { memberTiers, organizations } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { DEFAULT_APPROVAL_EXPIRY_HOURS, DEFAULT_WAITLIST_HOLD_MINUTES } from './evaluate';
import type { BookingAccessDto, bookingAccessInput } from './schemas';

type Settings = typeof organizations.$inferSelect.settings;

const present = (s: Settings): BookingAccessDto => ({
  bookingAccess: s.bookingAccess ?? 'anyone',
  bookingTierIds: s.bookingTierIds ?? [],
  approvalExpiryHours: s.approvalExpiryHours ?? DEFAULT_APPROVAL_EXPIRY_HOURS,
  waitlistHoldMinutes: s.waitlistHoldMinutes ?? DEFAULT_WAITLIST_HOLD_MINUTES,
});

export async function getBookingAccess(ctx: Ctx): Promise<BookingAccessDto> {
  authorize(ctx, 'rules:manage');
  const [org] = await tenantTx(ctx, (tx) => tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, ctx.tenant.id)));
  if (!org) throw notFound('Organization');
  return present(org.settings);
}

export async function setBookingAccess(ctx: Ctx, input: z.output<typeof bookingAccessInput>): Promise<BookingAccessDto> {
  authorize(ctx, 'rules:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [org] = await tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId)).for('update');
    if (!org) throw notFound('Organization');
    const tierIds = input.bookingAccess === 'tiers' ? [...new Set(input.bookingTierIds)] : [];
    if (tierIds.length > 0) {
      const known = new Set((await tx.select({ id: memberTiers.id }).from(memberTiers).where(eq(memberTiers.organizationId, orgId))).map((t) => t.id));
      const unknown = tierIds.find((id) => !known.has(id));
      if (unknown) throw validationError(`Invalid booking access: ${unknown} is not a tier of this organization`, { fields: [{ path: 'bookingTierIds', message: `${unknown} is not a tier of this organization` }] });
    }
    const before = present(org.settings);
    const settings: Settings = {
      ...org.settings,
      bookingAccess: input.bookingAccess,
      bookingTierIds: tierIds,
      approvalExpiryHours: input.approvalExpiryHours ?? before.approvalExpiryHours,
      waitlistHoldMinutes: input.waitlistHoldMinutes ?? before.waitlistHoldMinutes,
    };
    await tx.update(organizations).set({ settings, updatedAt: ctx.now }).where(eq(organizations.id, orgId));
    const after = present(settings);
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'organization.booking_access_updated', entity: 'organization', entityId: orgId, changes: { before, after } });
    return after;
  });
}
