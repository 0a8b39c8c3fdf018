import { challengeResponse, conflictResponse, createRoute, errors, json, jsonBody, optionalJsonBody, router, ruleResponse } from '@/api/openapi';
import { countBookingAttempt } from '@/api/routes/analytics';
import { errorEnvelope } from '@/api/schemas';
import {
  bookingSchemas as s,
  cancelManagedBooking,
  createBooking,
  createPublicBooking,
  getBooking,
  getManagedBooking,
  listBookings,
  memberAvailability,
  quoteBooking,
  rescheduleBooking,
  rescheduleManagedBooking,
  rotateManageLink,
  transitionBooking,
  recordBalancePaid,
  updateBooking,
} from '@/modules/bookings';
import { customerSchemas as cs, getCustomer, listCustomers, mergeCustomers, updateCustomer } from '@/modules/customers';
import { organizationSchemas } from '@/modules/organizations';
import { getAvailability, schedulingSchemas } from '@/modules/scheduling';
import { onReplica } from '@/api/read-replica';

const slug = organizationSchemas.slugParams;
const { bookingParams, tokenParams } = s;
const bookingTags = ['Bookings'];
const gone = json(errorEnvelope, 'The link was replaced or has expired (`details.reason: link_expired`).');
const taken = json(errorEnvelope, 'The time is taken: `details.alternatives` lists the nearest free times, the chosen resource first.');

// ─── Staff and members: /orgs/{slug}/bookings ───────────────────────────────────────────────

const listBookingsRoute = createRoute({
  method: 'get',
  path: '/{slug}/bookings',
  tags: bookingTags,
  summary: 'Bookings with filters, sorting and pages (members see their own)',
  'x-permission': 'bookings:read',
  request: { params: slug, query: s.listBookingsQuery },
  responses: { 200: json(s.bookingPage, 'A page of bookings'), ...errors.tenant },
});

const memberAvailabilityRoute = createRoute({
  method: 'get',
  path: '/{slug}/availability',
  tags: bookingTags,
  summary: "Free times of a service as the caller may book them: each marked when the club's rules forbid it for them (deny) or would ask for approval, with the reason",
  'x-permission': 'bookings:write',
  request: { params: slug, query: schedulingSchemas.availabilityQuery },
  responses: { 200: json(s.markedAvailabilityDto, 'Free times, in the requested zone, marked by the rules'), 422: ruleResponse, ...errors.tenant },
});

const createBookingRoute = createRoute({
  method: 'post',
  path: '/{slug}/bookings',
  tags: bookingTags,
  summary: 'Book on behalf of a customer (staff) or for yourself (member)',
  'x-permission': 'bookings:write',
  request: { params: slug, headers: s.idempotencyHeaders, body: jsonBody(s.createStaffBookingInput) },
  responses: { 201: json(s.createdBookingDto, 'The booking (or, for a repeated Idempotency-Key, the same one again)'), 409: taken, 422: ruleResponse, ...errors.tenant },
});

const getBookingRoute = createRoute({
  method: 'get',
  path: '/{slug}/bookings/{bookingId}',
  tags: bookingTags,
  summary: 'One booking with its customer, notes and history',
  'x-permission': 'bookings:read',
  request: { params: bookingParams },
  responses: { 200: json(s.bookingDetailDto, 'The booking'), ...errors.tenant },
});

const updateBookingRoute = createRoute({
  method: 'patch',
  path: '/{slug}/bookings/{bookingId}',
  tags: bookingTags,
  summary: 'Internal notes, and the final amount of a booking priced "from" (staff)',
  'x-permission': 'bookings:write',
  request: { params: bookingParams, body: jsonBody(s.updateBookingInput) },
  responses: { 200: json(s.updatedBookingDto, 'The booking after the change'), 422: ruleResponse, ...errors.tenant },
});

