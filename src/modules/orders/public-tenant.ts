/** Public shop calls name the organization by slug; an unknown slug is a 404. */
import { notFound } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';

export async function shopCtx(ctx: Ctx, slug: string): Promise<Ctx & { tenant: NonNullable<Ctx['tenant']> }> {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  return { ...ctx, tenant };
}

export const actorUserId = (ctx: Ctx) => (ctx.actor.type === 'user' ? ctx.actor.userId : null);
export const actorEmail = (ctx: Ctx) => (ctx.actor.type === 'user' ? ctx.actor.email : null);
