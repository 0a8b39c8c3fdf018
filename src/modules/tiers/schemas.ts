/** Inputs and answers of the tiers module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { contentLocales } from '@/db/enums';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { freeText, plainText } from '@/lib/text';
import * as organizationSchemas from '@/modules/organizations/schemas';

export const MAX_TIER_RANK = 1000;

const tierName = plainText(60).min(1, 'must not be empty');
const tierDescription = freeText(500);
const tierRank = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_TIER_RANK, `must be at most ${MAX_TIER_RANK}`);

/** The tier's text in another content language; what is missing or empty shows the base text. */
const tierTranslationSchema = z.object({ name: plainText(60).optional(), description: tierDescription.optional() }).strict();
export const tierTranslationsSchema = z
  .object(Object.fromEntries(contentLocales.map((l) => [l, tierTranslationSchema.optional()])) as Record<(typeof contentLocales)[number], z.ZodOptional<typeof tierTranslationSchema>>)
  .strict();

export const listTiersQuery = paginationQuery;

export const createTierInput = z
  .object({
    name: tierName,
    description: tierDescription.default(''),
    translations: tierTranslationsSchema.default({}),
    /** Lower = higher priority; omitted: after the last tier. */
    rank: tierRank.optional(),
  })
  .strict();
export type CreateTierInput = z.input<typeof createTierInput>;

/** Partial. A rank another tier holds swaps the two (how the dashboard moves a tier up or down). */
export const updateTierInput = z
  .object({
    name: tierName.optional(),
    description: tierDescription.optional(),
    translations: tierTranslationsSchema.optional(),
    rank: tierRank.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateTierInput = z.input<typeof updateTierInput>;

const tierId = organizationSchemas.idParam('tier');

/** `{ tierId: null }` takes the member out of their tier. */
export const assignTierInput = z.object({ tierId: tierId.nullable() }).strict();
export type AssignTierInput = z.input<typeof assignTierInput>;

export const tierParams = organizationSchemas.slugParams.extend({ tierId });
export const memberParams = organizationSchemas.memberParams;

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const tierTranslationDto = z.object({ name: z.string().optional(), description: z.string().optional() }).meta({ id: 'MemberTierTranslation' });

export const tierDto = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    translations: z.object(Object.fromEntries(contentLocales.map((l) => [l, tierTranslationDto.optional()])) as Record<(typeof contentLocales)[number], z.ZodOptional<typeof tierTranslationDto>>),
    rank: z.number().int().meta({ description: 'lower = higher priority; unique in the organization' }),
    memberCount: z.number().int().meta({ description: 'how many members hold the tier' }),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'MemberTier', description: 'A member tier (e.g. Platinum, Gold, Silver); each member holds at most one.' });
export type TierDto = z.infer<typeof tierDto>;
export const tierPage = pageOf(tierDto);
export type TierPage = z.infer<typeof tierPage>;

export const memberTierDto = z
  .object({
    memberId: z.string(),
    tier: z.object({ id: z.string(), name: z.string() }).nullable(),
    updatedAt: isoInstant,
  })
  .meta({ id: 'MemberTierAssignment', description: "A member's tier after an assignment (null: no tier)." });
export type MemberTierDto = z.infer<typeof memberTierDto>;
