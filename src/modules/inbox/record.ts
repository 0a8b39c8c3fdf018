/**
 * Outbox topics → notification rows, one per recipient. Runs in the delivery's transaction
 * (owner connection, across tenants); `source_id` + recipient is unique, so a retried delivery
 * writes nothing twice. Recipients: the organization's owners, admins and managers, and the
 * staff member whose resource the booking is on. A club `member` or a `viewer` gets none.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookings, customers, members, notifications, notificationSettings, orderLines, orders, organizations, resources, services } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { NotificationKind, NotificationSettingsDto } from './schemas';

interface OutboxMessage {
  id: string;
  organizationId: string;
  topic: string;
  payload: Record<string, unknown>;
}

/** Which notification an outbox message becomes, if any. */
export function notificationKindOf(topic: string, payload: Record<string, unknown>): NotificationKind | null {
  switch (topic) {
    case 'booking.created':
      return payload.status === 'pending' ? 'booking.requested' : 'booking.created';
    case 'booking.status_changed':
      return payload.to === 'cancelled' ? 'booking.cancelled' : null;
    case 'booking.rescheduled':
      return 'booking.rescheduled';
    case 'booking.awaiting_confirmation':
      return 'booking.reschedule_requested';
    case 'email.webhook_disabled':
      return 'webhook.disabled';
    case 'waitlist.offered':
    case 'waitlist.hold_expired':
    case 'review.submitted':
    case 'order.placed':
      return topic;
    default:
      return null;
  }
}

const teamRoles = ['owner', 'admin', 'manager'] as const;

/** The users a booking's notification goes to: the team's leads and the booked staff member. */
export async function bookingRecipients(tx: Tx, organizationId: string, resourceUserId: string | null): Promise<string[]> {
  const rows = await tx
    .select({ userId: members.userId })
    .from(members)
    .where(
      and(
        eq(members.organizationId, organizationId),
        resourceUserId ? or(inArray(members.role, [...teamRoles]), and(eq(members.userId, resourceUserId), eq(members.role, 'staff'))) : inArray(members.role, [...teamRoles]),
      ),
    );
  return [...new Set(rows.map((r) => r.userId))];
}

/**
 * One row per recipient for one outbox message; `(source_id, user_id)` is unique, so a retried
 * delivery adds nothing. Returns how many rows are new.
 */
async function notify(
  tx: Tx,
  message: OutboxMessage,
  userIds: string[],
  what: { kind: NotificationKind; entity: string; entityId: string; data: Record<string, string> },
  now: Date,
): Promise<number> {
  if (userIds.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ id: newId('notification'), organizationId: message.organizationId, userId, ...what, sourceId: message.id, createdAt: now })))
    .onConflictDoNothing({ target: [notifications.organizationId, notifications.sourceId, notifications.userId] })
    .returning({ id: notifications.id });
  return inserted.length;
}

/** The people who manage webhooks (owners, admins) hear that an endpoint was disabled. */
async function webhookDisabled(tx: Tx, message: OutboxMessage, now: Date): Promise<number> {
  const endpointId = typeof message.payload.endpointId === 'string' ? message.payload.endpointId : null;
  if (!endpointId) return 0;
  const recipients = await tx
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.organizationId, message.organizationId), inArray(members.role, ['owner', 'admin'])));
  if (recipients.length === 0) return 0;
  const [org] = await tx.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, message.organizationId));
  const data = { url: String(message.payload.url ?? ''), failures: String(message.payload.consecutiveFailures ?? ''), timezone: org?.timezone ?? 'UTC' };
  return notify(tx, message, recipients.map((r) => r.userId), { kind: 'webhook.disabled', entity: 'webhook_endpoint', entityId: endpointId, data }, now);
}

