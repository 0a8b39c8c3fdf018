/**
 * identity — who is calling. Better Auth owns users, sessions, accounts, verifications and
 * TOTP secrets (tables in db/schema/auth.ts). Invariant: one user per (lower-cased) email.
 * Events: none yet.
 */
export { CLIENT_IP_HEADER, createAuth, findAuth, getSessionUser, setAuth, type Auth, type SessionUser } from './auth';
