import { createRoute, errors, json, jsonBody, router } from '@/api/openapi';
import {
  countUnreadNotifications,
  getNotificationSettings,
  inboxSchemas as s,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  updateNotificationSettings,
} from '@/modules/inbox';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Notifications'];
const slug = organizationSchemas.slugParams;

const listRoute = createRoute({
  method: 'get',
  path: '/{slug}/notifications',
  tags,
  summary: 'Your notifications in this organization, newest first, with your unread count',
  'x-permission': 'org:read',
  request: { params: slug, query: s.listNotificationsQuery },
  responses: { 200: json(s.notificationPage, 'A page of your notifications'), ...errors.tenant },
});

const unreadRoute = createRoute({
  method: 'get',
  path: '/{slug}/notifications/unread-count',
  tags,
  summary: 'How many of your notifications are unread (the bell)',
  'x-permission': 'org:read',
  request: { params: slug },
  responses: { 200: json(s.unreadCountDto, 'Your unread count'), ...errors.tenant },
});

const readOneRoute = createRoute({
  method: 'post',
  path: '/{slug}/notifications/{notificationId}/read',
  tags,
  summary: 'Mark one of your notifications read',
  'x-permission': 'org:read',
  request: { params: s.notificationParams },
  responses: { 200: json(s.notificationDto, 'The notification, read'), ...errors.tenant },
});

const readAllRoute = createRoute({
  method: 'post',
  path: '/{slug}/notifications/read-all',
  tags,
  summary: 'Mark all your notifications in this organization read',
  'x-permission': 'org:read',
  request: { params: slug },
  responses: { 200: json(s.markedDto, 'How many were marked'), ...errors.tenant },
});

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/{slug}/notification-settings',
  tags,
  summary: 'Which emails about this organization’s bookings you get',
  'x-permission': 'org:read',
  request: { params: slug },
  responses: { 200: json(s.notificationSettingsDto, 'Your email preferences'), ...errors.tenant },
});

const updateSettingsRoute = createRoute({
  method: 'patch',
  path: '/{slug}/notification-settings',
  tags,
  summary: 'Choose which emails about this organization’s bookings you get',
  'x-permission': 'org:read',
  request: { params: slug, body: jsonBody(s.updateNotificationSettingsInput) },
  responses: { 200: json(s.notificationSettingsDto, 'Your email preferences after the change'), ...errors.tenant },
});

/** `/api/v1/orgs/:slug/notifications…`: each member's own notification centre (mounted under orgRoutes' session and tenant guards). */
export function inboxRoutes() {
  return router()
    .openapi(listRoute, async (c) => c.json(await listNotifications(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(unreadRoute, async (c) => c.json(await countUnreadNotifications(c.get('ctx')), 200))
    .openapi(readAllRoute, async (c) => c.json(await markAllNotificationsRead(c.get('ctx')), 200))
    .openapi(readOneRoute, async (c) => c.json(await markNotificationRead(c.get('ctx'), c.req.valid('param').notificationId), 200))
    .openapi(getSettingsRoute, async (c) => c.json(await getNotificationSettings(c.get('ctx')), 200))
    .openapi(updateSettingsRoute, async (c) => c.json(await updateNotificationSettings(c.get('ctx'), c.req.valid('json')), 200));
}
