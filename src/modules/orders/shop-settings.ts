/** The shop's checkout settings, kept in organizations.settings.shop like the other organization settings. */
import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { organizations, type OrganizationSettings, type ShopSettings } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { DEFAULT_CHECKOUT_HOLD_MINUTES, type ShopSettingsDto, type shopSettingsInput } from './schemas';

export type ResolvedShopSettings = Omit<ShopSettingsDto, 'currency'>;

/** The settings with their defaults: no tax, a 15-minute hold, pickup only. */
export function shopSettingsOf(settings: OrganizationSettings): ResolvedShopSettings {
  const s: ShopSettings = settings.shop ?? {};
  return {
    taxRatePpm: s.taxRatePpm ?? 0,
    checkoutHoldMinutes: s.checkoutHoldMinutes ?? DEFAULT_CHECKOUT_HOLD_MINUTES,
    shippingEnabled: s.shippingEnabled ?? false,
    shippingFeeMinor: s.shippingFeeMinor ?? 0,
    freeShippingOverMinor: s.freeShippingOverMinor ?? null,
    pickupEnabled: s.pickupEnabled ?? true,
    pickupInstructions: s.pickupInstructions ?? '',
  };
}

export async function readShopSettings(db: Executor, organizationId: string): Promise<ResolvedShopSettings> {
  const [org] = await db.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound('Organization');
  return shopSettingsOf(org.settings);
}

export async function getShopSettings(ctx: Ctx): Promise<ShopSettingsDto> {
  authorize(ctx, 'settings:manage');
  const s = await tenantTx(ctx, (tx) => readShopSettings(tx, ctx.tenant.id));
  return { ...s, currency: ctx.tenant.currency };
}

export async function updateShopSettings(ctx: Ctx, input: z.output<typeof shopSettingsInput>): Promise<ShopSettingsDto> {
  authorize(ctx, 'settings:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [org] = await tx.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId)).for('update');
    if (!org) throw notFound('Organization');
    const before = shopSettingsOf(org.settings);
    const shop: ShopSettings = { ...org.settings.shop };
    for (const [k, v] of Object.entries(input)) if (v !== undefined) (shop as Record<string, unknown>)[k] = v;
    const settings = { ...org.settings, shop };
    await tx.update(organizations).set({ settings, updatedAt: ctx.now }).where(eq(organizations.id, orgId));
    const after = shopSettingsOf(settings);
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'organization.shop_settings_updated', entity: 'organization', entityId: orgId, changes: { before, after } });
    return { ...after, currency: ctx.tenant.currency };
  });
}
