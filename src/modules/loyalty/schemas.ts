/** Inputs and answers of the loyalty module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { loyaltyEntryKinds, loyaltySourceTypes, loyaltyTiers } from '@/db/enums';
import { isoInstant, moneyMinor, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { plainText } from '@/lib/text';
import { customerIdSchema } from '@/modules/customers/schemas';
import * as organizationSchemas from '@/modules/organizations/schemas';

/** Points moved by one adjustment, either way (a staff correction, not a bulk import). */
export const MAX_ADJUST_POINTS = 1_000_000;
/** Points one checkout may spend. */
export const MAX_REDEEM_POINTS = 10_000_000;

const wholeNumber = (min: number, max: number) =>
  z.number({ message: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** PUT …/loyalty: the whole program (what is omitted keeps its value). */
export const updateProgramInput = z
  .object({
    enabled: z.boolean().optional(),
    pointsPerUnit: wholeNumber(0, 1000).optional(),
    earnUnitMinor: wholeNumber(1, 100_000_000).optional(),
    redeemPoints: wholeNumber(1, 1_000_000).optional(),
    redeemValueMinor: wholeNumber(1, 100_000_000).optional(),
    minRedeemPoints: wholeNumber(1, 1_000_000).optional(),
    expiryMonths: wholeNumber(1, 120).nullable().optional(),
    silverMin: wholeNumber(1, 100_000_000).optional(),
    goldMin: wholeNumber(2, 100_000_000).optional(),
    platinumMin: wholeNumber(3, 100_000_000).optional(),
    earnOnBookings: z.boolean().optional(),
    earnOnOrders: z.boolean().optional(),
    pointsPerCheckIn: wholeNumber(0, 1_000_000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateProgramInput = z.input<typeof updateProgramInput>;

export const adjustmentInput = z
  .object({
    delta: wholeNumber(-MAX_ADJUST_POINTS, MAX_ADJUST_POINTS).refine((n) => n !== 0, 'must not be zero'),
    reason: plainText(300).min(1, 'must not be empty'),
  })
  .strict();
export type AdjustmentInput = z.input<typeof adjustmentInput>;

export const ledgerQuery = paginationQuery;
export const customerLoyaltyParams = organizationSchemas.slugParams.extend({ customerId: customerIdSchema });
export const slugParams = organizationSchemas.slugParams;

/** How many points a checkout spends (optional; the signed-in customer's own points only). */
export const redeemPointsSchema = wholeNumber(1, MAX_REDEEM_POINTS);

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const tierEnum = z.enum(loyaltyTiers);

export const programDto = z
  .object({
    enabled: z.boolean(),
    pointsPerUnit: z.number().int().meta({ description: 'points earned for every `earnUnitMinor` paid' }),
    earnUnitMinor: moneyMinor.meta({ description: 'the amount that earns `pointsPerUnit` points (100 = per 1.00)' }),
    redeemPoints: z.number().int(),
    redeemValueMinor: moneyMinor.meta({ description: '`redeemPoints` points take this much off' }),
    minRedeemPoints: z.number().int(),
    expiryMonths: z.number().int().nullable().meta({ description: 'earned points expire after this many months (null: never)' }),
    silverMin: z.number().int(),
    goldMin: z.number().int(),
    platinumMin: z.number().int(),
    earnOnBookings: z.boolean(),
    earnOnOrders: z.boolean(),
    pointsPerCheckIn: z.number().int().meta({ description: 'points a ticket earns (for its order\'s email) when checked in at the event; 0: none' }),
    currency: z.string(),
    updatedAt: isoInstant.nullable(),
  })
  .meta({ id: 'LoyaltyProgram', description: "The organization's loyalty program: rates, expiry and tier thresholds (on lifetime earned points)." });
export type ProgramDto = z.infer<typeof programDto>;

export const loyaltySummaryDto = z
  .object({
    enabled: z.boolean(),
    points: z.number().int(),
    valueMinor: moneyMinor.meta({ description: 'what the points take off at checkout now' }),
    currency: z.string(),
    lifetimeEarned: z.number().int(),
    tier: tierEnum,
    nextTier: tierEnum.nullable(),
    pointsToNext: z.number().int().nullable().meta({ description: 'lifetime points still needed for the next tier (null at the top)' }),
    minRedeemPoints: z.number().int(),
  })
  .meta({ id: 'LoyaltySummary', description: "A customer's points and tier." });
export type LoyaltySummaryDto = z.infer<typeof loyaltySummaryDto>;

export const ledgerEntryDto = z
  .object({
    id: z.string(),
    kind: z.enum(loyaltyEntryKinds),
    delta: z.number().int(),
    reason: z.string(),
    sourceType: z.enum(loyaltySourceTypes).nullable(),
    sourceId: z.string().nullable(),
    balanceAfter: z.number().int(),
    tierAfter: tierEnum,
    expiresAt: isoInstant.nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'LoyaltyLedgerEntry' });
export type LedgerEntryDto = z.infer<typeof ledgerEntryDto>;
export const ledgerPage = pageOf(ledgerEntryDto);

export const customerLoyaltyDto = z
  .object({ customerId: z.string(), summary: loyaltySummaryDto, ledger: ledgerPage })
  .meta({ id: 'CustomerLoyalty', description: "A customer's points, tier and ledger (newest first, paginated)." });
export type CustomerLoyaltyDto = z.infer<typeof customerLoyaltyDto>;

export const adjustmentDto = z
  .object({ entry: ledgerEntryDto, summary: loyaltySummaryDto })
  .meta({ id: 'LoyaltyAdjustment', description: 'The adjustment written and the account after it.' });
export type AdjustmentDto = z.infer<typeof adjustmentDto>;

/** What guests see on their order or booking page: the summary and a few recent rows of their email. */
export const guestLoyaltyDto = z
  .object({ summary: loyaltySummaryDto, recent: z.array(ledgerEntryDto) })
  .meta({ id: 'GuestLoyalty' });
export type GuestLoyaltyDto = z.infer<typeof guestLoyaltyDto>;

export const myLoyaltyDto = z
  .object({ emailVerified: z.boolean().meta({ description: 'points show once the account email is confirmed' }), summary: loyaltySummaryDto, ledger: ledgerPage })
  .meta({ id: 'MyLoyalty', description: "The signed-in customer's own points, tier and history in one organization." });
export type MyLoyaltyDto = z.infer<typeof myLoyaltyDto>;

export const pointsPreviewProblems = ['below_min_redeem', 'insufficient_points', 'nothing_to_discount', 'points_too_few'] as const;

/** A cart's points preview (GET cart with `redeemPoints`): the checkout still judges under the account's lock. */
export const pointsPreviewDto = z
  .object({
    balance: z.number().int().meta({ description: "the signed-in buyer's points now" }),
    minRedeemPoints: z.number().int(),
    maxUsable: z.number().int().meta({ description: 'the most points this cart can use (0: none: too few points or nothing left to pay)' }),
    maxValueMinor: moneyMinor.meta({ description: 'what `maxUsable` points take off' }),
    currency: z.string(),
    using: z
      .object({ points: z.number().int(), discountMinor: moneyMinor })
      .nullable()
      .meta({ description: 'what the asked-for points would use and take off (already in the cart totals); null when none were asked for or they cannot be used' }),
    problem: z.enum(pointsPreviewProblems).nullable().meta({ description: 'why the asked-for points cannot be used (the reason the checkout would answer)' }),
  })
  .meta({ id: 'PointsPreview', description: "What the signed-in, confirmed buyer's loyalty points would take off this cart before the order is placed." });
export type PointsPreviewDto = z.infer<typeof pointsPreviewDto>;