const recordBalanceRoute = createRoute({
  method: 'post',
  path: '/{slug}/bookings/{bookingId}/balance-paid',
  tags: bookingTags,
  summary: 'Record that a party booking’s balance was paid (staff; once)',
  'x-permission': 'bookings:write',
  request: { params: bookingParams, body: jsonBody(s.recordBalanceInput) },
  responses: { 200: json(s.bookingDto, 'The booking with balancePaidAt set'), 409: conflictResponse, ...errors.tenant },
});

const rotateManageLinkRoute = createRoute({
  method: 'post',
  path: '/{slug}/bookings/{bookingId}/manage-link',
  tags: bookingTags,
  summary: "Replace the guest's manage link (the old one answers 410 from now on)",
  'x-permission': 'bookings:write',
  request: { params: bookingParams },
  responses: { 200: json(s.manageLinkDto, 'The new link'), ...errors.tenant },
});

const rescheduleBookingRoute = createRoute({
  method: 'post',
  path: '/{slug}/bookings/{bookingId}/reschedule',
  tags: bookingTags,
  summary: 'Move a booking to another time or resource, atomically',
  'x-permission': 'bookings:write',
  request: { params: bookingParams, body: jsonBody(s.rescheduleInput) },
  responses: { 200: json(s.bookingDto, 'The booking at its new time'), 409: taken, 422: ruleResponse, ...errors.tenant },
});

/** One route per lifecycle action; a forbidden move is a 409 naming `allowedActions`. */
const transitionRoute = <P extends string>(path: P, summary: string, body: 'optional' | 'required') =>
  createRoute({
    method: 'post',
    path,
    tags: bookingTags,
    summary,
    'x-permission': 'bookings:write',
    request: { params: bookingParams, body: body === 'required' ? jsonBody(s.cancelInput) : optionalJsonBody(s.reasonInput) },
    responses: {
      200: json(s.bookingDto, 'The booking after the change'),
      409: json(errorEnvelope, 'Not allowed from the current status or not yet (`details.allowedActions`, `details.reason`)'),
      422: ruleResponse,
      ...errors.tenant,
    },
  });

const confirmRoute = transitionRoute('/{slug}/bookings/{bookingId}/confirm', 'Confirm a pending booking', 'optional');
const rejectRoute = transitionRoute('/{slug}/bookings/{bookingId}/reject', 'Reject a pending booking (optionally saying why)', 'optional');
const startRoute = transitionRoute('/{slug}/bookings/{bookingId}/start', 'Start a confirmed booking (from shortly before its start)', 'optional');
const completeRoute = transitionRoute('/{slug}/bookings/{bookingId}/complete', 'Complete a booking in progress', 'optional');
const cancelRoute = transitionRoute('/{slug}/bookings/{bookingId}/cancel', 'Cancel a booking, saying why', 'required');
const noShowRoute = transitionRoute('/{slug}/bookings/{bookingId}/no-show', 'Mark a confirmed booking as a no-show (after its start)', 'optional');

// ─── Customers: /orgs/{slug}/customers ──────────────────────────────────────────────────────

const customerTags = ['Customers'];

const listCustomersRoute = createRoute({
  method: 'get',
  path: '/{slug}/customers',
  tags: customerTags,
  summary: 'Customers: search, sort, pages',
  'x-permission': 'customers:read',
  request: { params: slug, query: cs.listCustomersQuery },
  responses: { 200: json(cs.customerPage, 'A page of customers'), ...errors.tenant },
});

const getCustomerRoute = createRoute({
  method: 'get',
  path: '/{slug}/customers/{customerId}',
  tags: customerTags,
  summary: 'A customer with their bookings (newest first, in pages)',
  'x-permission': 'customers:read',
  request: { params: cs.customerParams, query: cs.getCustomerQuery },
  responses: { 200: json(cs.customerDetailDto, 'The customer'), ...errors.tenant },
});

const updateCustomerRoute = createRoute({
  method: 'patch',
  path: '/{slug}/customers/{customerId}',
  tags: customerTags,
  summary: 'Edit contact details, address, vehicles and notes',
  'x-permission': 'customers:write',
  request: { params: cs.customerParams, body: jsonBody(cs.updateCustomerInput) },
  responses: { 200: json(cs.customerDto, 'The customer after the change'), 409: conflictResponse, ...errors.tenant },
});

