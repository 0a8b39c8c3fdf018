/**
 * Layouts and pages of one request both need the session and the member ctx; React's
 * request-scoped cache makes that one session lookup and one tenant resolution per request.
 */
import 'server-only';
import { cache } from 'react';
import { anonymousCtx, currentUser, enrolmentMemberCtx, strictMember } from './page-context';

export const cachedCurrentUser = cache(currentUser);
export const cachedEnrolmentMemberCtx = cache(enrolmentMemberCtx);
/** Every dashboard page but the account page: one tenant resolution shared with the shell. */
export const cachedMemberCtx = cache(async (slug: string) => strictMember(slug, await cachedEnrolmentMemberCtx(slug)));
export const cachedAnonymousCtx = cache(anonymousCtx);
