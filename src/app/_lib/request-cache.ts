/**
 * Layouts and pages of one request both need the session and the member ctx; React's
 * request-scoped cache makes that one session lookup and one tenant resolution per request.
 */
import 'server-only';
import { cache } from 'react';
import { anonymousCtx, currentUser, enrolmentMemberCtx, memberCtx } from './page-context';

export const cachedCurrentUser = cache(currentUser);
export const cachedMemberCtx = cache(memberCtx);
export const cachedEnrolmentMemberCtx = cache(enrolmentMemberCtx);
export const cachedAnonymousCtx = cache(anonymousCtx);