/** Writes the message's notifications; returns how many rows are new. */
export async function recordNotifications(tx: Tx, message: OutboxMessage, now: Date): Promise<number> {
  const kind = notificationKindOf(message.topic, message.payload);
  if (kind === 'webhook.disabled') return webhookDisabled(tx, message, now);
  if (kind === 'review.submitted' && typeof message.payload.orderLineId === 'string') return productReviewed(tx, message, message.payload.orderLineId, now);
  if (kind === 'order.placed') return orderPlaced(tx, message, now);
  const bookingId = typeof message.payload.bookingId === 'string' ? message.payload.bookingId : null;
  if (!kind || !bookingId) return 0;
  const [row] = await tx
    .select({
      startsAt: bookings.startsAt,
      serviceName: services.name,
      customerName: customers.name,
      resourceName: resources.name,
      resourceUserId: resources.userId,
      timezone: organizations.timezone,
    })
    .from(bookings)
    .innerJoin(organizations, eq(organizations.id, bookings.organizationId))
    .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
    .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
    .where(and(eq(bookings.organizationId, message.organizationId), eq(bookings.id, bookingId)));
  // The booking is gone (its organization was deleted): nothing to tell anyone.
  if (!row) return 0;
  // Waitlist news goes to the member it is about (a club member hears of their own hold), not the team.
  const waitlist = kind === 'waitlist.offered' || kind === 'waitlist.hold_expired';
  const recipients = waitlist ? (typeof message.payload.userId === 'string' ? [message.payload.userId] : []) : await bookingRecipients(tx, message.organizationId, row.resourceUserId);
  if (recipients.length === 0) return 0;
  const data = {
    service: row.serviceName,
    customer: row.customerName,
    resource: row.resourceName,
    start: row.startsAt.toISOString(),
    timezone: row.timezone,
    ...(kind === 'waitlist.offered' && typeof message.payload.holdExpiresAt === 'string' ? { until: message.payload.holdExpiresAt } : {}),
  };
  return notify(tx, message, recipients, { kind, entity: 'booking', entityId: bookingId, data }, now);
}

/** A new shop order: everyone who handles orders (orders:read — owners, admins, managers, staff) hears of it. */
async function orderPlaced(tx: Tx, message: OutboxMessage, now: Date): Promise<number> {
  const orderId = typeof message.payload.orderId === 'string' ? message.payload.orderId : null;
  if (!orderId) return 0;
  const [row] = await tx
    .select({ number: orders.number, customer: orders.name, totalMinor: orders.totalMinor, currency: orders.currency, fulfilment: orders.fulfilment, timezone: organizations.timezone })
    .from(orders)
    .innerJoin(organizations, eq(organizations.id, orders.organizationId))
    .where(and(eq(orders.organizationId, message.organizationId), eq(orders.id, orderId)));
  if (!row) return 0;
  const handlers = await tx
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.organizationId, message.organizationId), inArray(members.role, [...teamRoles, 'staff'])));
  return notify(
    tx,
    message,
    [...new Set(handlers.map((m) => m.userId))],
    { kind: 'order.placed', entity: 'order', entityId: orderId, data: { customer: row.customer, number: row.number, totalMinor: String(row.totalMinor), currency: row.currency, fulfilment: row.fulfilment, timezone: row.timezone } },
    now,
  );
}

/** A product review (a line of an order) waits for moderation: the team's leads hear of it. */
async function productReviewed(tx: Tx, message: OutboxMessage, orderLineId: string, now: Date): Promise<number> {
  const reviewId = typeof message.payload.reviewId === 'string' ? message.payload.reviewId : null;
  const [row] = await tx
    .select({ product: orderLines.productTitle, customer: orders.name, timezone: organizations.timezone })
    .from(orderLines)
    .innerJoin(orders, and(eq(orders.organizationId, orderLines.organizationId), eq(orders.id, orderLines.orderId)))
    .innerJoin(organizations, eq(organizations.id, orderLines.organizationId))
    .where(and(eq(orderLines.organizationId, message.organizationId), eq(orderLines.id, orderLineId)));
  if (!row || !reviewId) return 0;
  const leads = await tx
    .select({ userId: members.userId })
    .from(members)
    .where(and(eq(members.organizationId, message.organizationId), inArray(members.role, [...teamRoles])));
  return notify(tx, message, [...new Set(leads.map((m) => m.userId))], { kind: 'review.submitted', entity: 'review', entityId: reviewId, data: { service: row.product, customer: row.customer, timezone: row.timezone } }, now);
}

/** The members of an organization who turned off the staff email governed by `setting` (inbox settings). */
export async function emailOptOuts(tx: Tx, organizationId: string, setting: keyof NotificationSettingsDto): Promise<Set<string>> {
  const column = {
    emailNewRequests: notificationSettings.emailNewRequests,
    emailNewBookings: notificationSettings.emailNewBookings,
    emailCancellations: notificationSettings.emailCancellations,
    emailReschedules: notificationSettings.emailReschedules,
  }[setting];
  const rows = await tx
    .select({ userId: notificationSettings.userId })
    .from(notificationSettings)
    .where(and(eq(notificationSettings.organizationId, organizationId), eq(column, false)));
  return new Set(rows.map((r) => r.userId));
}
