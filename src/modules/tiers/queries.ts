/** Shared reads and the conflict mapping of the tiers module. */
import { and, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members, memberTiers, organizations } from '@/db/schema';
import { conflict, sqlState } from '@/lib/errors';

export type TierRow = typeof memberTiers.$inferSelect;

/**
 * Serialises tier changes of one organization (ranks are renumbered and swapped, names checked
 * before the write): the unique indexes stay the backstop, this keeps the answers clear.
 */
export async function lockTiers(tx: Tx, organizationId: string): Promise<void> {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('no key update');
}

export async function memberCount(tx: Tx, organizationId: string, tierId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.tierId, tierId)));
  return row?.n ?? 0;
}

/** The tier of this organization with this name, ignoring case (another than `exceptId`). */
export async function tierNamed(tx: Tx, organizationId: string, name: string, exceptId?: string): Promise<TierRow | undefined> {
  const rows = await tx
    .select()
    .from(memberTiers)
    .where(and(eq(memberTiers.organizationId, organizationId), sql`lower(${memberTiers.name}) = lower(${name})`));
  return rows.find((r) => r.id !== exceptId);
}

export function nameTaken(name: string) {
  return conflict(`Another tier is already named "${name}" (names are unique, ignoring case).`, { field: 'name' });
}

/** The name index raced past the check (two creates at once): the same 409 as the check. */
export function translateTierConflict(err: unknown, name: string | undefined): never {
  if (sqlState(err) === '23505') {
    if (constraintOf(err) === 'member_tiers_organization_rank_uq') throw conflict('Another tier took that rank at the same time; try again.', { field: 'rank' });
    throw nameTaken(name ?? '');
  }
  throw err;
}

function constraintOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
  }
  return undefined;
}
