/** The waitlist: a member sees their own entries; staff with bookings:read see everyone's (by asset, by status). */
import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, ownBookingsOnly, tenantTx } from '@/modules/kernel';
import { presentEntry, selectEntries } from './queries';
import type { listWaitlistQuery, WaitlistEntryDto } from './schemas';

export async function listWaitlist(ctx: Ctx, query: z.output<typeof listWaitlistQuery>): Promise<Page<WaitlistEntryDto>> {
  authorize(ctx, 'bookings:read');
  const member = ownBookingsOnly(ctx);
  const filters = [
    member || query.mine ? sql`e.user_id = ${ctx.actor.type === 'user' ? ctx.actor.userId : ''}` : null,
    query.status ? sql`e.status = ${query.status}` : null,
    query.resourceId ? sql`e.resource_id = ${query.resourceId}` : null,
  ].filter((f) => f !== null);
  const where = filters.length ? sql.join(filters, sql` and `) : sql`true`;
  const { rows, total } = await tenantTx(ctx, (tx) => selectEntries(tx, ctx.tenant.id, where, pageOffset(query)));
  return toPage(rows.map(presentEntry), total, query);
}
