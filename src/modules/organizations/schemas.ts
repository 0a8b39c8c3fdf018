/** Inputs of the organizations module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { bookingAccessModes, invitationStatuses, memberRoles } from '@/db/enums';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { emailAddress, freeText, phoneNumber, plainText, searchText } from '@/lib/text';
import { canonicalTimeZone, MAX_TIME_ZONE_LENGTH } from '@/lib/time';

// Top-level paths of the web app: an organization's public site lives at /<slug>.
const reservedSlugs = new Set(['api', 'dashboard', 'sign-in', 'sign-up', 'sign-out', 'forgot-password', 'reset-password', 'verify-email', 'invitations', 'account', 'admin', 'settings', 'static', 'public', 'help', 'docs']);

const currencies = new Set(Intl.supportedValuesOf('currency'));

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'must be at least 2 characters')
  .max(63, 'must be at most 63 characters')
  .regex(/^[a-z0-9](-?[a-z0-9])*$/, 'use lowercase letters, digits and single hyphens')
  .refine((s) => !reservedSlugs.has(s), 'is reserved; choose another');

/** An IANA zone in its canonical spelling (`america/new_york` → `America/New_York`). Use cases
 * also check it against the database's list (databaseTimeZone) before storing it. */
export const timezoneSchema = z
  .string()
  .trim()
  .max(MAX_TIME_ZONE_LENGTH)
  .transform((zone, ctx) => {
    const name = canonicalTimeZone(zone);
    if (name) return name;
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as America/Chicago' });
    return z.NEVER;
  });

export const currencySchema = z
  .string()
  .trim()
  .max(3, 'must be an ISO 4217 currency code such as USD')
  .toUpperCase()
  .refine((c) => /^[A-Z]{3}$/.test(c) && currencies.has(c), 'must be an ISO 4217 currency code such as USD');

export const localeSchema = z
  .string()
  .trim()
  .max(5, 'must be a locale such as en or es-PA')
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a locale such as en or es-PA');

const text = plainText;

