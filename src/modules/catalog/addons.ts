/**
 * A service's add-ons (service_addons), managed by staff with catalog:read / catalog:write like
 * the service itself. The service row is locked (FOR NO KEY UPDATE) while its add-ons change, so
 * the count limit is counted under that lock. Deleting an add-on keeps what bookings took: their
 * lines keep the copied name and price (booking_addons.addon_id becomes null).
 */
import { and, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import { serviceAddons, services } from '@/db/schema';
import { notFound, ruleViolation } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { addonsByService, MAX_ADDONS_PER_SERVICE, presentAddon } from './packages';
import type { AddonDto, AddonListDto, createAddonInput, updateAddonInput } from './schemas';

async function serviceOf(tx: Tx, orgId: string, serviceId: string, lock: boolean) {
  const q = tx.select({ id: services.id, currency: services.currency }).from(services).where(and(eq(services.organizationId, orgId), eq(services.id, serviceId)));
  const [row] = lock ? await q.for('no key update') : await q;
  if (!row) throw notFound('Service');
  return row;
}

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
    const id = newId('serviceAddon');
    const [row] = await tx
      .insert(serviceAddons)
      .values({ id, organizationId: orgId, serviceId, ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'service_addon.created', entity: 'service_addon', entityId: id, changes: { after: row } });
    return presentAddon(row!, service.currency);
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
    if (changed.length === 0) return presentAddon(before, service.currency);
    const [after] = await tx
      .update(serviceAddons)
      .set({ ...input, updatedAt: ctx.now })
      .where(and(eq(serviceAddons.organizationId, orgId), eq(serviceAddons.id, addonId)))
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'service_addon.updated', entity: 'service_addon', entityId: addonId, changes: auditChanges(before, after!, changed) });
    return presentAddon(after!, service.currency);
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
