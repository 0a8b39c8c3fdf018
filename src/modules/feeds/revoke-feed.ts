import { and, eq, isNull } from 'drizzle-orm';
import { calendarFeeds } from '@/db/schema';
import { forbidden, notFound } from '@/lib/errors';
import { authorize, can, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';

/**
 * Stops a feed: its URL answers 404 from now on. Owners and admins revoke any feed; a member
 * their own member feed (another member's is unknown to them: 404; a resource's needs
 * feeds:manage: 403). A feed already revoked is unknown.
 */
export async function revokeCalendarFeed(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'org:read');
  const orgId = ctx.tenant.id;
  const userId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  const manages = ctx.actor.type === 'system' || can(ctx.actor.role, 'feeds:manage');
  await tenantTx(ctx, async (tx) => {
    const where = and(eq(calendarFeeds.organizationId, orgId), eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt));
    const [feed] = await tx.select().from(calendarFeeds).where(where).for('update');
    if (!feed) throw notFound('Calendar feed');
    if (!manages) {
      if (feed.kind === 'resource') throw forbidden('Only owners and admins revoke a resource’s feed.', { permission: 'feeds:manage' });
      if (feed.userId !== userId) throw notFound('Calendar feed');
    }
    await tx.update(calendarFeeds).set({ revokedAt: ctx.now }).where(where);
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'calendar_feed.revoked',
      entity: 'calendar_feed',
      entityId: id,
      changes: { before: { kind: feed.kind, resourceId: feed.resourceId, userId: feed.userId } },
    });
  });
}
