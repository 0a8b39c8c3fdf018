/** Rows → the module's answers (schemas.ts): ISO instants, no columns the caller should not see. */
import type { invitations, members, organizations } from '@/db/schema';
import { iso } from '@/lib/dto';
import type { InvitationDto, MembershipDto, OrganizationDto, PublicProfile } from './schemas';

type OrganizationRow = typeof organizations.$inferSelect;

export function presentOrganization(row: OrganizationRow): OrganizationDto {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    industry: row.industry,
    timezone: row.timezone,
    currency: row.currency,
    locale: row.locale,
    contact: row.contact,
    settings: row.settings,
    isDemo: row.isDemo,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentPublicProfile(row: OrganizationRow): PublicProfile {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    industry: row.industry,
    timezone: row.timezone,
    currency: row.currency,
    locale: row.locale,
    // The business's own contact details are public by design; nobody else's are here.
    contact: row.contact,
    highlights: row.settings.highlights ?? [],
    bookingAccess: row.settings.bookingAccess ?? 'anyone',
    publicFormChallenge: row.settings.publicFormChallenge === true,
  };
}

export function presentInvitation(row: Omit<typeof invitations.$inferSelect, 'tokenHash' | 'organizationId' | 'invitedByUserId'>, now: Date): InvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: row.status,
    expired: row.status === 'pending' && row.expiresAt <= now,
    expiresAt: iso(row.expiresAt),
    acceptedAt: iso(row.acceptedAt),
    createdAt: iso(row.createdAt),
  };
}

export function presentMembership(row: typeof members.$inferSelect): MembershipDto {
  return { id: row.id, userId: row.userId, role: row.role, updatedAt: iso(row.updatedAt) };
}
