/** Inputs and answers of the notification centre (loaded by the browser too: no database code). */
import { z } from 'zod';
import { isoInstant, pageOf } from '@/lib/dto';
import { isId } from '@/lib/ids';
import { paginationQuery } from '@/lib/pagination';
import * as organizationSchemas from '@/modules/organizations/schemas';

/** What a notification says happened. The list grows with later issues (orders, waitlist, webhooks). */
export const notificationKinds = ['booking.requested', 'booking.created', 'booking.cancelled', 'booking.rescheduled', 'booking.reschedule_requested', 'webhook.disabled', 'waitlist.offered', 'waitlist.hold_expired', 'review.submitted', 'order.placed'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationIdSchema = z
  .string()
  .max(64, 'must be a notification id')
  .refine((v) => isId('notification', v), 'must be a notification id');

export const notificationParams = organizationSchemas.slugParams.extend({ notificationId: notificationIdSchema });

export const listNotificationsQuery = paginationQuery.extend({
  unread: z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true').optional(),
});
export type ListNotificationsQuery = z.output<typeof listNotificationsQuery>;

export const notificationDto = z
  .object({
    id: z.string(),
    kind: z.enum(notificationKinds),
    entity: z.string(),
    entityId: z.string(),
    data: z.record(z.string(), z.string().nullable()).meta({ description: 'What the line names: service, customer, start (ISO), timezone' }),
    readAt: isoInstant.nullable(),
    createdAt: isoInstant,
  })
  .meta({ id: 'Notification', description: 'Something that happened in the organization that this member should know about.' });
export type NotificationDto = z.infer<typeof notificationDto>;

export const notificationPage = pageOf(notificationDto)
  .extend({ unread: z.number().int().min(0).meta({ description: 'Your unread notifications in this organization, whatever the page' }) })
  .meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof notificationPage>;

export const unreadCountDto = z.object({ unread: z.number().int().min(0) }).meta({ id: 'UnreadCount' });

export const markedDto = z.object({ marked: z.number().int().min(0).meta({ description: 'How many notifications were unread and are now read' }), unread: z.number().int().min(0) }).meta({ id: 'MarkedRead' });

const settingsFields = {
  emailNewRequests: z.boolean({ message: 'must be true or false' }),
  emailNewBookings: z.boolean({ message: 'must be true or false' }),
  emailCancellations: z.boolean({ message: 'must be true or false' }),
  emailReschedules: z.boolean({ message: 'must be true or false' }),
};

export const notificationSettingsDto = z.object(settingsFields).meta({ id: 'NotificationSettings', description: 'Which emails about the organization’s bookings you get (in-app notifications always arrive).' });
export type NotificationSettingsDto = z.infer<typeof notificationSettingsDto>;

export const updateNotificationSettingsInput = z
  .object(Object.fromEntries(Object.entries(settingsFields).map(([k, s]) => [k, s.optional()])) as { [K in keyof typeof settingsFields]: z.ZodOptional<(typeof settingsFields)[K]> })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'provide at least one setting to change');
export type UpdateNotificationSettingsInput = z.output<typeof updateNotificationSettingsInput>;

export const defaultNotificationSettings: NotificationSettingsDto = { emailNewRequests: true, emailNewBookings: true, emailCancellations: true, emailReschedules: true };
