/**
 * The proof-of-work challenge on public forms (decision 0019): when an organization turns on
 * `settings.publicFormChallenge`, its public mutations — a guest booking, a shop checkout (event
 * tickets included), a review through a booking's manage link or an order's status link — must
 * carry a solved ALTCHA challenge. A slow-down for scripted spam, not a block for people: the
 * browser solves it while the visitor fills the form.
 *
 * - `GET /api/v1/public/orgs/{slug}/challenge` issues one (altcha-lib's `createChallenge`,
 *   SHA-256): signed with a key derived from the auth secret for this purpose only (not the
 *   sign-in challenge's), bound to the organization (`parameters.data.sub`) and expiring
 *   PUBLIC_CHALLENGE_TTL_SECONDS after it is issued (`parameters.expiresAt`, signed with the
 *   rest; altcha-lib's `verifySolution` reads it against the wall clock).
 * - The client sends the payload in the header `X-Altcha: base64(JSON({ challenge, solution }))`
 *   (ALTCHA's payload, the same wire format as the sign-in challenge's header).
 * - A route declares `'x-challenge'` (src/api/openapi.ts): `slug` (the path's organization) or
 *   `manageToken` (the organization of the booking a manage link opens). Missing: 403 with
 *   `details.reason: 'challenge_required'`; wrong, expired, another organization's or already
 *   used: 403 `challenge_invalid` (`details.why` says which). Checked before the route's own
 *   rate limit and before the body is read.
 * - Replay: a solved challenge is accepted once. Its signature is recorded in the rate-limit
 *   store (Redis, PostgreSQL or memory, whichever the limits use, see rate-limit.ts
 *   `acceptOnce`) for as long as challenges are valid, so a second use fails on any instance.
 */
import { createHmac } from 'node:crypto';
import { type Challenge, createChallenge, randomInt } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Context, MiddlewareHandler } from 'hono';
import { acceptOnce } from '@/api/middleware/rate-limit';
import { CHALLENGE_TTL_SECONDS, type ChallengeKeys, checkChallenge } from '@/api/middleware/sign-in-challenge';
import type { ApiEnv } from '@/api/types';
import { forbidden, isAppError } from '@/lib/errors';
import { resolveManageToken } from '@/modules/bookings';
import { findOrganizationSettings } from '@/modules/organizations';

/** The header the solved payload comes in. */
export const PUBLIC_CHALLENGE_HEADER = 'x-altcha';
/** A challenge is valid this long after it is issued (the same as the sign-in challenge). */
export const PUBLIC_CHALLENGE_TTL_SECONDS = CHALLENGE_TTL_SECONDS;
/**
 * The counter is drawn below this: a browser hashes `work / 2` times on average (a fraction of a
 * second with Web Crypto), a server checks with one HMAC.
 */
export const PUBLIC_CHALLENGE_WORK = 20_000;

/** Where a route's organization comes from. */
export type ChallengeScope = 'slug' | 'manageToken';

/** Two keys derived from the auth secret for public forms only: one signs challenges, one the expected answer. */
export function publicChallengeKeys(secret: string): ChallengeKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`bookline public-form challenge: ${purpose}`).digest('base64url');
  return { signature: derive('signature'), key: derive('key') };
}

const subjectOf = (organizationId: string) => `org:${organizationId}`;

/** A new challenge for an organization's public forms, valid PUBLIC_CHALLENGE_TTL_SECONDS from `issuedAt`. */
export async function issuePublicChallenge(keys: ChallengeKeys, organizationId: string, issuedAt: Date = new Date(), work = PUBLIC_CHALLENGE_WORK): Promise<Challenge> {
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: randomInt(Math.max(1, work)),
    deriveKey,
    data: { sub: subjectOf(organizationId) },
    expiresAt: new Date(issuedAt.getTime() + PUBLIC_CHALLENGE_TTL_SECONDS * 1000),
    hmacSignatureSecret: keys.signature,
    hmacKeySignatureSecret: keys.key,
  });
}

/** The organization a route acts for, and its settings; null when the route will answer 404/410 itself. */
async function organizationOf(c: Context<ApiEnv>, scope: ChallengeScope) {
  const db = c.get('ctx').db;
  if (scope === 'slug') return findOrganizationSettings(db, { slug: c.req.param('slug') ?? '' });
  try {
    const { tenant } = await resolveManageToken(c.get('ctx'), c.req.param('token') ?? '');
    return findOrganizationSettings(db, { id: tenant.id });
  } catch (err) {
    if (isAppError(err)) return null; // unknown or expired link: the route says so
    throw err;
  }
}

const MESSAGES = {
  challenge_required: 'This form needs a solved verification challenge (proof of work): fetch one from /public/orgs/{slug}/challenge, solve it and send it in the X-Altcha header.',
  challenge_invalid: 'The verification challenge was not accepted (wrong, expired, for another organization, or already used). Solve a new one and send the form again.',
} as const;

/** The guard a route declares with `'x-challenge'`. */
export function requirePublicChallenge(scope: ChallengeScope): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const keys = c.get('publicChallengeKeys');
    if (!keys) return next();
    const org = await organizationOf(c, scope);
    if (!org?.settings.publicFormChallenge) return next();
    const check = await checkChallenge(keys, subjectOf(org.id), c.req.header(PUBLIC_CHALLENGE_HEADER));
    if (!check.ok) {
      const reason = check.reason === 'missing' ? 'challenge_required' : 'challenge_invalid';
      const why = check.reason === 'other_account' ? 'other_organization' : check.reason;
      c.get('log').info({ challenge: why }, 'public-form challenge refused');
      throw forbidden(MESSAGES[reason], reason === 'challenge_required' ? { reason } : { reason, why });
    }
    const limits = c.get('rateLimits');
    if (limits && !(await acceptOnce(limits, 'publicChallengeUsed', check.id))) {
      c.get('log').info({ challenge: 'reused' }, 'public-form challenge refused');
      throw forbidden(MESSAGES.challenge_invalid, { reason: 'challenge_invalid', why: 'reused' });
    }
    await next();
  };
}
