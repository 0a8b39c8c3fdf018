/**
 * The shop's public side: `/api/v1/public/orgs/{slug}/cart…`, checkout and the order status
 * link. A guest's cart is keyed by an httpOnly, SameSite=Lax cookie holding a random token (its
 * hash is stored; Secure in production); a signed-in customer's by their account. A request with
 * both merges the guest cart into the account's and clears the cookie. Cookie-carrying changes
 * pass the API's CSRF origin check (middleware/csrf.ts) like every other mutation.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { challengeResponse, conflictResponse, createRoute, errorEnvelope, errors, json, jsonBody, router } from '@/api/openapi';
import type { ApiDeps, ApiEnv } from '@/api/types';
import { env } from '@/lib/env';
import { notFound, unauthenticated } from '@/lib/errors';
import { getSessionUser } from '@/modules/identity';
import {
  addCartLine,
  applyPaymentEvent,
  type CartAnswer,
  type CartKey,
  checkout,
  getCart,
  getPublicOrder,
  orderSchemas as s,
  providerAvailable,
  removeCartLine,
  updateCartLine,
  verifyTestWebhook,
} from '@/modules/orders';
import { organizationSchemas } from '@/modules/organizations';

const tags = ['Shop'];
const slug = organizationSchemas.slugParams;
const CART_COOKIE_DAYS = 30;

/** One cookie per shop (organizations are separate shops on one host). */
const cookieName = (orgSlug: string) => `bl_cart_${orgSlug.replace(/[^a-z0-9-]/g, '')}`;

function cartKey(c: Context<ApiEnv>): CartKey {
  const token = getCookie(c, cookieName(c.req.param('slug') ?? ''));
  const actor = c.get('ctx').actor;
  return { token: token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null, userId: actor.type === 'user' ? actor.userId : null };
}

function keepCookie(c: Context<ApiEnv>, answer: Pick<CartAnswer, 'newToken' | 'clearToken'>) {
  const name = cookieName(c.req.param('slug') ?? '');
  if (answer.newToken) {
    setCookie(c, name, answer.newToken, { httpOnly: true, sameSite: 'Lax', secure: env().NODE_ENV === 'production', path: '/', maxAge: CART_COOKIE_DAYS * 86_400 });
  } else if (answer.clearToken) {
    deleteCookie(c, name, { path: '/' });
  }
}

/** Public routes know the customer when they are signed in (their cart, their orders), and work without. */
function optionalSession(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    // Better Auth's session cookie (cookiePrefix 'bookline'); a guest's request costs no session read.
    if (/(^|;\s*)(__Secure-)?bookline\./.test(c.req.header('cookie') ?? '')) {
      const user = await getSessionUser(deps.auth, c.req.raw.headers);
      if (user) c.set('ctx', { ...c.get('ctx'), actor: { type: 'user', userId: user.id, email: user.email, name: user.name, role: null } });
    }
    await next();
  };
}

const cartProblem = conflictResponse;

const getCartRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/cart',
  tags,
  summary: "The caller's cart: live prices, availability, why a line cannot be bought, totals (and a promo code's effect)",
  security: [],
  request: { params: slug, query: s.cartQuery },
  responses: { 200: json(s.cartDto, 'The cart (empty when there is none)'), ...errors.public },
});

const addCartLineRoute = createRoute({
  method: 'post',
  path: '/orgs/{slug}/cart/lines',
  tags,
  summary: 'Add a variant (quantities add up), checked against the stock free now',
  security: [],
  request: { params: slug, body: jsonBody(s.addCartLineInput) },
  responses: { 200: json(s.cartDto, 'The cart after the change'), 409: cartProblem, ...errors.public },
});

const updateCartLineRoute = createRoute({
  method: 'patch',
  path: '/orgs/{slug}/cart/lines/{lineId}',
  tags,
  summary: "Set a line's quantity (and accept its current price)",
  security: [],
  request: { params: s.cartLineParams, body: jsonBody(s.updateCartLineInput) },
  responses: { 200: json(s.cartDto, 'The cart after the change'), 409: cartProblem, ...errors.public },
});

const removeCartLineRoute = createRoute({
  method: 'delete',
  path: '/orgs/{slug}/cart/lines/{lineId}',
  tags,
  summary: 'Remove a line',
  security: [],
  request: { params: s.cartLineParams },
  responses: { 200: json(s.cartDto, 'The cart after the change'), ...errors.public },
});

