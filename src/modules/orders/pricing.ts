/**
 * Prices, discounts, shipping and tax: pure functions the cart, the checkout and the tests share,
 * so the cart shows exactly what the checkout charges. Money is integer minor units throughout.
 *
 * - discount: a percentage (basis points) or a fixed amount of the eligible lines (the whole
 *   order, given products, or given categories), never more than they cost; spread over the
 *   eligible lines in proportion (largest remainder), so each order line keeps its share;
 * - shipping: the flat fee unless the discounted subtotal reaches the free-shipping threshold;
 * - tax: the organization's rate (parts per million) of the discounted subtotal, rounded half up.
 */
import type { PromoKind, PromoScope } from '@/db/schema';
import type { PromoReason } from './schemas';

export interface PricedLine {
  productId: string;
  /** The product's category and every one above it (a code on a category covers those under it). */
  categoryIds: string[];
  unitPriceMinor: number;
  quantity: number;
}

export interface PromoRule {
  code: string;
  kind: PromoKind;
  value: number;
  scope: PromoScope;
  productIds: string[];
  categoryIds: string[];
  minSubtotalMinor: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  firstOrderOnly: boolean;
  active: boolean;
  timesUsed: number;
}

/** What is known about the buyer when the code is judged (counted under the code's lock at checkout). */
export interface PromoBuyer {
  /** Uses of this code by the buyer's email (orders not cancelled); null when the email is not known yet. */
  usesByEmail: number | null;
  /** Earlier orders (not cancelled) by the buyer's email; null when not known yet. */
  priorOrders: number | null;
}

export type PromoJudgement =
  | { ok: true; discountMinor: number; lineDiscounts: number[] }
  | { ok: false; reason: PromoReason; minimumMinor?: number };

export const lineTotal = (l: PricedLine) => l.unitPriceMinor * l.quantity;
export const subtotalOf = (lines: PricedLine[]) => lines.reduce((s, l) => s + lineTotal(l), 0);

export function judgePromo(rule: PromoRule, lines: PricedLine[], buyer: PromoBuyer, now: Date): PromoJudgement {
  if (!rule.active) return { ok: false, reason: 'inactive' };
  if (rule.startsAt && now < rule.startsAt) return { ok: false, reason: 'not_started' };
  if (rule.endsAt && now >= rule.endsAt) return { ok: false, reason: 'expired' };
  if (rule.usageLimit !== null && rule.timesUsed >= rule.usageLimit) return { ok: false, reason: 'usage_limit_reached' };
  if (rule.perCustomerLimit !== null && buyer.usesByEmail !== null && buyer.usesByEmail >= rule.perCustomerLimit) return { ok: false, reason: 'customer_limit_reached' };
  if (rule.firstOrderOnly && buyer.priorOrders !== null && buyer.priorOrders > 0) return { ok: false, reason: 'not_first_order' };
  const subtotal = subtotalOf(lines);
  if (subtotal < rule.minSubtotalMinor) return { ok: false, reason: 'minimum_not_met', minimumMinor: rule.minSubtotalMinor };
  const eligible = lines.map((l) =>
    rule.scope === 'order' ? true : rule.scope === 'products' ? rule.productIds.includes(l.productId) : l.categoryIds.some((id) => rule.categoryIds.includes(id)),
  );
  const base = lines.reduce((s, l, i) => s + (eligible[i] ? lineTotal(l) : 0), 0);
  if (base === 0) return { ok: false, reason: 'not_applicable' };
  const discount = rule.kind === 'percentage' ? Math.floor((base * rule.value) / 10_000) : Math.min(rule.value, base);
  return { ok: true, discountMinor: discount, lineDiscounts: spread(discount, lines.map((l, i) => (eligible[i] ? lineTotal(l) : 0))) };
}

/** `amount` over `weights` in proportion, whole units, summing exactly to `amount` (largest remainder). */
export function spread(amount: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || amount === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (amount * w) / total);
  const shares = exact.map(Math.floor);
  let left = amount - shares.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (weights[i]! > 0) {
      shares[i]! += 1;
      left -= 1;
    }
  }
  return shares;
}

export interface ShopTerms {
  taxRatePpm: number;
  shippingFeeMinor: number;
  freeShippingOverMinor: number | null;
}

export interface Totals {
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export function totalsOf(subtotal: number, discount: number, fulfilment: 'shipping' | 'pickup' | 'digital' | null, terms: ShopTerms): Totals {
  const net = subtotal - discount;
  const shipping = fulfilment === 'shipping' && subtotal > 0 && !(terms.freeShippingOverMinor !== null && net >= terms.freeShippingOverMinor) ? terms.shippingFeeMinor : 0;
  const tax = Math.floor((net * terms.taxRatePpm + 500_000) / 1_000_000);
  return { subtotalMinor: subtotal, discountMinor: discount, shippingMinor: shipping, taxMinor: tax, totalMinor: net + shipping + tax };
}
