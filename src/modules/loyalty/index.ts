/**
 * loyalty — points and tiers of an organization's customers (seed 004, Xplorium).
 * Invariants (in the database, migration loyalty_ledger): an account's balance, lifetime earned
 * and tier change only through ledger rows, in the same statement (trigger); the balance is never
 * negative (CHECK: an overdraft fails, so concurrent redeems cannot spend a point twice); the ledger
 * is append-only; one earn/redeem/reverse row per source. Tier: by lifetime earned points (earn and
 * adjustments, less take-backs; spending or expiry does not lower it) against the program's thresholds.
 * Lock order: the account row after a checkout's cart and promo code, before its order and stock.
 * Tables owned: loyalty_programs, loyalty_accounts, loyalty_ledger (RLS); may create customers
 * for shop buyers who earn points. Audited: program updates, adjustments, expiry sweeps; earns and
 * reversals ride on their order's or booking's audited transition, check-in points on the
 * ticket's check-in, points moved by a customer merge on the merge's audit row. Lock orders: a
 * check-in takes the account after its ticket UPDATE; a merge takes customers, then both sides'
 * accounts in id order.
 */
export { adjustPoints } from './adjust-points';
export { expirePoints } from './expire-points';
export { getCustomerLoyalty } from './get-customer-loyalty';
export { getMyLoyalty } from './get-my-loyalty';
export { getProgram } from './get-program';
export { assertMayRedeem, type OrderForPoints, pointsOnBookingCompleted, pointsOnCheckIn, pointsOnOrderStep, redeemAtCheckout } from './hooks';
export { moveMergedPoints } from './merge-points';
export { buyerMayRedeem, previewPoints } from './preview-points';
export { findCustomerIdByEmail } from './ledger';
export { loyaltyForCustomer, loyaltyForEmail } from './queries';
export * as loyaltySchemas from './schemas';
export type { AdjustmentDto, CustomerLoyaltyDto, GuestLoyaltyDto, LedgerEntryDto, LoyaltySummaryDto, MyLoyaltyDto, PointsPreviewDto, ProgramDto } from './schemas';
export { updateProgram } from './update-program';