const checkoutRoute = createRoute({
  method: 'post',
  path: '/orgs/{slug}/checkout',
  tags,
  summary: 'Place the cart as an order: stock held in one transaction; Idempotency-Key makes retries safe',
  description:
    'Losers of a race for the last units get 409 with `details.reason` (`out_of_stock`, `insufficient_stock` with `details.lines[].available`), a promo code that does not apply 409 with its reason, a reused key with another body 409 `idempotency_key_reused`, a declined test payment 422 `payment_declined`.',
  security: [],
  'x-challenge': 'slug',
  'x-rate-limit': 'guestCheckout',
  request: { params: slug, headers: s.idempotencyHeaders, body: jsonBody(s.checkoutInput) },
  responses: { 201: json(s.placedOrderDto, 'The order and its secret status link'), 403: challengeResponse, 409: conflictResponse, 422: conflictResponse, ...errors.public },
});

const publicOrderRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/orders/{orderToken}',
  tags,
  summary: 'The order a secret status link opens',
  security: [],
  request: { params: s.orderTokenParams },
  responses: { 200: json(s.publicOrderDto, 'The order'), ...errors.public },
});

const paymentWebhookRoute = createRoute({
  method: 'post',
  path: '/payments/{provider}/webhook',
  tags,
  summary: "A payment provider's signed event (the test provider's here; Stripe's would verify Stripe-Signature the same way)",
  description: 'The signature (`X-Test-Signature`: HMAC-SHA256 of the raw body) is checked first: a wrong one is a 401. An unknown payment is acknowledged and ignored. Not offered in production.',
  security: [],
  request: { params: s.paymentWebhookParams, headers: s.paymentWebhookHeaders, body: jsonBody(s.testPaymentEventInput) },
  responses: { 200: json(s.paymentEventResultDto, 'Received'), 401: json(errorEnvelope, 'The signature does not match'), ...errors.public },
});

export function shopRoutes(deps: ApiDeps) {
  const app = router();
  app.use('/orgs/:slug/cart', optionalSession(deps));
  app.use('/orgs/:slug/cart/*', optionalSession(deps));
  app.use('/orgs/:slug/checkout', optionalSession(deps));
  return app
    .openapi(getCartRoute, async (c) => {
      const answer = await getCart(c.get('ctx'), c.req.valid('param').slug, cartKey(c), c.req.valid('query'));
      keepCookie(c, answer);
      return c.json(answer.cart, 200);
    })
    .openapi(addCartLineRoute, async (c) => {
      const answer = await addCartLine(c.get('ctx'), c.req.valid('param').slug, cartKey(c), c.req.valid('json'));
      keepCookie(c, answer);
      return c.json(answer.cart, 200);
    })
    .openapi(updateCartLineRoute, async (c) => {
      const { slug: orgSlug, lineId } = c.req.valid('param');
      const answer = await updateCartLine(c.get('ctx'), orgSlug, cartKey(c), lineId, c.req.valid('json'));
      keepCookie(c, answer);
      return c.json(answer.cart, 200);
    })
    .openapi(removeCartLineRoute, async (c) => {
      const { slug: orgSlug, lineId } = c.req.valid('param');
      const answer = await removeCartLine(c.get('ctx'), orgSlug, cartKey(c), lineId);
      keepCookie(c, answer);
      return c.json(answer.cart, 200);
    })
    .openapi(checkoutRoute, async (c) => {
      const placed = await checkout(c.get('ctx'), c.req.valid('param').slug, cartKey(c), c.req.valid('json'), c.req.valid('header')['idempotency-key']);
      c.set('orderOutcome', placed.replayed ? 'replayed' : 'created');
      if (placed.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(placed, 201);
    })
    .openapi(paymentWebhookRoute, async (c) => {
      if (!providerAvailable(c.req.valid('param').provider)) throw notFound('Payment provider');
      // The raw body as received (read and cached by the JSON body reader): what was signed.
      if (!verifyTestWebhook(await c.req.text(), c.req.valid('header')['x-test-signature'])) throw unauthenticated('The webhook signature does not match.');
      const event = c.req.valid('json');
      const order = await applyPaymentEvent(c.get('ctx').db, { provider: 'test', providerRef: event.providerRef, type: event.type }, c.get('ctx').now, c.get('ctx').request);
      return c.json({ received: order !== null, orderStatus: order?.status ?? null }, 200);
    })
    .openapi(publicOrderRoute, async (c) => {
      const { slug: orgSlug, orderToken } = c.req.valid('param');
      return c.json(await getPublicOrder(c.get('ctx'), orgSlug, orderToken), 200);
    });
}
