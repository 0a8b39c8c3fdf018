/**
 * Finding, creating and merging carts. A guest's cart is found by the SHA-256 of its cookie's
 * random token; a signed-in customer's by their user id (one per organization, so it follows
 * them across devices). A request that carries both (a guest who just signed in) merges the
 * guest cart into the user's: quantities added, capped by the stock free now; the guest cart
 * is deleted and the route clears the cookie.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { cartLines, carts, productVariants, stockItems } from '@/db/schema';
import { randomToken, sha256 } from '@/lib/crypto';
import { newId } from '@/lib/ids';
import { type Ctx, recordAudit } from '@/modules/kernel';
import { MAX_LINE_QUANTITY } from './schemas';

/** Who is asking for a cart: the guest cookie's token and/or the signed-in user. */
export interface CartKey {
  token: string | null;
  userId: string | null;
}

export type CartRow = typeof carts.$inferSelect;

export interface OpenedCart {
  cart: CartRow | null;
  /** A new guest cart's token: the route sets it as the cookie. */
  newToken?: string;
  /** The guest cart was merged into the user's (or is gone): the route clears the cookie. */
  clearToken?: boolean;
}

async function byToken(tx: Tx, orgId: string, token: string, lock: boolean) {
  const q = tx.select().from(carts).where(and(eq(carts.organizationId, orgId), eq(carts.tokenHash, sha256(token))));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

async function byUser(tx: Tx, orgId: string, userId: string, lock: boolean) {
  const q = tx.select().from(carts).where(and(eq(carts.organizationId, orgId), eq(carts.userId, userId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

async function createUserCart(tx: Tx, ctx: Ctx, orgId: string, userId: string): Promise<CartRow> {
  // Two first requests of one user at once: the unique index keeps one, the other reads it.
  await tx
    .insert(carts)
    .values({ id: newId('cart'), organizationId: orgId, userId, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing();
  return (await byUser(tx, orgId, userId, true))!;
}

/**
 * The caller's cart, locked (FOR UPDATE) when `lock`; created when `create` and there is none.
 * Merges a guest cart into the user's when the request carries both.
 */
export async function openCart(tx: Tx, ctx: Ctx, orgId: string, key: CartKey, opts: { create: boolean; lock: boolean }): Promise<OpenedCart> {
  if (key.userId) {
    const guest = key.token ? await byToken(tx, orgId, key.token, true) : null;
    let own = await byUser(tx, orgId, key.userId, opts.lock || !!guest);
    if (guest) {
      own ??= await createUserCart(tx, ctx, orgId, key.userId);
      await mergeInto(tx, ctx, orgId, guest, own);
      return { cart: own, clearToken: true };
    }
    if (!own && opts.create) own = await createUserCart(tx, ctx, orgId, key.userId);
    // A token that finds nothing (expired, or merged on another device) is dropped too.
    return { cart: own, clearToken: key.token ? true : undefined };
  }
  if (key.token) {
    const found = await byToken(tx, orgId, key.token, opts.lock);
    if (found) return { cart: found };
  }
  if (!opts.create) return { cart: null, clearToken: key.token ? true : undefined };
  const token = randomToken(32);
  const [row] = await tx.insert(carts).values({ id: newId('cart'), organizationId: orgId, tokenHash: sha256(token), createdAt: ctx.now, updatedAt: ctx.now }).returning();
  return { cart: row!, newToken: token };
}

/** Moves the guest cart's lines into the user's: quantities added, capped by the stock free now. */
async function mergeInto(tx: Tx, ctx: Ctx, orgId: string, guest: CartRow, own: CartRow): Promise<void> {
  const guestLines = await tx.select().from(cartLines).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, guest.id))).orderBy(asc(cartLines.createdAt));
  const ownLines = await tx.select().from(cartLines).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, own.id)));
  const variantIds = [...new Set(guestLines.map((l) => l.variantId))];
  const stock = variantIds.length
    ? await tx
        .select({ variantId: productVariants.id, units: productVariants.unitsPerVariant, free: stockItems.onHand, reserved: stockItems.reserved })
        .from(productVariants)
        .innerJoin(stockItems, and(eq(stockItems.organizationId, productVariants.organizationId), eq(stockItems.id, productVariants.stockItemId)))
        .where(and(eq(productVariants.organizationId, orgId), inArray(productVariants.id, variantIds)))
    : [];
  const capOf = new Map(stock.map((s) => [s.variantId, Math.floor(Math.max(0, s.free - s.reserved) / s.units)]));
  const merged: { variantId: string; quantity: number }[] = [];
  for (const g of guestLines) {
    const mine = ownLines.find((l) => l.variantId === g.variantId);
    const cap = Math.max(1, capOf.get(g.variantId) ?? 0);
    const quantity = Math.min(MAX_LINE_QUANTITY, (mine?.quantity ?? 0) + g.quantity, Math.max(cap, mine?.quantity ?? 0));
    merged.push({ variantId: g.variantId, quantity });
    if (mine) {
      await tx.update(cartLines).set({ quantity, updatedAt: ctx.now }).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.id, mine.id)));
    } else {
      await tx.insert(cartLines).values({ id: newId('cartLine'), organizationId: orgId, cartId: own.id, variantId: g.variantId, quantity, priceSeenMinor: g.priceSeenMinor, createdAt: ctx.now, updatedAt: ctx.now });
    }
  }
  await tx.delete(carts).where(and(eq(carts.organizationId, orgId), eq(carts.id, guest.id)));
  await tx.update(carts).set({ updatedAt: ctx.now }).where(and(eq(carts.organizationId, orgId), eq(carts.id, own.id)));
  await recordAudit(tx, ctx, { organizationId: orgId, action: 'cart.merged', entity: 'cart', entityId: own.id, changes: { before: { guestCartId: guest.id }, after: { lines: merged } } });
}
