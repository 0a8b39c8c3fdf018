/**
 * Which optional areas an organization's dashboard shows: the shop (products and their orders),
 * events (ticket sales and check-in), parties (party packages' bookings) and loyalty (the points
 * program). A detailer or a salon is not shown a shop it does not run. The organization's
 * setting (`settings.areas`) decides when set; an area it never set is shown when it is in use
 * (a product for sale, an event, a party package, an enabled program), so what a business
 * already runs never disappears and a new one turns an area on in Settings.
 */
import { sql } from 'drizzle-orm';
import type { DashboardArea } from '@/db/schema';
import { type Ctx, tenantTx } from '@/modules/kernel';

export type DashboardAreas = Record<DashboardArea, boolean>;

/** What the organization's data says it runs (one read, four EXISTS). */
export async function areasInUse(ctx: Ctx): Promise<DashboardAreas> {
  const org = ctx.tenant!.id;
  return tenantTx(ctx, async (tx) => {
    const result = (await tx.execute(sql`
      select exists (select 1 from products where organization_id = ${org} and kind = 'product') as shop,
             exists (select 1 from events where organization_id = ${org}) as events,
             exists (select 1 from service_packages where organization_id = ${org}) as parties,
             coalesce((select enabled from loyalty_programs where organization_id = ${org}), false) as loyalty`)) as unknown as { rows: DashboardAreas[] };
    const row = result.rows[0];
    return { shop: !!row?.shop, events: !!row?.events, parties: !!row?.parties, loyalty: !!row?.loyalty };
  });
}

/** The areas shown: the setting where set, else whether the area is in use. */
export async function dashboardAreas(ctx: Ctx, settings: { areas?: Partial<DashboardAreas> }): Promise<DashboardAreas> {
  const set = settings.areas ?? {};
  // Every area set by the owner: nothing to look up.
  if (set.shop !== undefined && set.events !== undefined && set.parties !== undefined && set.loyalty !== undefined) {
    return { shop: set.shop, events: set.events, parties: set.parties, loyalty: set.loyalty };
  }
  const inUse = await areasInUse(ctx);
  return {
    shop: set.shop ?? inUse.shop,
    events: set.events ?? inUse.events,
    parties: set.parties ?? inUse.parties,
    loyalty: set.loyalty ?? inUse.loyalty,
  };
}