const mergeCustomersRoute = createRoute({
  method: 'post',
  path: '/{slug}/customers/{customerId}/merge',
  tags: customerTags,
  summary: 'Fold duplicates into this customer (their emails become aliases)',
  'x-permission': 'customers:write',
  request: { params: cs.customerParams, body: jsonBody(cs.mergeCustomersInput) },
  responses: { 200: json(cs.customerDto, 'The surviving customer'), ...errors.tenant },
});

/** `/api/v1/orgs/{slug}/…` bookings and customers. Mounted under the tenant middleware. */
export function bookingRoutes() {
  const param = (c: { req: { valid(t: 'param'): { bookingId: string } } }) => c.req.valid('param').bookingId;
  return router()
    .openapi(listBookingsRoute, async (c) => c.json(await listBookings(onReplica(c), c.req.valid('query')), 200))
    .openapi(memberAvailabilityRoute, async (c) => c.json(await memberAvailability(onReplica(c), c.req.valid('query')), 200))
    .openapi(createBookingRoute, async (c) => {
      const result = await createBooking(c.get('ctx'), c.req.valid('json'), c.req.valid('header')['idempotency-key']);
      c.set('bookingOutcome', result.replayed ? 'replayed' : 'created');
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 201);
    })
    .openapi(getBookingRoute, async (c) => c.json(await getBooking(c.get('ctx'), param(c)), 200))
    .openapi(updateBookingRoute, async (c) => c.json(await updateBooking(c.get('ctx'), param(c), c.req.valid('json')), 200))
    .openapi(recordBalanceRoute, async (c) => c.json(await recordBalancePaid(c.get('ctx'), param(c), c.req.valid('json')), 200))
    .openapi(rotateManageLinkRoute, async (c) => c.json(await rotateManageLink(c.get('ctx'), param(c)), 200))
    .openapi(rescheduleBookingRoute, async (c) => c.json(await rescheduleBooking(c.get('ctx'), param(c), c.req.valid('json')), 200))
    .openapi(confirmRoute, async (c) => c.json(await transitionBooking(c.get('ctx'), param(c), 'confirm', c.req.valid('json')), 200))
    .openapi(rejectRoute, async (c) => c.json(await transitionBooking(c.get('ctx'), param(c), 'reject', c.req.valid('json')), 200))
    .openapi(startRoute, async (c) => c.json(await transitionBooking(c.get('ctx'), param(c), 'start', c.req.valid('json')), 200))
    .openapi(completeRoute, async (c) => c.json(await transitionBooking(c.get('ctx'), param(c), 'complete', c.req.valid('json')), 200))
    .openapi(cancelRoute, async (c) => c.json(await transitionBooking(c.get('ctx'), param(c), 'cancel', c.req.valid('json')), 200))
    .openapi(noShowRoute, async (c) => c.json(await transitionBooking(c.get('ctx'), param(c), 'no_show', c.req.valid('json')), 200))
    .openapi(listCustomersRoute, async (c) => c.json(await listCustomers(onReplica(c), c.req.valid('query')), 200))
    .openapi(getCustomerRoute, async (c) => c.json(await getCustomer(c.get('ctx'), c.req.valid('param').customerId, c.req.valid('query')), 200))
    .openapi(updateCustomerRoute, async (c) => c.json(await updateCustomer(c.get('ctx'), c.req.valid('param').customerId, c.req.valid('json')), 200))
    .openapi(mergeCustomersRoute, async (c) => c.json(await mergeCustomers(c.get('ctx'), c.req.valid('param').customerId, c.req.valid('json')), 200));
}

// ─── Anyone: availability, guest bookings, manage links ─────────────────────────────────────

const publicTags = ['Public'];

const availabilityRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/availability',
  tags: publicTags,
  summary: 'Free times of a service (bounded answers: follow `nextFrom`)',
  request: { params: schedulingSchemas.availabilityParams, query: schedulingSchemas.availabilityQuery },
  responses: { 200: json(schedulingSchemas.availabilityDto, 'Free times, in the requested zone'), 422: ruleResponse, ...errors.public },
});

