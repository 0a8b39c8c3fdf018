/**
 * inbox — the in-app notification centre: what happened that a member should know about (new
 * requests, bookings, cancellations, moves), written when the outbox delivers the event
 * (record.ts), read and marked read by each member for themself, and each member's choice of
 * which staff emails they get. Tables owned: notifications, notification_settings.
 */
export { bookingRecipients, emailOptOuts, notificationKindOf, recordNotifications } from './record';
export * as inboxSchemas from './schemas';
export type { NotificationDto, NotificationKind, NotificationPage, NotificationSettingsDto } from './schemas';
export {
  countUnreadNotifications,
  getNotificationSettings,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  updateNotificationSettings,
} from './use-cases';
