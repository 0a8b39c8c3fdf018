/**
 * Every organization keeps an owner. The database enforces it (deferred trigger
 * members_keep_an_owner); this check runs first, under the organization row lock, so the
 * usual case gets a clear 409 instead of a failed commit.
 */
import { and, count, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members } from '@/db/schema';
import { conflict, sqlState } from '@/lib/errors';

export async function assertKeepsAnOwner(tx: Tx, organizationId: string, leavingMemberId: string): Promise<void> {
  const [others] = await tx
    .select({ n: count() })
    .from(members)
    .where(and(eq(members.organizationId, organizationId), eq(members.role, 'owner'), ne(members.id, leavingMemberId)));
  if (!others?.n) throw lastOwner();
}

const lastOwner = () =>
  conflict('An organization must keep at least one owner: make someone else owner first.', { rule: 'last_owner' });

/** Maps the trigger's violation (if the check above was raced past) to the same 409. */
export async function translateOwnerInvariant<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (sqlState(err) === '23514' && String((err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message).includes('owner')) {
      throw lastOwner();
    }
    throw err;
  }
}
