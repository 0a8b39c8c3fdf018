import { createRoute, errors, json, router } from '@/api/openapi';
import { getMail, listDeliveries, listMail, notificationSchemas as s } from '@/modules/notifications';

// 'org:read' at the door; the use case then requires settings:manage (owners and admins) except
// in a demo organization, where every member reads the mail (modules/notifications/mail-catcher.ts).

const tags = ['Mail'];

const listMailRoute = createRoute({
  method: 'get',
  path: '/{slug}/mail',
  tags,
  summary: 'Messages kept by the built-in mail catcher, newest first',
  description: 'Without SMTP_URL every email is kept here; with it, only those to demo organizations’ guests and example.com addresses. Owners and admins; every member of a demo organization.',
  'x-permission': 'org:read',
  request: { params: s.slugParams, query: s.listMailQuery },
  responses: { 200: json(s.mailPage, 'A page of messages'), ...errors.tenant },
});

const getMailRoute = createRoute({
  method: 'get',
  path: '/{slug}/mail/{mailId}',
  tags,
  summary: 'One caught message: its text and HTML parts and raw source',
  'x-permission': 'org:read',
  request: { params: s.mailParams },
  responses: { 200: json(s.mailDto, 'The message'), ...errors.tenant },
});

const listDeliveriesRoute = createRoute({
  method: 'get',
  path: '/{slug}/mail-deliveries',
  tags,
  summary: 'Outgoing messages by delivery state: pending, retrying (with the last error), failed (dead letters), sent',
  'x-permission': 'org:read',
  request: { params: s.slugParams, query: s.listDeliveriesQuery },
  responses: { 200: json(s.deliveryPage, 'A page of outbox messages'), ...errors.tenant },
});

/** `/api/v1/orgs/:slug/mail…`: the mail page (catcher and delivery states). */
export function mailRoutes() {
  return router()
    .openapi(listMailRoute, async (c) => c.json(await listMail(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(getMailRoute, async (c) => c.json(await getMail(c.get('ctx'), c.req.valid('param').mailId), 200))
    .openapi(listDeliveriesRoute, async (c) => c.json(await listDeliveries(c.get('ctx'), c.req.valid('query')), 200));
}
