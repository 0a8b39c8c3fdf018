import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import { calendarFeeds, resources, users } from '@/db/schema';
import type { FeedDto } from './schemas';

const subject = alias(users, 'feed_subject');
const creator = alias(users, 'feed_creator');

/** Feeds with the names they show (resource, member, creator), for presenting. */
export function selectFeeds(tx: Tx) {
  return tx
    .select({ feed: calendarFeeds, resourceName: resources.name, memberName: subject.name, creatorName: creator.name })
    .from(calendarFeeds)
    .leftJoin(resources, and(eq(resources.organizationId, calendarFeeds.organizationId), eq(resources.id, calendarFeeds.resourceId)))
    .leftJoin(subject, eq(subject.id, calendarFeeds.userId))
    .leftJoin(creator, eq(creator.id, calendarFeeds.createdByUserId))
    .$dynamic();
}

export type FeedRow = Awaited<ReturnType<ReturnType<typeof selectFeeds>['execute']>>[number];

export function presentFeed(row: FeedRow, viewerUserId: string | null): FeedDto {
  const { feed } = row;
  return {
    id: feed.id,
    kind: feed.kind,
    resource: feed.resourceId ? { id: feed.resourceId, name: row.resourceName ?? '' } : null,
    member: feed.userId ? { userId: feed.userId, name: row.memberName ?? '' } : null,
    createdBy: feed.createdByUserId ? { userId: feed.createdByUserId, name: row.creatorName ?? '' } : null,
    createdAt: feed.createdAt.toISOString(),
    mine: feed.kind === 'member' && feed.userId !== null && feed.userId === viewerUserId,
  };
}
