/** Reading promo codes and counting their uses (under the code's row lock at checkout). */
import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { orders, promoCodes, promoRedemptions } from '@/db/schema';
import { fill, formatMoney, type OrdersLocale, ordersText } from './messages';
import { judgePromo, type PricedLine, type PromoBuyer, type PromoJudgement } from './pricing';
import type { PromoOutcomeDto } from './schemas';

export type PromoRow = typeof promoCodes.$inferSelect;

export const normalizeCode = (code: string) => code.trim().toUpperCase();

export async function findPromo(tx: Tx, orgId: string, code: string, opts: { lock: boolean }): Promise<PromoRow | null> {
  const q = tx.select().from(promoCodes).where(and(eq(promoCodes.organizationId, orgId), eq(promoCodes.code, normalizeCode(code))));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The buyer's uses of the code and earlier orders, by lower-cased email (orders not cancelled). */
export async function buyerOf(tx: Tx, orgId: string, promoId: string, email: string | null): Promise<PromoBuyer> {
  if (!email) return { usesByEmail: null, priorOrders: null };
  const e = email.toLowerCase();
  const [uses] = await tx
    .select({ n: count() })
    .from(promoRedemptions)
    .where(and(eq(promoRedemptions.organizationId, orgId), eq(promoRedemptions.promoCodeId, promoId), eq(promoRedemptions.email, e)));
  const [prior] = await tx
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.organizationId, orgId), sql`lower(${orders.email}) = ${e}`, ne(orders.status, 'cancelled')));
  return { usesByEmail: uses?.n ?? 0, priorOrders: prior?.n ?? 0 };
}

export async function judgeCode(
  tx: Tx,
  orgId: string,
  code: string,
  lines: PricedLine[],
  email: string | null,
  now: Date,
  opts: { lock: boolean },
): Promise<{ promo: PromoRow | null; judgement: PromoJudgement }> {
  const promo = await findPromo(tx, orgId, code, opts);
  if (!promo) return { promo: null, judgement: { ok: false, reason: 'not_found' } };
  return { promo, judgement: judgePromo(promo, lines, await buyerOf(tx, orgId, promo.id, email), now) };
}

export function promoOutcome(code: string, j: PromoJudgement, currency: string, locale: OrdersLocale | undefined): PromoOutcomeDto {
  const shown = normalizeCode(code);
  if (j.ok) return { code: shown, applies: true, discountMinor: j.discountMinor };
  const message = fill(ordersText(locale).promoReasons[j.reason], { code: shown, minimum: j.minimumMinor === undefined ? '' : formatMoney(j.minimumMinor, currency, locale) });
  return { code: shown, applies: false, discountMinor: 0, reason: j.reason, message, ...(j.minimumMinor !== undefined ? { minimumMinor: j.minimumMinor } : {}) };
}
