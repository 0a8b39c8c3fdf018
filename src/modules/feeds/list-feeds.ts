import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { calendarFeeds } from '@/db/schema';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, can, type Ctx, tenantTx } from '@/modules/kernel';
import { presentFeed, selectFeeds } from './present';
import type { FeedDto, listFeedsQuery } from './schemas';

/**
 * Feeds that work, newest first, never with their URLs (only hashes are kept). Owners and
 * admins see every feed of the organization; anyone else their own member feeds.
 */
export async function listCalendarFeeds(ctx: Ctx, q: z.output<typeof listFeedsQuery>): Promise<Page<FeedDto>> {
  authorize(ctx, 'org:read');
  const userId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
  const everyone = ctx.actor.type === 'system' || can(ctx.actor.role, 'feeds:manage');
  const where = and(
    eq(calendarFeeds.organizationId, ctx.tenant.id),
    isNull(calendarFeeds.revokedAt),
    everyone ? undefined : and(eq(calendarFeeds.kind, 'member'), eq(calendarFeeds.userId, userId ?? '')),
    q.kind ? eq(calendarFeeds.kind, q.kind) : undefined,
    q.resourceId ? eq(calendarFeeds.resourceId, q.resourceId) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await selectFeeds(tx).where(where).orderBy(desc(calendarFeeds.createdAt), desc(calendarFeeds.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(calendarFeeds).where(where);
    return toPage(
      rows.map((r) => presentFeed(r, userId)),
      total?.n ?? 0,
      q,
    );
  });
}
