/** The organization's program row, with the defaults an organization that never saved one gets. */
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { type LoyaltyTier, loyaltyPrograms } from '@/db/schema';

export type ProgramRow = typeof loyaltyPrograms.$inferSelect;

export const programDefaults = (organizationId: string): ProgramRow => ({
  organizationId,
  enabled: false,
  pointsPerUnit: 1,
  earnUnitMinor: 100,
  redeemPoints: 100,
  redeemValueMinor: 100,
  minRedeemPoints: 100,
  expiryMonths: 12,
  silverMin: 1000,
  goldMin: 3000,
  platinumMin: 6000,
  earnOnBookings: true,
  earnOnOrders: true,
  pointsPerCheckIn: 0,
  updatedAt: new Date(0),
});

export async function readProgram(tx: Executor, organizationId: string): Promise<ProgramRow & { saved: boolean }> {
  const [row] = await tx.select().from(loyaltyPrograms).where(eq(loyaltyPrograms.organizationId, organizationId));
  return row ? { ...row, saved: true } : { ...programDefaults(organizationId), saved: false };
}

/** Points earned for an amount paid (minor units): `pointsPerUnit` for every whole `earnUnitMinor`. */
export const pointsFor = (p: ProgramRow, amountMinor: number) => Math.max(0, Math.floor(amountMinor / p.earnUnitMinor) * p.pointsPerUnit);

/** What `points` take off (minor units), rounded down. */
export const valueOf = (p: ProgramRow, points: number) => Math.floor((points * p.redeemValueMinor) / p.redeemPoints);

/** The fewest points that take `amountMinor` off (rounded up). */
export const pointsCovering = (p: ProgramRow, amountMinor: number) => Math.ceil((amountMinor * p.redeemPoints) / p.redeemValueMinor);

const order: LoyaltyTier[] = ['bronze', 'silver', 'gold', 'platinum'];

/** The same rule as the ledger trigger (migration loyalty_ledger): tiers by lifetime earned points. */
export function tierOf(p: ProgramRow, lifetime: number): LoyaltyTier {
  if (lifetime >= p.platinumMin) return 'platinum';
  if (lifetime >= p.goldMin) return 'gold';
  if (lifetime >= p.silverMin) return 'silver';
  return 'bronze';
}

export function nextTierOf(p: ProgramRow, tier: LoyaltyTier, lifetime: number): { nextTier: LoyaltyTier | null; pointsToNext: number | null } {
  const next = order[order.indexOf(tier) + 1] ?? null;
  if (!next) return { nextTier: null, pointsToNext: null };
  const min = next === 'silver' ? p.silverMin : next === 'gold' ? p.goldMin : p.platinumMin;
  return { nextTier: next, pointsToNext: Math.max(0, min - lifetime) };
}
