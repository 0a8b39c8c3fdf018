/**
 * Promo codes, managed by promotions:manage. A code that orders used cannot be deleted (its
 * uses are the orders' history): deactivate it instead (409 says so). Codes are upper-cased and
 * unique per organization.
 */
import type { z } from 'zod';
import { and, asc, count, eq, ilike } from 'drizzle-orm';
import { promoCodes, promoRedemptions } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { auditChanges, authorize, changedKeys, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentPromoCode } from './present';
import type { createPromoCodeInput, listPromoCodesQuery, PromoCodeDto, updatePromoCodeInput } from './schemas';

const taken = (code: string) => conflict(`Another promo code is already ${code}.`, { field: 'code' });

export async function listPromoCodes(ctx: Ctx, q: z.output<typeof listPromoCodesQuery>): Promise<Page<PromoCodeDto>> {
  authorize(ctx, 'promotions:manage');
  const orgId = ctx.tenant.id;
  const filter = and(eq(promoCodes.organizationId, orgId), q.q ? ilike(promoCodes.code, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined);
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx.select().from(promoCodes).where(filter).orderBy(asc(promoCodes.code)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(promoCodes).where(filter);
    return toPage(rows.map(presentPromoCode), total?.n ?? 0, q);
  });
}

export async function getPromoCode(ctx: Ctx, id: string): Promise<PromoCodeDto> {
  authorize(ctx, 'promotions:manage');
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx.select().from(promoCodes).where(and(eq(promoCodes.organizationId, ctx.tenant.id), eq(promoCodes.id, id)));
    if (!row) throw notFound('Promo code');
    return presentPromoCode(row);
  });
}

export async function createPromoCode(ctx: Ctx, input: z.output<typeof createPromoCodeInput>): Promise<PromoCodeDto> {
  authorize(ctx, 'promotions:manage');
  const orgId = ctx.tenant.id;
  try {
    return await tenantTx(ctx, async (tx) => {
      const [row] = await tx
        .insert(promoCodes)
        .values({ id: newId('promoCode'), organizationId: orgId, ...input, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      const dto = presentPromoCode(row!);
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'promo_code.created', entity: 'promo_code', entityId: row!.id, changes: { after: dto } });
      return dto;
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw taken(input.code);
    throw err;
  }
}

export async function updatePromoCode(ctx: Ctx, id: string, input: z.output<typeof updatePromoCodeInput>): Promise<PromoCodeDto> {
  authorize(ctx, 'promotions:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    // The row lock: a change waits for checkouts counting this code, and they for it.
    const [before] = await tx.select().from(promoCodes).where(and(eq(promoCodes.organizationId, orgId), eq(promoCodes.id, id))).for('update');
    if (!before) throw notFound('Promo code');
    const merged = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    if (merged.kind === 'percentage' && merged.value > 10_000) throw conflict('A percentage is at most 10000 basis points (100 %).', { field: 'value' });
    if (merged.startsAt && merged.endsAt && merged.startsAt >= merged.endsAt) throw conflict('endsAt must be after startsAt.', { field: 'endsAt' });
    if (merged.usageLimit !== null && merged.usageLimit < before.timesUsed) throw conflict(`The code was used ${before.timesUsed} times already; the limit cannot be lower.`, { field: 'usageLimit', timesUsed: before.timesUsed });
    const changed = changedKeys(before, input as Partial<typeof before>);
    if (changed.length === 0) return presentPromoCode(before);
    const [after] = await tx
      .update(promoCodes)
      .set({ ...input, updatedAt: ctx.now })
      .where(and(eq(promoCodes.organizationId, orgId), eq(promoCodes.id, id)))
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'promo_code.updated', entity: 'promo_code', entityId: id, changes: auditChanges(before, after!, changed) });
    return presentPromoCode(after!);
  });
}

export async function deletePromoCode(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'promotions:manage');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const [before] = await tx.select().from(promoCodes).where(and(eq(promoCodes.organizationId, orgId), eq(promoCodes.id, id))).for('update');
    if (!before) throw notFound('Promo code');
    const [used] = await tx.select({ n: count() }).from(promoRedemptions).where(and(eq(promoRedemptions.organizationId, orgId), eq(promoRedemptions.promoCodeId, id)));
    if ((used?.n ?? 0) > 0 || before.timesUsed > 0) throw conflict('Orders used this code; deactivate it instead (active: false).', { reason: 'promo_code_used', timesUsed: before.timesUsed });
    await tx.delete(promoCodes).where(and(eq(promoCodes.organizationId, orgId), eq(promoCodes.id, id)));
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'promo_code.deleted', entity: 'promo_code', entityId: id, changes: { before: presentPromoCode(before) } });
  });
}
