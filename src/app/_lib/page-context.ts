/**
 * Server components read through module functions with a ctx built here: the shared
 * database (see db/client.ts) and the session from the request's cookies.
 */
import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDatabase } from '@/db/client';
import { isAppError } from '@/lib/errors';
import { findAuth, getSessionUser, type SessionUser } from '@/modules/identity';
import { type Ctx, noRequest } from '@/modules/kernel';
import { resolveTenant, type TwoFactorStanding } from '@/modules/organizations';

export async function anonymousCtx(): Promise<Ctx> {
  const { db } = await getDatabase();
  return { db, tenant: null, actor: { type: 'anonymous' }, now: new Date(), request: noRequest };
}

/**
 * The session, read once per request (React's request cache): the staff idle timeout
 * (identity/session-idle.ts) ends an idle session on this read, so a second read in the same
 * request must not find it gone and forget why.
 */
const sessionOfRequest = cache(async (): Promise<{ user: SessionUser | null; idleMinutes: number | null }> => {
  const auth = findAuth();
  if (!auth) throw new Error('Auth is not initialised: run the app with `npm start` or `npm run dev`.');
  const { db } = await getDatabase();
  try {
    return { user: await getSessionUser(auth, await headers(), { db, now: new Date() }), idleMinutes: null };
  } catch (err) {
    const details = isAppError(err) ? (err.details as { reason?: string; minutes?: number } | undefined) : undefined;
    if (details?.reason === 'session_idle') return { user: null, idleMinutes: details.minutes ?? null };
    throw err;
  }
});

/** The signed-in user, or null (a session just ended for idleness counts as none). */
export async function currentUser(): Promise<SessionUser | null> {
  return (await sessionOfRequest()).user;
}

/** Sign-in, then back to `returnTo`; `idle`: the session was ended after that many idle minutes (the page says so). */
export const signInPath = (returnTo: string, idle?: number | null) => `/sign-in?next=${encodeURIComponent(returnTo)}${idle ? `&idle=${idle}` : ''}`;

/** A ctx for the signed-in user; sends anonymous visitors (and idle staff sessions) to sign in and come back. */
export async function userCtx(returnTo: string): Promise<Ctx & { actor: { type: 'user' } }> {
  const { user, idleMinutes } = await sessionOfRequest();
  if (!user) redirect(signInPath(returnTo, idleMinutes));
  const base = await anonymousCtx();
  return { ...base, actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role: null } };
}

/** Where an owner or admin kept out by the organization's two-factor policy goes to enrol. */
const twoFactorEnrolmentPath = (slug: string) => `/dashboard/${slug}/account?twoFactor=required`;

/**
 * The ctx of a member allowed in (see enrolmentMemberCtx): an owner or admin the
 * organization's two-factor policy keeps out is sent to the account page to enrol.
 */
export function strictMember(slug: string, member: { ctx: Ctx; twoFactor: TwoFactorStanding }): Ctx {
  if (member.twoFactor === 'enrolment_required') redirect(twoFactorEnrolmentPath(slug));
  return member.ctx;
}

/**
 * A ctx inside organization `slug` for its member, with their standing under the two-factor
 * policy; 404 for non-members, as the API does. Lets through an owner or admin who still has
 * to enrol: every page but the account page passes the result through strictMember.
 */
export async function enrolmentMemberCtx(slug: string): Promise<{ ctx: Ctx; twoFactor: TwoFactorStanding }> {
  const ctx = await userCtx(`/dashboard/${slug}`);
  try {
    const { tenant, actor, twoFactor } = await resolveTenant(ctx, slug, { allowTwoFactorEnrolment: true });
    return { ctx: { ...ctx, tenant, actor } as Ctx, twoFactor };
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
}
