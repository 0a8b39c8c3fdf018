/**
 * "Require two-factor for owners and admins" (organization setting requireTwoFactorForAdmins).
 * Owners and admins of such an organization who have no TOTP are kept out of everything the
 * organization holds until they enrol; enrolment itself is account-level (Better Auth's
 * /api/auth/two-factor/*), outside any organization, so it stays open to them.
 */
import type { MemberRole, OrganizationSettings } from '@/db/schema';
import { forbidden } from '@/lib/errors';

const TWO_FACTOR_REQUIRED = 'two_factor_required';

const twoFactorPolicyRoles: readonly MemberRole[] = ['owner', 'admin'];

/** The caller's standing under the policy: not concerned, enrolled, or to be sent to enrol. */
export type TwoFactorStanding = 'not_required' | 'enrolled' | 'enrolment_required';

export function twoFactorStanding(settings: OrganizationSettings | null | undefined, role: MemberRole, totpEnabled: boolean): TwoFactorStanding {
  if (!settings?.requireTwoFactorForAdmins || !twoFactorPolicyRoles.includes(role)) return 'not_required';
  return totpEnabled ? 'enrolled' : 'enrolment_required';
}

export const twoFactorRequired = () =>
  forbidden(
    'This organization requires two-factor authentication for owners and admins. Turn on two-factor authentication in your account, then try again.',
    { reason: TWO_FACTOR_REQUIRED },
  );
