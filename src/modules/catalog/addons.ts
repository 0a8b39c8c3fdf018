/**
 * A service's add-ons (service_addons), managed by staff with catalog:read / catalog:write like
 * the service itself. The service row is locked (FOR NO KEY UPDATE) while its add-ons change, so
 * the count limit is counted under that lock. Deleting an add-on keeps what bookings took: their
 * lines keep the copied name and price (booking_addons.addon_id becomes null).
 *
 * An add-on may draw on one of the shop's stock items (a cake from the kitchen's count): the
 * item must be this organization's and shelf stock, not an event's seats (404 Stock item).
 * Bookings hold its units (bookings/addon-stock.ts; docs/decisions/0018).
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import { products, productVariants, serviceAddons, services, stockItems } from '@/db/schema';
import { notFound, ruleViolation } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { addonsByService, MAX_ADDONS_PER_SERVICE, presentAddon, withStock } from './packages';
import type { AddonDto, AddonListDto, createAddonInput, updateAddonInput } from './schemas';

async function serviceOf(tx: Tx, orgId: string, serviceId: string, lock: boolean) {
  const q = tx.select({ id: services.id, currency: services.currency }).from(services).where(and(eq(services.organizationId, orgId), eq(services.id, serviceId)));
  const [row] = lock ? await q.for('no key update') : await q;
  if (!row) throw notFound('Service');
  return row;
}

/**
 * The stock item an add-on is to draw on: this organization's, and not an event's seats (a
 * ticket type's or a pool's item, which modules/events owns) → else 404 Stock item. Key-share
 * locked, like a variant's, so it cannot go away under the write.
 */
async function checkStockItem(tx: Tx, orgId: string, stockItemId: string | null | undefined): Promise<void> {
  if (!stockItemId) return;
  const [row] = await tx
    .select({ id: stockItems.id })
    .from(stockItems)
    .where(
      and(
        eq(stockItems.organizationId, orgId),
        eq(stockItems.id, stockItemId),
        sql`not exists (select 1 from ${productVariants} v join ${products} p on p.organization_id = v.organization_id and p.id = v.product_id
          where v.organization_id = ${orgId} and p.kind = 'ticket' and (v.stock_item_id = ${stockItems.id} or v.pool_stock_item_id = ${stockItems.id}))`,
      ),
    )
    .for('key share');
  if (!row) throw notFound('Stock item');
}

const presentOne = async (tx: Tx, orgId: string, row: Parameters<typeof withStock>[2][number], currency: string) => presentAddon((await withStock(tx, orgId, [row]))[0]!, currency);

export async function listAddons(ctx: Ctx, serviceId: string): Promise<AddonListDto> {
  authorize(ctx, 'catalog:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const service = await serviceOf(tx, orgId, serviceId, false);
    const rows = (await addonsByService(tx, orgId, [serviceId], { activeOnly: false })).get(serviceId) ?? [];
    return { data: rows.map((r) => presentAddon(r, service.currency)) };
  });
}

export async function createAddon(ctx: Ctx, serviceId: string, input: z.output<typeof createAddonInput>): Promise<AddonDto> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const service = await serviceOf(tx, orgId, serviceId, true);
    const [n] = await tx.select({ n: count() }).from(serviceAddons).where(and(eq(serviceAddons.organizationId, orgId), eq(serviceAddons.serviceId, serviceId)));
    if ((n?.n ?? 0) >= MAX_ADDONS_PER_SERVICE) {
      throw ruleViolation(`A service has at most ${MAX_ADDONS_PER_SERVICE} add-ons.`, { rule: 'addon_limit', limit: MAX_ADDONS_PER_SERVICE });
    }
    await checkStockItem(tx, orgId, input.stockItemId);
    const id = newId('serviceAddon');
    const [row] = await tx
      .insert(serviceAddons)
      .values({ id, organizationId: orgId, serviceId, ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'service_addon.created', entity: 'service_addon', entityId: id, changes: { after: row } });
    return presentOne(tx, orgId, row!, service.currency);
  });
}

async function lockAddon(tx: Tx, orgId: string, serviceId: string, addonId: string) {
  const [row] = await tx
    .select()
    .from(serviceAddons)
    .where(and(eq(serviceAddons.organizationId, orgId), eq(serviceAddons.serviceId, serviceId), eq(serviceAddons.id, addonId)))
    .for('update');
  if (!row) throw notFound('Add-on');
  return row;
}

export async function updateAddon(ctx: Ctx, serviceId: string, addonId: string, input: z.output<typeof updateAddonInput>): Promise<AddonDto> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const service = await serviceOf(tx, orgId, serviceId, false);
    const before = await lockAddon(tx, orgId, serviceId, addonId);
    const changed = changedKeys(before, input);
    if (changed.length === 0) return presentOne(tx, orgId, before, service.currency);
    if (changed.includes('stockItemId')) await checkStockItem(tx, orgId, input.stockItemId);
    const [after] = await tx
      .update(serviceAddons)
      .set({ ...input, updatedAt: ctx.now })
      .where(and(eq(serviceAddons.organizationId, orgId), eq(serviceAddons.id, addonId)))
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'service_addon.updated', entity: 'service_addon', entityId: addonId, changes: auditChanges(before, after!, changed) });
    return presentOne(tx, orgId, after!, service.currency);
  });
}

export async function deleteAddon(ctx: Ctx, serviceId: string, addonId: string): Promise<void> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    await serviceOf(tx, orgId, serviceId, false);
    const before = await lockAddon(tx, orgId, serviceId, addonId);
    await tx.delete(serviceAddons).where(and(eq(serviceAddons.organizationId, orgId), eq(serviceAddons.id, addonId)));
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'service_addon.deleted', entity: 'service_addon', entityId: addonId, changes: { before } });
  });
}
