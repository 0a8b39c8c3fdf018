import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { calendarFeeds, resources } from '@/db/schema';
import { forbidden, notFound } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { feedUrls, issueFeedToken } from './feed-token';
import { presentFeed, selectFeeds } from './present';
import type { CreatedFeedDto, createFeedInput } from './schemas';

/**
 * A new secret feed URL, answered once (only its hash is kept). A resource's feed needs
 * feeds:manage (owners, admins); a member feed is always the caller's own bookings.
 */
export async function createCalendarFeed(ctx: Ctx, input: z.output<typeof createFeedInput>): Promise<CreatedFeedDto> {
  authorize(ctx, input.kind === 'resource' ? 'feeds:manage' : 'org:read');
  const actor = ctx.actor;
  if (input.kind === 'member' && actor.type !== 'user') throw forbidden('Only a member has a feed of their own bookings.');
  const userId = actor.type === 'user' ? actor.userId : null;
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    if (input.kind === 'resource') {
      const [resource] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.organizationId, orgId), eq(resources.id, input.resourceId)));
      if (!resource) throw notFound('Resource');
    }
    const { token, hash } = issueFeedToken();
    const id = newId('calendarFeed');
    const subject = input.kind === 'resource' ? { resourceId: input.resourceId, userId: null } : { resourceId: null, userId };
    await tx.insert(calendarFeeds).values({ id, organizationId: orgId, kind: input.kind, ...subject, tokenHash: hash, createdByUserId: userId, createdAt: ctx.now });
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'calendar_feed.created',
      entity: 'calendar_feed',
      entityId: id,
      changes: { after: { kind: input.kind, ...subject } },
    });
    const [row] = await selectFeeds(tx).where(and(eq(calendarFeeds.organizationId, orgId), eq(calendarFeeds.id, id)));
    return { ...presentFeed(row!, userId), ...feedUrls(token) };
  });
}
