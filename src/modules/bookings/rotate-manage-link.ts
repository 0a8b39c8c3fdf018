import { forbidden } from '@/lib/errors';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { lockBooking } from './apply-transition';
import { replaceManageToken } from './manage-link';
import { linkExpiresAt, manageUrl } from './manage-token';
import { toIsoInZone } from '@/modules/scheduling';

/**
 * Staff replace a booking's manage link (it leaked, or the guest lost the email): the old link
 * answers "expired" from now on; the new one is returned, to send to the guest. Audited.
 */
export async function rotateManageLink(ctx: Ctx, id: string): Promise<{ bookingId: string; manageUrl: string; expiresAt: string }> {
  authorize(ctx, 'bookings:write');
  if (ownBookingsOnly(ctx)) throw forbidden('Members cannot change booking links.');
  const tenant = ctx.tenant;
  return tenantTx(ctx, async (tx) => {
    const view = await lockBooking(tx, tenant.id, id);
    const token = await replaceManageToken(tx, ctx, tenant.id, id, 'rotated');
    return { bookingId: id, manageUrl: manageUrl(tenant.slug, token), expiresAt: toIsoInZone(linkExpiresAt(view.booking.endsAt).getTime(), tenant.timezone) };
  });
}
