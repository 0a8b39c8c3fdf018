/**
 * Xplorium's demo loyalty program (seed 004): the program on, completed demo bookings earned their
 * points, and demo customers in each of the four tiers, written through the module (the ledger's
 * trigger set the balances and tiers; the adjustments are audited).
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers, loyaltyAccounts, loyaltyLedger, loyaltyPrograms } from '@/db/schema';
import { seedDemo } from '@/seed';
import { waitForDemo } from './support/demo';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
let orgId: string;
beforeAll(async () => {
  h = await createHarness();
  await seedDemo(h.database.db);
  orgId = (await waitForDemo(h.database.db, ['xplorium'])).get('xplorium')!;
}, 240_000);
afterAll(() => h.close());

describe('demo loyalty', () => {
  it('runs the program with customers in every tier, balances equal to their ledgers', { timeout: 60_000 }, async () => {
    const db = h.database.db;
    const [program] = await db.select().from(loyaltyPrograms).where(eq(loyaltyPrograms.organizationId, orgId));
    expect(program).toMatchObject({ enabled: true, pointsPerUnit: 1, earnUnitMinor: 10_000, redeemPoints: 100, redeemValueMinor: 100_000 });
    const accounts = await db
      .select({ email: customers.email, balance: loyaltyAccounts.balance, tier: loyaltyAccounts.tier, id: loyaltyAccounts.id })
      .from(loyaltyAccounts)
      .innerJoin(customers, and(eq(customers.organizationId, loyaltyAccounts.organizationId), eq(customers.id, loyaltyAccounts.customerId)))
      .where(eq(loyaltyAccounts.organizationId, orgId));
    expect(new Set(accounts.map((a) => a.tier))).toEqual(new Set(['bronze', 'silver', 'gold', 'platinum']));
    expect(accounts.find((a) => a.email === 'jelena.markovic@example.com')).toMatchObject({ tier: 'platinum' });
    for (const a of accounts) {
      const [sum] = await db.select({ n: sql<number>`sum(delta)::int` }).from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, orgId), eq(loyaltyLedger.accountId, a.id)));
      expect(sum!.n, a.email).toBe(a.balance);
    }
    const earned = await db.select().from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, orgId), eq(loyaltyLedger.kind, 'earn'), eq(loyaltyLedger.sourceType, 'booking')));
    expect(earned.length).toBeGreaterThan(0);
    const adjusted = await db.select().from(auditLog).where(and(eq(auditLog.organizationId, orgId), eq(auditLog.action, 'loyalty.adjusted')));
    expect(adjusted).toHaveLength(4);
  });
});
