/**
 * The shop's back office under `/api/v1/orgs/{slug}`: orders (orders:read to see them and their
 * stats, orders:manage for status actions), promo codes (promotions:manage) and the shop's
 * checkout settings (settings:manage).
 */
import { conflictResponse, createRoute, errors, json, jsonBody, noContent, optionalJsonBody, router } from '@/api/openapi';
import {
  createPromoCode,
  deletePromoCode,
  getOrder,
  getPromoCode,
  getShopSettings,
  listOrders,
  listPromoCodes,
  orderSchemas as s,
  orderStats,
  transitionOrder,
  updatePromoCode,
  updateShopSettings,
} from '@/modules/orders';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Orders'];
const slug = organizationSchemas.slugParams;

const listOrdersRoute = createRoute({
  method: 'get',
  path: '/{slug}/orders',
  tags,
  summary: 'Orders, newest first (filters: status, date range in the organization’s days, q by email or number)',
  'x-permission': 'orders:read',
  request: { params: slug, query: s.listOrdersQuery },
  responses: { 200: json(s.orderPage, 'A page of orders'), ...errors.tenant },
});

const orderStatsRoute = createRoute({
  method: 'get',
  path: '/{slug}/order-stats',
  tags,
  summary: 'Revenue, orders, average order value, top products and orders by day over a range',
  'x-permission': 'orders:read',
  request: { params: slug, query: s.orderStatsQuery },
  responses: { 200: json(s.orderStatsDto, 'The figures'), ...errors.tenant },
});

const getOrderRoute = createRoute({
  method: 'get',
  path: '/{slug}/orders/{orderId}',
  tags,
  summary: 'An order with its lines, payment, history and the actions its status allows',
  'x-permission': 'orders:read',
  request: { params: s.orderParams },
  responses: { 200: json(s.orderDto, 'The order'), ...errors.tenant },
});

const orderActionRoute = createRoute({
  method: 'post',
  path: '/{slug}/orders/{orderId}/{action}',
  tags,
  summary: 'A status action: pay (mark paid), fulfil, deliver, cancel, refund (stock follows; a wrong status is a 409 naming the allowed actions)',
  'x-permission': 'orders:manage',
  request: { params: s.orderActionParams, body: optionalJsonBody(s.orderActionInput) },
  responses: { 200: json(s.orderDto, 'The order after the action'), 409: conflictResponse, ...errors.tenant },
});

const promoTags = ['Promo codes'];

const listPromoCodesRoute = createRoute({
  method: 'get',
  path: '/{slug}/promo-codes',
  tags: promoTags,
  summary: 'Promo codes by code',
  'x-permission': 'promotions:manage',
  request: { params: slug, query: s.listPromoCodesQuery },
  responses: { 200: json(s.promoCodePage, 'A page of promo codes'), ...errors.tenant },
});

const createPromoCodeRoute = createRoute({
  method: 'post',
  path: '/{slug}/promo-codes',
  tags: promoTags,
  summary: 'Create a promo code (percentage in basis points or a fixed amount; limits, window, first order only)',
  'x-permission': 'promotions:manage',
  request: { params: slug, body: jsonBody(s.createPromoCodeInput) },
  responses: { 201: json(s.promoCodeDto, 'The new code'), 409: conflictResponse, ...errors.tenant },
});

const getPromoCodeRoute = createRoute({
  method: 'get',
  path: '/{slug}/promo-codes/{promoCodeId}',
  tags: promoTags,
  summary: 'A promo code and how often it was used',
  'x-permission': 'promotions:manage',
  request: { params: s.promoCodeParams },
  responses: { 200: json(s.promoCodeDto, 'The code'), ...errors.tenant },
});

const updatePromoCodeRoute = createRoute({
  method: 'patch',
  path: '/{slug}/promo-codes/{promoCodeId}',
  tags: promoTags,
  summary: 'Change a promo code (the code itself stays; a usage limit below its uses is a 409)',
  'x-permission': 'promotions:manage',
  request: { params: s.promoCodeParams, body: jsonBody(s.updatePromoCodeInput) },
  responses: { 200: json(s.promoCodeDto, 'The code after the change'), 409: conflictResponse, ...errors.tenant },
});

const deletePromoCodeRoute = createRoute({
  method: 'delete',
  path: '/{slug}/promo-codes/{promoCodeId}',
  tags: promoTags,
  summary: 'Delete a promo code no order used (used: 409, deactivate it instead)',
  'x-permission': 'promotions:manage',
  request: { params: s.promoCodeParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

const getShopSettingsRoute = createRoute({
  method: 'get',
  path: '/{slug}/shop-settings',
  tags: ['Organization'],
  summary: "The shop's checkout settings: tax, stock hold, shipping and pickup",
  'x-permission': 'settings:manage',
  request: { params: slug },
  responses: { 200: json(s.shopSettingsDto, 'The settings'), ...errors.tenant },
});

const updateShopSettingsRoute = createRoute({
  method: 'patch',
  path: '/{slug}/shop-settings',
  tags: ['Organization'],
  summary: "Change the shop's checkout settings",
  'x-permission': 'settings:manage',
  request: { params: slug, body: jsonBody(s.shopSettingsInput) },
  responses: { 200: json(s.shopSettingsDto, 'The settings after the change'), ...errors.tenant },
});

/** Mounted under the tenant middleware with the other /orgs/{slug} routes. */
export function orderRoutes() {
  return router()
    .openapi(listOrdersRoute, async (c) => c.json(await listOrders(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(orderStatsRoute, async (c) => c.json(await orderStats(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(getOrderRoute, async (c) => c.json(await getOrder(c.get('ctx'), c.req.valid('param').orderId), 200))
    .openapi(orderActionRoute, async (c) => {
      const { orderId, action } = c.req.valid('param');
      return c.json(await transitionOrder(c.get('ctx'), orderId, action, c.req.valid('json')), 200);
    })
    .openapi(listPromoCodesRoute, async (c) => c.json(await listPromoCodes(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createPromoCodeRoute, async (c) => c.json(await createPromoCode(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(getPromoCodeRoute, async (c) => c.json(await getPromoCode(c.get('ctx'), c.req.valid('param').promoCodeId), 200))
    .openapi(updatePromoCodeRoute, async (c) => c.json(await updatePromoCode(c.get('ctx'), c.req.valid('param').promoCodeId, c.req.valid('json')), 200))
    .openapi(deletePromoCodeRoute, async (c) => {
      await deletePromoCode(c.get('ctx'), c.req.valid('param').promoCodeId);
      return c.body(null, 204);
    })
    .openapi(getShopSettingsRoute, async (c) => c.json(await getShopSettings(c.get('ctx')), 200))
    .openapi(updateShopSettingsRoute, async (c) => c.json(await updateShopSettings(c.get('ctx'), c.req.valid('json')), 200));
}
