/** Inputs and answers of the rules module: one zod schema per input, shared by routes, use cases and forms. */
import { z } from 'zod';
import { approvalStatuses, bookingAccessModes, contentLocales, memberRoles, ruleKinds, ruleOutcomes, ruleScopes } from '@/db/enums';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { freeText, plainText } from '@/lib/text';
import * as organizationSchemas from '@/modules/organizations/schemas';
import { localDateSchema, resourceIdSchema, serviceIdSchema } from '@/modules/scheduling/schemas';

const whole = (min: number, max: number) =>
  z.number({ message: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD');
const tierId = organizationSchemas.idParam('tier');

/** Each kind's parameters (engine.ts reads them; the database keeps them as jsonb). */
export const ruleParamsSchemas = {
  blackout: z
    .object({ from: localDateSchema, to: localDateSchema, reason: plainText(200).min(1, 'say why the dates are closed') })
    .strict()
    .refine((p) => p.to >= p.from, { message: 'must not be before from', path: ['to'] }),
  lead_time: z
    .object({
      action: z.enum(['create', 'change', 'cancel'], { message: 'must be create, change or cancel' }),
      minHours: whole(0, 24 * 366).optional(),
      maxDays: whole(1, 3660).optional(),
    })
    .strict()
    .refine((p) => p.minHours !== undefined || p.maxDays !== undefined, 'give minHours, maxDays or both')
    .refine((p) => p.action === 'create' || p.maxDays === undefined, { message: 'only a create rule has a maximum notice', path: ['maxDays'] }),
  duration: z
    .object({ minMinutes: whole(1, 525_600).optional(), maxMinutes: whole(1, 525_600).optional() })
    .strict()
    .refine((p) => p.minMinutes !== undefined || p.maxMinutes !== undefined, 'give minMinutes, maxMinutes or both')
    .refine((p) => p.minMinutes === undefined || p.maxMinutes === undefined || p.minMinutes <= p.maxMinutes, { message: 'must not be less than minMinutes', path: ['maxMinutes'] }),
  max_consecutive: z.object({ max: whole(1, 366), unit: z.enum(['days', 'nights'], { message: 'must be days or nights' }) }).strict(),
  min_gap: z.object({ hours: whole(1, 24 * 366), per: z.enum(['resource', 'section', 'organization'], { message: 'must be resource, section or organization' }) }).strict(),
  quota: z
    .object({
      limit: whole(0, 100_000),
      unit: z.enum(['reservations', 'hours', 'nights'], { message: 'must be reservations, hours or nights' }),
      period: z.enum(['day', 'week', 'month', 'year'], { message: 'must be day, week, month or year' }),
      per: z.enum(['resource', 'section', 'organization'], { message: 'must be resource, section or organization' }),
      /** Counted only in these seasons (e.g. 12-15 → 01-10). */
      peak: z.array(z.object({ from: monthDay, to: monthDay }).strict()).max(12).optional(),
      /** Counted only on these ISO weekdays (1 = Monday). */
      weekdays: z.array(whole(1, 7)).max(7).optional(),
    })
    .strict(),
  max_upcoming: z.object({ limit: whole(1, 1000), per: z.enum(['resource', 'section', 'organization']).default('organization') }).strict(),
  tier_only: z.object({ tierIds: z.array(tierId).min(1, 'name at least one tier').max(50) }).strict(),
} as const;

export type RuleParams = { [K in keyof typeof ruleParamsSchemas]: z.output<(typeof ruleParamsSchemas)[K]> };

const ruleName = plainText(120).min(1, 'must not be empty');
const translations = z
  .object(Object.fromEntries(contentLocales.map((l) => [l, z.object({ name: plainText(120).optional() }).strict().optional()])) as Record<
    (typeof contentLocales)[number],
    z.ZodOptional<z.ZodObject<{ name: z.ZodOptional<ReturnType<typeof plainText>> }>>
  >)
  .strict();
const approversSchema = z
  .object({
    roles: z.array(z.enum(memberRoles)).max(6).default(['owner', 'admin']),
    memberIds: z.array(organizationSchemas.idParam('mem')).max(50).default([]),
  })
  .strict();

/** Everything a rule is but its id; `params` is checked against the kind by the use case. */
const ruleFields = z.object({
  name: ruleName,
  translations: translations.default({}),
  kind: z.enum(ruleKinds, { message: `must be one of ${ruleKinds.join(', ')}` }),
  params: z.record(z.string().max(40), z.unknown()),
  scope: z.enum(ruleScopes, { message: `must be one of ${ruleScopes.join(', ')}` }).default('organization'),
  section: plainText(80).min(1).nullable().default(null),
  resourceId: resourceIdSchema.nullable().default(null),
  tierId: tierId.nullable().default(null),
  outcome: z.enum(ruleOutcomes, { message: `must be one of ${ruleOutcomes.join(', ')}` }),
  adminsExempt: z.boolean().default(true),
  approvers: approversSchema.default({ roles: ['owner', 'admin'], memberIds: [] }),
  active: z.boolean().default(true),
  sortOrder: whole(0, 10_000).default(0),
});

export const createRuleInput = ruleFields.strict();
export type CreateRuleInput = z.input<typeof createRuleInput>;

/** Partial; the result must still be a valid rule (the use case re-checks the whole). */
export const updateRuleInput = z
  .object(Object.fromEntries(Object.entries(ruleFields.shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
    [K in keyof typeof ruleFields.shape]: z.ZodOptional<(typeof ruleFields.shape)[K]>;
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateRuleInput = z.input<typeof updateRuleInput>;

export const listRulesQuery = paginationQuery.extend({
  kind: z.enum(ruleKinds).optional(),
  resourceId: resourceIdSchema.optional(),
});

export const ruleParams = organizationSchemas.slugParams.extend({ ruleId: organizationSchemas.idParam('rule') });
export const approvalParams = organizationSchemas.slugParams.extend({ approvalId: organizationSchemas.idParam('apr') });

const INSTANT = 'must be an ISO 8601 instant with an offset, e.g. 2026-06-02T09:00:00-05:00';
const instant = z.iso
  .datetime({ offset: true, message: INSTANT })
  .max(40, INSTANT)
  .transform((v) => new Date(v));

/** A dry run: the booking you would make, and who it would be for (staff may ask for a member). */
export const checkBookingInput = z
  .object({
    serviceId: serviceIdSchema,
    resourceId: resourceIdSchema,
    start: instant,
    end: instant.optional(),
    /** Staff: check for this member instead of yourself. */
    memberId: organizationSchemas.idParam('mem').optional(),
  })
  .strict();
export type CheckBookingInput = z.input<typeof checkBookingInput>;

/** Which rules a stored booking would have tripped: "this rule would have affected N of last month's bookings". */
export const previewRuleQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

export const decideApprovalInput = z.object({ comment: freeText(1000).optional() }).strict();
export const rejectApprovalInput = z.object({ comment: freeText(1000).min(1, 'say why the request is rejected') }).strict();

export const listApprovalsQuery = paginationQuery.extend({
  status: z.enum(approvalStatuses, { message: `must be one of ${approvalStatuses.join(', ')}` }).default('pending'),
  /** Only the approvals the caller may decide. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});

export const bookingAccessInput = z
  .object({
    bookingAccess: z.enum(bookingAccessModes, { message: `must be one of ${bookingAccessModes.join(', ')}` }),
    bookingTierIds: z.array(tierId).max(50).default([]),
    approvalExpiryHours: whole(1, 24 * 30).optional(),
    /** How long a waitlist hold waits for the member to book it (modules/waitlist). */
    waitlistHoldMinutes: whole(5, 7 * 24 * 60).optional(),
  })
  .strict()
  .refine((v) => v.bookingAccess !== 'tiers' || v.bookingTierIds.length > 0, { message: 'name at least one tier', path: ['bookingTierIds'] });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

const localized = z.object({ en: z.string(), es: z.string() }).meta({ id: 'LocalizedText' });

export const ruleDto = z
  .object({
    id: z.string(),
    name: z.string(),
    translations: z.record(z.string(), z.object({ name: z.string().optional() })),
    kind: z.enum(ruleKinds),
    params: z.record(z.string(), z.unknown()),
    scope: z.enum(ruleScopes),
    section: z.string().nullable(),
    resourceId: z.string().nullable(),
    tierId: z.string().nullable(),
    outcome: z.enum(ruleOutcomes),
    adminsExempt: z.boolean(),
    approvers: z.object({ roles: z.array(z.enum(memberRoles)), memberIds: z.array(z.string()) }),
    active: z.boolean(),
    sortOrder: z.number().int(),
    /** In the caller's language: what the rule does ("Gulfstream: at most 5 days"). */
    summary: z.string(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'BookingRule', description: 'A booking rule: what it checks, where it applies and what happens when it trips.' });
export type RuleDto = z.infer<typeof ruleDto>;
export const rulePage = pageOf(ruleDto);
export type RulePage = z.infer<typeof rulePage>;

export const ruleResultDto = z
  .object({
    ruleId: z.string(),
    ruleName: z.string(),
    kind: z.enum(ruleKinds),
    outcome: z.enum(ruleOutcomes),
    applies: z.boolean(),
    passed: z.boolean(),
    exempt: z.boolean(),
    /** Why, in the caller's language (Accept-Language: en or es). */
    reason: z.string(),
    reasons: localized,
  })
  .meta({ id: 'RuleResult', description: 'One rule evaluated against a request: whether it applies, passed, and why.' });
export type RuleResultDto = z.infer<typeof ruleResultDto>;

export const checkResultDto = z
  .object({
    verdict: z.enum(['allow', 'approval', 'deny']),
    /** The time itself: free, or why not (taken, outside hours…); rules are judged either way. */
    available: z.boolean(),
    unavailableReason: z.string().nullable(),
    /** Who may book: why this booker may not book here at all (members only, tiers), or null. */
    accessReason: z.string().nullable(),
    results: z.array(ruleResultDto),
  })
  .meta({ id: 'BookingCheck', description: 'A dry run of a booking: every rule evaluated, with pass/fail and reason.' });
export type CheckResultDto = z.infer<typeof checkResultDto>;

export const rulePreviewDto = z
  .object({
    ruleId: z.string(),
    from: z.string(),
    to: z.string(),
    /** Bookings made in the window (not cancelled or rejected). */
    evaluated: z.number().int(),
    /** Of those, how many the rule would have tripped, with up to 20 examples. */
    affected: z.number().int(),
    examples: z.array(z.object({ bookingId: z.string(), start: z.string(), customerName: z.string(), reason: z.string() })),
  })
  .meta({ id: 'BookingRulePreview', description: "How many of the window's bookings a rule would have affected." });
export type RulePreviewDto = z.infer<typeof rulePreviewDto>;

export const approvalDto = z
  .object({
    id: z.string(),
    bookingId: z.string(),
    ruleId: z.string().nullable(),
    ruleName: z.string(),
    reason: z.string(),
    status: z.enum(approvalStatuses),
    comment: z.string().nullable(),
    decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    decidedAt: isoInstant.nullable(),
    expiresAt: isoInstant,
    createdAt: isoInstant,
    /** Whether the caller may decide it (by role or by name). */
    canDecide: z.boolean(),
    /** Who may decide it: members holding these roles, and these members by name. */
    approvers: z.object({ roles: z.array(z.enum(memberRoles)), members: z.array(z.object({ id: z.string(), name: z.string() })) }),
    booking: z.object({
      id: z.string(),
      status: z.string(),
      start: z.string(),
      end: z.string(),
      serviceName: z.string(),
      resourceName: z.string(),
      customerName: z.string(),
      customerEmail: z.string(),
    }),
  })
  .meta({ id: 'BookingApproval', description: 'One approval a pending request waits for: the rule, why, and its decision.' });
export type ApprovalDto = z.infer<typeof approvalDto>;
export const approvalPage = pageOf(approvalDto);
export type ApprovalPage = z.infer<typeof approvalPage>;

export const bookingAccessDto = z
  .object({
    bookingAccess: z.enum(bookingAccessModes),
    bookingTierIds: z.array(z.string()),
    approvalExpiryHours: z.number().int(),
    waitlistHoldMinutes: z.number().int(),
  })
  .meta({ id: 'BookingAccess', description: 'Who may book on the organization, and how long a request may wait for approval.' });
export type BookingAccessDto = z.infer<typeof bookingAccessDto>;
