/**
 * Xplorium's loyalty program (seed 004: "customers with loyalty points and tiers"), through the
 * loyalty use cases as the system: the program switched on (1 point per 100 RSD paid; 100 points
 * take 1,000 RSD off), the demo's completed bookings earning their points as if the program had
 * run then, and points carried over from the venue's paper stamp cards, so the demo customers
 * span all four tiers (bronze < 1,000 ≤ silver < 3,000 ≤ gold < 6,000 ≤ platinum lifetime points).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bookings, loyaltyPrograms } from '@/db/schema';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { adjustPoints, findCustomerIdByEmail, pointsOnBookingCompleted, updateProgram } from '@/modules/loyalty';
import { findTenantBySlug } from '@/modules/organizations';

interface DemoLoyalty {
  program: Parameters<typeof updateProgram>[1];
  carriedOver: { email: string; points: number }[];
}

const plans: Record<string, DemoLoyalty> = {
  xplorium: {
    program: { enabled: true, pointsPerUnit: 1, earnUnitMinor: 10_000, redeemPoints: 100, redeemValueMinor: 100_000, minRedeemPoints: 100, expiryMonths: 12, silverMin: 1000, goldMin: 3000, platinumMin: 6000, earnOnBookings: true, earnOnOrders: true, pointsPerCheckIn: 50 },
    carriedOver: [
      { email: 'jelena.markovic@example.com', points: 6200 }, // platinum
      { email: 'stefan.nikolic@example.com', points: 3100 }, // gold
      { email: 'ana.djordjevic@example.com', points: 1150 }, // silver
      { email: 'marko.ilic@example.com', points: 420 }, // bronze
    ],
  },
};

/** Seeds `slug`'s loyalty program and points; returns how many customers got points (0: none planned, or already seeded). */
export async function seedDemoLoyalty(db: Db, slug: string, now: Date): Promise<number> {
  const plan = plans[slug];
  if (!plan) return 0;
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo loyalty: organization ${slug} does not exist.`);
  const system: Ctx = { db, tenant, actor: { type: 'system', name: 'demo seed' }, now, request: noRequest };
  const existing = await tenantTx(system, (tx) => tx.select({ id: loyaltyPrograms.organizationId }).from(loyaltyPrograms).where(eq(loyaltyPrograms.organizationId, tenant.id)));
  if (existing.length) return 0;
  await updateProgram(system, plan.program);

  // The completed demo bookings earn as they would have at completion.
  const completed = await tenantTx(system, (tx) =>
    tx.select().from(bookings).where(and(eq(bookings.organizationId, tenant.id), eq(bookings.status, 'completed'))).orderBy(asc(bookings.completedAt)),
  );
  for (const b of completed) {
    const at = b.completedAt && b.completedAt < now ? b.completedAt : now;
    await tenantTx({ ...system, now: at }, (tx) => pointsOnBookingCompleted(tx, { ...system, now: at }, b));
  }

  let made = 0;
  for (const c of plan.carriedOver) {
    const customerId = await tenantTx(system, (tx) => findCustomerIdByEmail(tx, tenant.id, c.email));
    if (!customerId) throw new Error(`Demo loyalty: no customer ${c.email} in ${slug}.`);
    await adjustPoints(system, customerId, { delta: c.points, reason: 'Points carried over from the paper stamp card' });
    made++;
  }
  return made;
}
