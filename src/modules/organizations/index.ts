/**
 * organizations — tenancy: organizations (the tenants) with profile, locale and settings;
 * members with roles (owner, admin, manager, staff, member, viewer); invitations by email.
 * Invariants: slug unique; one membership per (organization, user); one pending invitation
 * per (organization, email); every organization keeps an owner (deferred trigger).
 * Policy: an organization may require TOTP of its owners and admins (two-factor-policy.ts);
 * resolveTenant keeps those without it out (403 two_factor_required) until they enrol.
 * Tables owned: organizations, members, invitations. Events (outbox): email.invitation.
 */
export { acceptInvitation } from './accept-invitation';
export { changeMemberRole } from './change-member-role';
export { createOrganization } from './create-organization';
export { areasInUse, dashboardAreas, type DashboardAreas } from './dashboard-areas';
export { getOrganization } from './get-organization';
export { listDemoAccounts } from './list-demo-accounts';
export { getPublicProfile, listDemoOrganizations } from './get-public-profile';
export { createOrganizationCache, type OrganizationCache, ORGANIZATIONS_CHANNEL } from './organization-cache';
export type { InvitationDto, MemberDto, MembershipDto, MyOrganization, OrganizationDto, PublicProfile } from './schemas';
export { inviteMember } from './invite-member';
export { listInvitations } from './list-invitations';
export { listMembers } from './list-members';
export { listMyOrganizations } from './list-my-organizations';
export { removeMember } from './remove-member';
export { findOrganizationSettings, findTenantBySlug } from './queries';
export { resolveTenant, type ResolveTenantOptions } from './resolve-tenant';
export { revokeInvitation } from './revoke-invitation';
export { databaseTimeZone } from './time-zones';
export * as organizationSchemas from './schemas';
export { updateOrganization } from './update-organization';
export { type TwoFactorStanding } from './two-factor-policy';
