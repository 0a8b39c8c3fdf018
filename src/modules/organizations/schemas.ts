/** Inputs of the organizations module: one zod schema per input, shared by routes and use cases. */
import { z } from 'zod';
import { invitationStatuses, memberRoles } from '@/db/schema';
import { paginationQuery } from '@/lib/pagination';
import { emailAddress, freeText, phoneNumber, plainText, searchText } from '@/lib/text';
import { isValidTimeZone } from '@/lib/time';

// Top-level paths of the web app: an organization's public site lives at /<slug>.
const reservedSlugs = new Set(['api', 'dashboard', 'sign-in', 'sign-up', 'sign-out', 'invitations', 'account', 'admin', 'settings', 'static', 'public', 'help', 'docs']);

const currencies = new Set(Intl.supportedValuesOf('currency'));

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'must be at least 2 characters')
  .max(63, 'must be at most 63 characters')
  .regex(/^[a-z0-9](-?[a-z0-9])*$/, 'use lowercase letters, digits and single hyphens')
  .refine((s) => !reservedSlugs.has(s), 'is reserved; choose another');

export const timezoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone such as America/Chicago');

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

export const idParam = (prefix: string) =>
  z.string().max(64).regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${prefix}_… id`);

export const listMembersQuery = paginationQuery.extend({
  role: roleSchema.optional(),
  q: searchText(100).optional(),
});

export const listInvitationsQuery = paginationQuery.extend({
  status: z.enum(invitationStatuses, { message: `must be one of ${invitationStatuses.join(', ')}` }).optional(),
});
