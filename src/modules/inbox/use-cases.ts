/**
 * A member's notifications in one organization: read, mark read (one or all), and the email
 * preferences. Every member may use them (org:read); each sees only their own rows (the query's
 * filter, and RLS behind it: notifications_own).
 */
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { notifications, notificationSettings } from '@/db/schema';
import { iso } from '@/lib/dto';
import { notFound } from '@/lib/errors';
import { pageOffset, toPage } from '@/lib/pagination';
import { type AuthorizedCtx, authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import type { Tx } from '@/db/client';
import {
  defaultNotificationSettings,
  type ListNotificationsQuery,
  type NotificationDto,
  type NotificationKind,
  type NotificationPage,
  type NotificationSettingsDto,
  type UpdateNotificationSettingsInput,
} from './schemas';

function reader(ctx: AuthorizedCtx): string {
  if (ctx.actor.type !== 'user') throw notFound('Notifications');
  return ctx.actor.userId;
}

const mine = (ctx: AuthorizedCtx, userId: string) => and(eq(notifications.organizationId, ctx.tenant.id), eq(notifications.userId, userId));

function present(row: typeof notifications.$inferSelect): NotificationDto {
  return { id: row.id, kind: row.kind as NotificationKind, entity: row.entity, entityId: row.entityId, data: row.data, readAt: iso(row.readAt), createdAt: iso(row.createdAt) };
}

async function unreadOf(tx: Tx, ctx: AuthorizedCtx, userId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(notifications).where(and(mine(ctx, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Newest first; `unread` counts all unread ones (the bell), not just this page's. */
export async function listNotifications(ctx: Ctx, query: ListNotificationsQuery): Promise<NotificationPage> {
  authorize(ctx, 'org:read');
  const userId = reader(ctx);
  return tenantTx(ctx, async (tx) => {
    const where = and(mine(ctx, userId), query.unread === true ? isNull(notifications.readAt) : query.unread === false ? sql`${notifications.readAt} is not null` : undefined);
    const { limit, offset } = pageOffset(query);
    const rows = await tx.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(notifications).where(where);
    return { ...toPage(rows.map(present), total?.n ?? 0, query), unread: await unreadOf(tx, ctx, userId) };
  });
}

export async function countUnreadNotifications(ctx: Ctx): Promise<{ unread: number }> {
  authorize(ctx, 'org:read');
  const userId = reader(ctx);
  return tenantTx(ctx, async (tx) => ({ unread: await unreadOf(tx, ctx, userId) }));
}

/** Marks one notification read (again is fine: nothing changes, nothing is audited twice). */
export async function markNotificationRead(ctx: Ctx, id: string): Promise<NotificationDto> {
  authorize(ctx, 'org:read');
  const userId = reader(ctx);
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx.select().from(notifications).where(and(mine(ctx, userId), eq(notifications.id, id)));
    if (!row) throw notFound('Notification');
    if (row.readAt) return present(row);
    const [after] = await tx.update(notifications).set({ readAt: ctx.now }).where(and(mine(ctx, userId), eq(notifications.id, id))).returning();
    await recordAudit(tx, ctx, { organizationId: ctx.tenant.id, action: 'notification.read', entity: 'notification', entityId: id, changes: { before: { readAt: null }, after: { readAt: iso(ctx.now) } } });
    return present(after!);
  });
}

export async function markAllNotificationsRead(ctx: Ctx): Promise<{ marked: number; unread: number }> {
  authorize(ctx, 'org:read');
  const userId = reader(ctx);
  return tenantTx(ctx, async (tx) => {
    const marked = await tx.update(notifications).set({ readAt: ctx.now }).where(and(mine(ctx, userId), isNull(notifications.readAt))).returning({ id: notifications.id });
    if (marked.length > 0) {
      await recordAudit(tx, ctx, { organizationId: ctx.tenant.id, action: 'notification.read_all', entity: 'member', entityId: userId, changes: { after: { marked: marked.length } } });
    }
    return { marked: marked.length, unread: 0 };
  });
}

export async function getNotificationSettings(ctx: Ctx): Promise<NotificationSettingsDto> {
  authorize(ctx, 'org:read');
  const userId = reader(ctx);
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx.select().from(notificationSettings).where(and(eq(notificationSettings.organizationId, ctx.tenant.id), eq(notificationSettings.userId, userId)));
    return row ? pick(row) : defaultNotificationSettings;
  });
}

export async function updateNotificationSettings(ctx: Ctx, input: UpdateNotificationSettingsInput): Promise<NotificationSettingsDto> {
  authorize(ctx, 'org:read');
  const userId = reader(ctx);
  return tenantTx(ctx, async (tx) => {
    const where = and(eq(notificationSettings.organizationId, ctx.tenant.id), eq(notificationSettings.userId, userId));
    const [before] = await tx.select().from(notificationSettings).where(where).for('update');
    const next = { ...(before ? pick(before) : defaultNotificationSettings), ...input };
    const [after] = await tx
      .insert(notificationSettings)
      .values({ organizationId: ctx.tenant.id, userId, ...next, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: [notificationSettings.organizationId, notificationSettings.userId], set: { ...next, updatedAt: ctx.now } })
      .returning();
    await recordAudit(tx, ctx, { organizationId: ctx.tenant.id, action: 'notification_settings.updated', entity: 'member', entityId: userId, changes: { before: before ? pick(before) : defaultNotificationSettings, after: pick(after!) } });
    return pick(after!);
  });
}

function pick(row: typeof notificationSettings.$inferSelect): NotificationSettingsDto {
  return { emailNewRequests: row.emailNewRequests, emailNewBookings: row.emailNewBookings, emailCancellations: row.emailCancellations, emailReschedules: row.emailReschedules };
}
