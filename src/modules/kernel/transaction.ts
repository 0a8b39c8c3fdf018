/** One transaction per use case, under row-level security for the context's tenant and user. */
import type { Tx } from '@/db/client';
import { enterScope, withTenant } from '@/db/tenant';
import type { Ctx } from './context';

export function tenantTx<T>(
  ctx: Ctx,
  fn: (tx: Tx) => Promise<T>,
  organizationId = ctx.tenant?.id ?? null,
  options: { advisoryLock?: string } = {},
): Promise<T> {
  const user = ctx.actor.type === 'user' ? ctx.actor : null;
  return withTenant(ctx.db, { organizationId, userId: user?.userId, userEmail: user?.email, advisoryLock: options.advisoryLock }, fn);
}

/** Re-scopes an open transaction to another organization (e.g. once an invitation names it). */
export async function enterTenantScope(tx: Tx, ctx: Ctx, organizationId: string): Promise<void> {
  const user = ctx.actor.type === 'user' ? ctx.actor : null;
  await enterScope(tx, { organizationId, userId: user?.userId, userEmail: user?.email });
}
