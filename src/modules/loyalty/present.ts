/** Rows → the module's answers (schemas.ts). */
import { iso } from '@/lib/dto';
import type { AccountRow, LedgerRow } from './ledger';
import { sourceIdOf } from './ledger';
import { nextTierOf, type ProgramRow, valueOf } from './program';
import type { LedgerEntryDto, LoyaltySummaryDto, ProgramDto } from './schemas';

export function presentProgram(p: ProgramRow & { saved: boolean }, currency: string): ProgramDto {
  return {
    enabled: p.enabled,
    pointsPerUnit: p.pointsPerUnit,
    earnUnitMinor: p.earnUnitMinor,
    redeemPoints: p.redeemPoints,
    redeemValueMinor: p.redeemValueMinor,
    minRedeemPoints: p.minRedeemPoints,
    expiryMonths: p.expiryMonths,
    silverMin: p.silverMin,
    goldMin: p.goldMin,
    platinumMin: p.platinumMin,
    earnOnBookings: p.earnOnBookings,
    earnOnOrders: p.earnOnOrders,
    pointsPerCheckIn: p.pointsPerCheckIn,
    currency,
    updatedAt: p.saved ? iso(p.updatedAt) : null,
  };
}

export function presentSummary(p: ProgramRow, account: AccountRow | null, currency: string): LoyaltySummaryDto {
  const points = account?.balance ?? 0;
  const lifetime = account?.lifetimeEarned ?? 0;
  const tier = account?.tier ?? 'bronze';
  return { enabled: p.enabled, points, valueMinor: valueOf(p, points), currency, lifetimeEarned: lifetime, tier, ...nextTierOf(p, tier, lifetime), minRedeemPoints: p.minRedeemPoints };
}

export function presentEntry(r: LedgerRow): LedgerEntryDto {
  return {
    id: r.id,
    kind: r.kind,
    delta: r.delta,
    reason: r.reason,
    sourceType: r.sourceType ?? null,
    sourceId: sourceIdOf(r),
    balanceAfter: r.balanceAfter,
    tierAfter: r.tierAfter,
    expiresAt: iso(r.expiresAt),
    createdAt: iso(r.createdAt),
  };
}
