/**
 * tiers — member tiers of an organization (e.g. Platinum, Gold, Silver), ordered by rank
 * (lower = higher priority) so booking rules and waitlist priority can target and compare them.
 * Invariants: names unique per organization ignoring case; ranks unique per organization
 * (1…1000; a rank held by another tier swaps the two); each member holds at most one tier of
 * their own organization (members.tier_id, composite foreign key); a tier members hold cannot
 * be deleted (409 with the count). Owners and admins manage tiers (tiers:manage) and assign
 * them (members:manage); anyone with members:read lists them. Every mutation is audited.
 * Tables owned: member_tiers (tenant table, RLS); writes members.tier_id.
 */
export { assignMemberTier } from './assign-member-tier';
export { createTier } from './create-tier';
export { deleteTier } from './delete-tier';
export { listTiers } from './list-tiers';
export * as tierSchemas from './schemas';
export type { MemberTierDto, TierDto, TierPage } from './schemas';
export { updateTier } from './update-tier';