const createPublicBookingRoute = createRoute({
  method: 'post',
  path: '/orgs/{slug}/bookings',
  tags: publicTags,
  summary: 'Book (or request) a service as a guest',
  security: [],
  'x-challenge': 'slug',
  'x-rate-limit': 'guestBooking',
  // The booking funnel's server steps, counted in memory after the answer (routes/analytics.ts).
  middleware: [countBookingAttempt],
  request: { params: schedulingSchemas.availabilityParams, headers: s.idempotencyHeaders, body: jsonBody(s.publicBookingInput) },
  responses: { 201: json(s.publicCreatedBookingDto, 'The booking and its manage link'), 403: challengeResponse, 409: taken, 422: ruleResponse, ...errors.public },
});

const quoteRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/services/{serviceId}/quote',
  tags: publicTags,
  summary: 'What a booking would cost: unit, quantity and total, computed as the booking computes it',
  description: 'A stay (multi_day) needs `end` and is priced per night; a group service per seat; any other per booking. Not a promise that the time is free.',
  security: [],
  request: { params: s.quoteParams, query: s.quoteQuery },
  responses: { 200: json(s.quoteDto, 'The price'), ...errors.public },
});

const getManagedBookingRoute = createRoute({
  method: 'get',
  path: '/bookings/{token}',
  tags: publicTags,
  summary: 'The booking a manage link opens, and what its holder may do',
  security: [],
  request: { params: tokenParams },
  responses: { 200: json(s.managedBookingDto, 'The booking'), 410: gone, ...errors.public },
});

const cancelManagedBookingRoute = createRoute({
  method: 'post',
  path: '/bookings/{token}/cancel',
  tags: publicTags,
  summary: 'Cancel through the manage link (until the cancellation notice)',
  security: [],
  request: { params: tokenParams, body: jsonBody(s.cancelInput) },
  responses: { 200: json(s.bookingDto, 'The cancelled booking'), 409: conflictResponse, 410: gone, 422: ruleResponse, ...errors.public },
});

const rescheduleManagedBookingRoute = createRoute({
  method: 'post',
  path: '/bookings/{token}/reschedule',
  tags: publicTags,
  summary: 'Move the booking through the manage link (until the cancellation notice)',
  security: [],
  request: { params: tokenParams, body: jsonBody(s.rescheduleInput) },
  responses: { 200: json(s.bookingDto, 'The booking at its new time'), 409: taken, 410: gone, 422: ruleResponse, ...errors.public },
});

/** `/api/v1/public/…` availability, guest bookings and manage-by-token. */
export function publicBookingRoutes() {
  return router()
    .openapi(availabilityRoute, async (c) => c.json(await getAvailability(onReplica(c), c.req.valid('param').slug, c.req.valid('query')), 200))
    .openapi(createPublicBookingRoute, async (c) => {
      const result = await createPublicBooking(c.get('ctx'), c.req.valid('param').slug, c.req.valid('json'), c.req.valid('header')['idempotency-key']);
      c.set('bookingOutcome', result.replayed ? 'replayed' : 'created');
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 201);
    })
    .openapi(quoteRoute, async (c) => {
      const { slug, serviceId } = c.req.valid('param');
      return c.json(await quoteBooking(c.get('ctx'), slug, serviceId, c.req.valid('query')), 200);
    })
    .openapi(getManagedBookingRoute, async (c) => c.json(await getManagedBooking(c.get('ctx'), c.req.valid('param').token), 200))
    .openapi(cancelManagedBookingRoute, async (c) => c.json(await cancelManagedBooking(c.get('ctx'), c.req.valid('param').token, c.req.valid('json')), 200))
    .openapi(rescheduleManagedBookingRoute, async (c) => c.json(await rescheduleManagedBooking(c.get('ctx'), c.req.valid('param').token, c.req.valid('json')), 200));
}