export const contactSchema = z
  .object({
    email: emailAddress().optional(),
    phone: phoneNumber().optional(),
    website: z.url({ protocol: /^https?$/, message: 'must be a web address starting with https:// or http://' }).max(300, 'must be at most 300 characters').optional(),
    address: z
      .object({
        line1: text(200).optional(),
        line2: text(200).optional(),
        city: text(100).optional(),
        region: text(100).optional(),
        postalCode: text(20).optional(),
        country: text(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const settingsSchema = z
  .object({
    requireTwoFactorForAdmins: z.boolean().optional(),
    highlights: z.array(text(120).min(1)).max(20).optional(),
    /** Bookings may be started this long before their start (modules/bookings/state-machine.ts). */
    startLeadMinutes: z.number().int().min(0).max(1440).optional(),
    /** A guest's reschedule keeps a confirmed booking confirmed (default: back to pending). */
    keepGuestReschedulesConfirmed: z.boolean().optional(),
    /** Customers have vehicles on file (a detailer, a garage); off: the section is not shown. */
    customerVehicles: z.boolean().optional(),
    /** Public forms must send a solved proof-of-work challenge (default off). */
    publicFormChallenge: z.boolean().optional(),
    /** Staff sessions idle this long are signed out; null: never. */
    staffIdleTimeoutMinutes: z.number().int('must be a whole number of minutes').min(5, 'must be at least 5 minutes').max(1440, 'must be at most 1440 minutes (a day)').nullable().optional(),
    /** The dashboard's optional areas; an area left out is shown when the organization uses it. */
    areas: z
      .object({ shop: z.boolean().optional(), events: z.boolean().optional(), parties: z.boolean().optional(), loyalty: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();

export const createOrganizationInput = z
  .object({
    name: text(120).min(2, 'must be at least 2 characters'),
    slug: slugSchema,
    description: freeText(2000).default(''),
    industry: text(80).optional(),
    timezone: timezoneSchema,
    currency: currencySchema,
    locale: localeSchema.default('en'),
    contact: contactSchema.default({}),
  })
  .strict();
export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

export const updateOrganizationInput = z
  .object({
    name: text(120).min(2, 'must be at least 2 characters').optional(),
    description: freeText(2000).optional(),
    industry: text(80).nullable().optional(),
    timezone: timezoneSchema.optional(),
    currency: currencySchema.optional(),
    locale: localeSchema.optional(),
    contact: contactSchema.optional(),
    settings: settingsSchema.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one field to change');
export type UpdateOrganizationInput = z.input<typeof updateOrganizationInput>;

export const roleSchema = z.enum(memberRoles, { message: `must be one of ${memberRoles.join(', ')}` });

export const changeMemberRoleInput = z.object({ role: roleSchema }).strict();

export const inviteMemberInput = z
  .object({
    email: emailAddress(),
    role: roleSchema.exclude(['owner'], { message: 'invite as admin, manager, staff, member or viewer' }),
  })
  .strict();
export type InviteMemberInput = z.input<typeof inviteMemberInput>;

export const acceptInvitationInput = z.object({ token: z.string().min(20).max(200) }).strict();

/** Path parameters of every route under /orgs/{slug} (the tenant middleware resolves it). */
export const slugParams = z.object({ slug: z.string().max(100, 'is not an organization') });

export const idParam = (prefix: string) =>
  z.string().max(64).regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${prefix}_… id`);

export const listMembersQuery = paginationQuery.extend({
  role: roleSchema.optional(),
  q: searchText(100).optional(),
});

export const listInvitationsQuery = paginationQuery.extend({
  status: z.enum(invitationStatuses, { message: `must be one of ${invitationStatuses.join(', ')}` }).optional(),
});

export const memberParams = slugParams.extend({ memberId: idParam('mem') });
export const invitationParams = slugParams.extend({ invitationId: idParam('inv') });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────
// What the use cases return and the routes declare: plain JSON (ISO instants, no rows).

const contactDto = z
  .object({
    email: z.string().optional(),
    phone: z.string().optional(),
    website: z.string().optional(),
    address: z
      .object({
        line1: z.string().optional(),
        line2: z.string().optional(),
        city: z.string().optional(),
        region: z.string().optional(),
        postalCode: z.string().optional(),
        country: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'OrganizationContact' });

export const organizationDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    industry: z.string().nullable(),
    timezone: z.string(),
    currency: z.string(),
    locale: z.string(),
    contact: contactDto,
    settings: z.object({
      requireTwoFactorForAdmins: z.boolean().optional(),
      highlights: z.array(z.string()).optional(),
      startLeadMinutes: z.number().int().optional(),
      keepGuestReschedulesConfirmed: z.boolean().optional(),
      customerVehicles: z.boolean().optional(),
      publicFormChallenge: z.boolean().optional(),
      staffIdleTimeoutMinutes: z.number().int().nullable().optional(),
      /** The dashboard's optional areas the owner chose; one not chosen is shown when in use. */
      areas: z.object({ shop: z.boolean().optional(), events: z.boolean().optional(), parties: z.boolean().optional(), loyalty: z.boolean().optional() }).optional(),
    }),
    isDemo: z.boolean(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
  })
  .meta({ id: 'Organization', description: 'An organization as its members see it, settings included.' });
export type OrganizationDto = z.infer<typeof organizationDto>;

export const organizationWithRoleDto = z.object({ organization: organizationDto, role: roleSchema.nullable() });

/** Anyone may read it: the business's own public facts, nobody else's data. */
export const publicProfileDto = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    industry: z.string().nullable(),
    timezone: z.string(),
    currency: z.string(),
    locale: z.string(),
    contact: contactDto,
    highlights: z.array(z.string()),
    /** Who may book: 'anyone' (guests too), or signed-in 'members' / members of some 'tiers' only. */
    bookingAccess: z.enum(bookingAccessModes),
    /** Public forms send a solved proof-of-work challenge (GET /public/orgs/{slug}/challenge, header `X-Altcha`). */
    publicFormChallenge: z.boolean(),
  })
  .meta({ id: 'PublicProfile' });
export type PublicProfile = z.infer<typeof publicProfileDto>;

export const myOrganizationDto = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  currency: z.string(),
  locale: z.string(),
  role: roleSchema,
});
export type MyOrganization = z.infer<typeof myOrganizationDto>;

export const memberDto = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    twoFactorEnabled: z.boolean(),
    joinedAt: isoInstant,
    /** The member's tier (modules/tiers), or null. */
    tier: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'Member' });
export type MemberDto = z.infer<typeof memberDto>;
export const memberPage = pageOf(memberDto);

/** A membership after a role change. */
export const membershipDto = z.object({ id: z.string(), userId: z.string(), role: roleSchema, updatedAt: isoInstant }).meta({ id: 'Membership' });
export type MembershipDto = z.infer<typeof membershipDto>;

export const invitationDto = z
  .object({
    id: z.string(),
    email: z.string(),
    role: roleSchema,
    status: z.enum(invitationStatuses),
    expired: z.boolean(),
    expiresAt: isoInstant,
    acceptedAt: isoInstant.nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'Invitation' });
export type InvitationDto = z.infer<typeof invitationDto>;
export const invitationPage = pageOf(invitationDto);

/** The new invitation with its link: the only time the token is shown. */
export const createdInvitationDto = invitationDto.extend({ acceptUrl: z.string() }).meta({ id: 'CreatedInvitation' });

export const acceptedInvitationDto = z.object({
  organization: z.object({ slug: z.string(), name: z.string() }),
  role: roleSchema,
  memberId: z.string(),
});

export const meDto = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  organizations: z.array(myOrganizationDto),
});
