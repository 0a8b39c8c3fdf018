/**
 * Size limits for organizations nobody has verified: until an owner has confirmed their email
 * (Better Auth's `user.emailVerified`), an organization holds at most UNVERIFIED_ORG_MAX_RESOURCES
 * resources and UNVERIFIED_ORG_MAX_SERVICES services. Anyone can sign up, so without this one
 * anonymous account could build a catalog large enough to make its public pages expensive for
 * the whole installation. Counted under an advisory lock per organization and kind, so parallel
 * creations cannot overshoot.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { members, resources, services, users } from '@/db/schema';
import { env } from '@/lib/env';
import { ruleViolation } from '@/lib/errors';

export type CatalogKind = 'resources' | 'services';

/** Whether one of the organization's owners has a verified email (read outside row-level security: the app role cannot see that column). */
export async function ownerVerified(db: Db, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ verified: sql<boolean>`bool_or(${users.emailVerified})` })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, organizationId), eq(members.role, 'owner')));
  return row?.verified === true;
}

export function unverifiedLimit(kind: CatalogKind): number {
  const e = env();
  return kind === 'resources' ? e.UNVERIFIED_ORG_MAX_RESOURCES : e.UNVERIFIED_ORG_MAX_SERVICES;
}

/** The advisory-lock key under which one organization's `kind` is counted. */
export const catalogLimitLock = (organizationId: string, kind: CatalogKind) => `catalog-limit:${kind}:${organizationId}`;

/** 422 when an unverified organization already holds its limit of `kind` (call under catalogLimitLock). */
export async function assertRoomFor(tx: Tx, organizationId: string, kind: CatalogKind): Promise<void> {
  const table = kind === 'resources' ? resources : services;
  const limit = unverifiedLimit(kind);
  const [row] = await tx.select({ n: count() }).from(table).where(eq(table.organizationId, organizationId));
  if ((row?.n ?? 0) < limit) return;
  throw ruleViolation(`An organization can have at most ${limit} ${kind} until an owner verifies their email address.`, { rule: 'unverified_limit', kind, limit });
}
