/**
 * identity — who is calling. Better Auth owns users, sessions, accounts, verifications and
 * TOTP secrets (tables in db/schema/auth.ts). Invariant: one user per (lower-cased) email.
 * Also owns account_audit_log (db/schema/identity.ts): one row per account-changing call and
 * per failed sign-in, written from Better Auth's hooks (account-audit.ts). Events: none yet.
 */
export { CLIENT_IP_HEADER, createAuth, findAuth, forgetCachedSessions, getSessionUser, setAuth, type Auth, type SessionUser } from './auth';
export { listSecurityEvents } from './list-security-events';
export * as identitySchemas from './schemas';
export type { SecurityEventDto } from './schemas';
export { KNOWN_ADDRESS_DAYS, recentSignInAddresses } from './recent-sign-in-addresses';
export { ACTIVITY_WRITE_INTERVAL_MS, checkSessionActivity, IDLE_TIMEOUT_ROLES, type IdleSession, sessionIdleError } from './session-idle';
