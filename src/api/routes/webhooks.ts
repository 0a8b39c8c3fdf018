import { createRoute, errors, json, jsonBody, noContent, optionalJsonBody, router } from '@/api/openapi';
import type { ApiDeps } from '@/api/types';
import { organizationSchemas } from '@/modules/organizations';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  rotateWebhookSecret,
  sendWebhookTestEvent,
  updateWebhookEndpoint,
  type WebhookSettings,
  webhookSchemas as s,
  webhookSettingsFromEnv,
} from '@/modules/webhooks';

const tags = ['Webhooks'];
const slug = organizationSchemas.slugParams;
const { endpointParams } = s;

const listEndpointsRoute = createRoute({
  method: 'get',
  path: '/{slug}/webhooks',
  tags,
  summary: 'Webhook endpoints, newest first (secrets are never listed)',
  'x-permission': 'webhooks:manage',
  request: { params: slug, query: s.listEndpointsQuery },
  responses: { 200: json(s.endpointPage, 'A page of endpoints'), ...errors.tenant },
});

const createEndpointRoute = createRoute({
  method: 'post',
  path: '/{slug}/webhooks',
  tags,
  summary: 'Add an endpoint (its URL must resolve to public addresses); the answer holds the signing secret, shown once',
  'x-permission': 'webhooks:manage',
  request: { params: slug, body: jsonBody(s.createEndpointInput) },
  responses: { 201: json(s.endpointWithSecretDto, 'The new endpoint and its secret'), ...errors.tenant },
});

const getEndpointRoute = createRoute({
  method: 'get',
  path: '/{slug}/webhooks/{endpointId}',
  tags,
  summary: 'One webhook endpoint',
  'x-permission': 'webhooks:manage',
  request: { params: endpointParams },
  responses: { 200: json(s.endpointDto, 'The endpoint'), ...errors.tenant },
});

const updateEndpointRoute = createRoute({
  method: 'patch',
  path: '/{slug}/webhooks/{endpointId}',
  tags,
  summary: 'Change an endpoint’s URL, description, events, or turn it on or off (on again clears its failure count)',
  'x-permission': 'webhooks:manage',
  request: { params: endpointParams, body: jsonBody(s.updateEndpointInput) },
  responses: { 200: json(s.endpointDto, 'The endpoint after the change'), ...errors.tenant },
});

const deleteEndpointRoute = createRoute({
  method: 'delete',
  path: '/{slug}/webhooks/{endpointId}',
  tags,
  summary: 'Remove an endpoint and its delivery log',
  'x-permission': 'webhooks:manage',
  request: { params: endpointParams },
  responses: { 204: noContent, ...errors.tenant },
});

const rotateSecretRoute = createRoute({
  method: 'post',
  path: '/{slug}/webhooks/{endpointId}/rotate-secret',
  tags,
  summary: 'A new signing secret, shown once; the old one also signs for graceHours (default 24)',
  'x-permission': 'webhooks:manage',
  request: { params: endpointParams, body: optionalJsonBody(s.rotateSecretInput) },
  responses: { 200: json(s.endpointWithSecretDto, 'The endpoint and its new secret'), ...errors.tenant },
});

const sendTestRoute = createRoute({
  method: 'post',
  path: '/{slug}/webhooks/{endpointId}/test',
  tags,
  summary: 'Send a signed webhook.test event now; answers the delivery with its status code, latency or error',
  'x-permission': 'webhooks:manage',
  request: { params: endpointParams },
  responses: { 200: json(s.deliveryDto, 'The test delivery'), ...errors.tenant },
});

const listDeliveriesRoute = createRoute({
  method: 'get',
  path: '/{slug}/webhooks/{endpointId}/deliveries',
  tags,
  summary: 'The endpoint’s delivery log, newest first: status, attempts, status code, latency, error',
  'x-permission': 'webhooks:manage',
  request: { params: endpointParams, query: s.listDeliveriesQuery },
  responses: { 200: json(s.deliveryPage, 'A page of deliveries'), ...errors.tenant },
});

/** `/api/v1/orgs/:slug/webhooks…`: owners and admins (webhooks:manage). */
export function webhookRoutes(deps: ApiDeps) {
  const settings = (): WebhookSettings => ({ ...webhookSettingsFromEnv(), ...deps.webhooks });
  return router()
    .openapi(listEndpointsRoute, async (c) => c.json(await listWebhookEndpoints(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createEndpointRoute, async (c) => c.json(await createWebhookEndpoint(c.get('ctx'), c.req.valid('json'), settings()), 201))
    .openapi(getEndpointRoute, async (c) => c.json(await getWebhookEndpoint(c.get('ctx'), c.req.valid('param').endpointId), 200))
    .openapi(updateEndpointRoute, async (c) => c.json(await updateWebhookEndpoint(c.get('ctx'), c.req.valid('param').endpointId, c.req.valid('json'), settings()), 200))
    .openapi(deleteEndpointRoute, async (c) => {
      await deleteWebhookEndpoint(c.get('ctx'), c.req.valid('param').endpointId);
      return c.body(null, 204);
    })
    .openapi(rotateSecretRoute, async (c) => c.json(await rotateWebhookSecret(c.get('ctx'), c.req.valid('param').endpointId, c.req.valid('json')), 200))
    .openapi(sendTestRoute, async (c) => c.json(await sendWebhookTestEvent(c.get('ctx'), c.req.valid('param').endpointId, settings()), 200))
    .openapi(listDeliveriesRoute, async (c) => c.json(await listWebhookDeliveries(c.get('ctx'), c.req.valid('param').endpointId, c.req.valid('query')), 200));
}
