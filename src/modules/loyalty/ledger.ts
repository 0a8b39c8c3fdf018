/**
 * The ledger's primitives, inside the caller's transaction. Balances are never written here:
 * inserting a ledger row moves the account (the BEFORE INSERT trigger of migration
 * loyalty_ledger), and `CHECK (balance >= 0)` refuses an overdraft.
 *
 * Lock order: the account row (FOR UPDATE) is the loyalty step of every lock order — in a
 * checkout it comes after the cart and the promo code and before the order row and stock items
 * (modules/orders/checkout.ts, decision 0015); on its own (adjustments, expiry) it is the only lock.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@/db/client';
import { customers, type LoyaltyEntryKind, type LoyaltySourceType, loyaltyAccounts, loyaltyLedger } from '@/db/schema';
import { sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';

export type AccountRow = typeof loyaltyAccounts.$inferSelect;
export type LedgerRow = typeof loyaltyLedger.$inferSelect;

/** The customer a (case-insensitive) email names in the organization, following a merge to its survivor. */
export async function findCustomerIdByEmail(tx: Executor, orgId: string, email: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: customers.id, mergedIntoId: customers.mergedIntoId })
    .from(customers)
    .where(and(eq(customers.organizationId, orgId), sql`lower(${customers.email}) = ${email.toLowerCase()}`, sql`not ${customers.emailRetired}`));
  return row ? (row.mergedIntoId ?? row.id) : null;
}

/** Finds or creates the customer of a shop buyer's email (orders do not create customers themselves). */
export async function customerIdForEmail(tx: Tx, orgId: string, email: string, name: string, now: Date): Promise<string> {
  const res = await tx.execute(sql`
    insert into customers (id, organization_id, email, name, total_bookings, created_at, updated_at)
    values (${newId('customer')}, ${orgId}, ${email.toLowerCase()}, ${name}, 0, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
    on conflict (organization_id, lower(email)) where not email_retired
    do update set updated_at = customers.updated_at
    returning id, merged_into_id`);
  // node-postgres answers { rows }, PGlite's drizzle driver the same shape; be tolerant of an array.
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { id: string; merged_into_id: string | null }[];
  const row = rows[0]!;
  return row.merged_into_id ?? row.id;
}

/** The customer's account, opened (empty) when there is none; with `lock`, its row lock. */
export async function openAccount(tx: Tx, orgId: string, customerId: string, now: Date, opts: { lock: boolean }): Promise<AccountRow> {
  const find = async () => {
    const q = tx.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, orgId), eq(loyaltyAccounts.customerId, customerId)));
    const [row] = opts.lock ? await q.for('update') : await q;
    return row ?? null;
  };
  const found = await find();
  if (found) return found;
  // Two first events of one customer at once: the unique index keeps one account, the other reads it.
  await tx
    .insert(loyaltyAccounts)
    .values({ id: newId('loyaltyAccount'), organizationId: orgId, customerId, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  return (await find())!;
}

export async function findAccount(tx: Executor, orgId: string, customerId: string): Promise<AccountRow | null> {
  const [row] = await tx.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, orgId), eq(loyaltyAccounts.customerId, customerId)));
  return row ?? null;
}

export interface NewEntry {
  organizationId: string;
  accountId: string;
  kind: LoyaltyEntryKind;
  delta: number;
  reason: string;
  source?: { type: LoyaltySourceType; id: string } | null;
  expiresAt?: Date | null;
  actorUserId?: string | null;
  now: Date;
}

/**
 * Appends one row. Returns null when the source already has this kind of row (the unique index:
 * a hook that runs twice writes once). An overdraft raises 23514 (the balance CHECK): callers map it.
 */
export async function appendEntry(tx: Tx, e: NewEntry): Promise<LedgerRow | null> {
  const src = e.source ?? null;
  try {
    // A savepoint, so a duplicate source leaves the caller's transaction usable.
    return await tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(loyaltyLedger)
        .values({
          id: newId('loyaltyEntry'),
          organizationId: e.organizationId,
          accountId: e.accountId,
          kind: e.kind,
          delta: e.delta,
          reason: e.reason,
          sourceType: src?.type ?? null,
          bookingId: src?.type === 'booking' ? src.id : null,
          orderId: src?.type === 'order' ? src.id : null,
          ticketRef: src?.type === 'ticket' ? src.id : null,
          expiresAt: e.expiresAt ?? null,
          actorUserId: e.actorUserId ?? null,
          createdAt: e.now,
        })
        .returning();
      return row!;
    });
  } catch (err) {
    if (src && sqlState(err) === '23505') return null;
    throw err;
  }
}

/** The rows a source wrote (earn, redeem, reversals), to undo them. */
export async function entriesOfSource(tx: Tx, orgId: string, type: LoyaltySourceType, id: string): Promise<LedgerRow[]> {
  const col = type === 'booking' ? loyaltyLedger.bookingId : type === 'order' ? loyaltyLedger.orderId : loyaltyLedger.ticketRef;
  return tx.select().from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, orgId), eq(loyaltyLedger.sourceType, type), eq(col, id)));
}

export const sourceIdOf = (r: LedgerRow) => r.bookingId ?? r.orderId ?? r.ticketRef ?? null;

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}
