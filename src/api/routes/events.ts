/**
 * Events and tickets: the back office under `/api/v1/orgs/{slug}/ticketed-events` (`/events` there
 * is the members' live stream, routes/realtime.ts) (events:manage to create and
 * change them, events:read for lists and figures, events:check_in at the door) and the public
 * listing under `/api/v1/public/orgs/{slug}/events` (no personal data: cacheable for a short
 * while by anyone). Tickets are bought through the shop's cart and checkout (routes/shop.ts).
 */
import { challengeResponse, conflictResponse, createRoute, errors, json, jsonBody, noContent, router, ruleResponse } from '@/api/openapi';
import {
  checkInTicket,
  createEvent,
  createTicketType,
  deleteEvent,
  deleteTicketType,
  eventSchemas as s,
  getEvent,
  getPublicEvent,
  listEvents,
  listPublicEvents,
  listTickets,
  updateEvent,
  updateTicketType,
} from '@/modules/events';
import { eventWaitlistSchemas as w, getEventWaitlistEntry, joinEventWaitlist, leaveEventWaitlist, listEventWaitlist, payEventWaitlistOffer } from '@/modules/event-waitlist';
import { organizationSchemas } from '@/modules/organizations';
import { onReplica } from '@/api/read-replica';

const tags = ['Events'];
const slug = organizationSchemas.slugParams;

const listEventsRoute = createRoute({
  method: 'get',
  path: '/{slug}/ticketed-events',
  tags,
  summary: 'Events with their ticket types and sales figures (filters: status, upcoming)',
  'x-permission': 'events:read',
  request: { params: slug, query: s.listEventsQuery },
  responses: { 200: json(s.eventPage, 'A page of events'), ...errors.tenant },
});

const createEventRoute = createRoute({
  method: 'post',
  path: '/{slug}/ticketed-events',
  tags,
  summary: 'Create an event (its capacity and hidden ticket product come with it; add ticket types next)',
  'x-permission': 'events:manage',
  request: { params: slug, body: jsonBody(s.createEventInput) },
  responses: { 201: json(s.eventDto, 'The event'), 409: conflictResponse, ...errors.tenant },
});

const getEventRoute = createRoute({
  method: 'get',
  path: '/{slug}/ticketed-events/{eventId}',
  tags,
  summary: 'An event: ticket types, sold, held, remaining and checked in (per type and in total)',
  'x-permission': 'events:read',
  request: { params: s.eventParams },
  responses: { 200: json(s.eventDto, 'The event'), ...errors.tenant },
});

const updateEventRoute = createRoute({
  method: 'patch',
  path: '/{slug}/ticketed-events/{eventId}',
  tags,
  summary: 'Change an event (publish, cancel, move, resize: a capacity below the seats sold or held is a 409)',
  'x-permission': 'events:manage',
  request: { params: s.eventParams, body: jsonBody(s.updateEventInput) },
  responses: { 200: json(s.eventDto, 'The event after the change'), 409: conflictResponse, ...errors.tenant },
});

const deleteEventRoute = createRoute({
  method: 'delete',
  path: '/{slug}/ticketed-events/{eventId}',
  tags,
  summary: 'Delete an event that sold nothing (otherwise 409: cancel it instead)',
  'x-permission': 'events:manage',
  request: { params: s.eventParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

const createTicketTypeRoute = createRoute({
  method: 'post',
  path: '/{slug}/ticketed-events/{eventId}/ticket-types',
  tags,
  summary: 'Add a ticket type: name, price, optional limit of its own (the capacity limits all types together)',
  'x-permission': 'events:manage',
  request: { params: s.eventParams, body: jsonBody(s.createTicketTypeInput) },
  responses: { 201: json(s.ticketTypeDto, 'The ticket type'), ...errors.tenant },
});

const updateTicketTypeRoute = createRoute({
  method: 'patch',
  path: '/{slug}/ticketed-events/{eventId}/ticket-types/{ticketTypeId}',
  tags,
  summary: 'Change a ticket type (a limit below what is sold or held is a 409)',
  'x-permission': 'events:manage',
  request: { params: s.ticketTypeParams, body: jsonBody(s.updateTicketTypeInput) },
  responses: { 200: json(s.ticketTypeDto, 'The ticket type after the change'), 409: conflictResponse, ...errors.tenant },
});

const deleteTicketTypeRoute = createRoute({
  method: 'delete',
  path: '/{slug}/ticketed-events/{eventId}/ticket-types/{ticketTypeId}',
  tags,
  summary: 'Delete a ticket type that sold nothing (otherwise 409: deactivate it)',
  'x-permission': 'events:manage',
  request: { params: s.ticketTypeParams },
  responses: { 204: noContent, 409: conflictResponse, ...errors.tenant },
});

const listTicketsRoute = createRoute({
  method: 'get',
  path: '/{slug}/ticketed-events/{eventId}/tickets',
  tags,
  summary: "An event's tickets: holder, type, order number, status, check-in",
  'x-permission': 'events:read',
  request: { params: s.eventParams, query: s.listTicketsQuery },
  responses: { 200: json(s.ticketPage, 'A page of tickets'), ...errors.tenant },
});

const listWaitlistRoute = createRoute({
  method: 'get',
  path: '/{slug}/ticketed-events/{eventId}/waitlist',
  tags,
  summary: "An event's waitlist: place in line, name, email, ticket type, quantity, status, offer expiry",
  'x-permission': 'events:read',
  request: { params: w.eventWaitlistParams, query: w.listEventWaitlistQuery },
  responses: { 200: json(w.eventWaitlistPage, 'A page of waitlist entries'), ...errors.tenant },
});

const checkInRoute = createRoute({
  method: 'post',
  path: '/{slug}/check-in',
  tags,
  summary: 'Admit the holder of a ticket code (once: a second scan is 409 already_checked_in; a voided ticket 409 ticket_void)',
  'x-permission': 'events:check_in',
  request: { params: slug, body: jsonBody(s.checkInInput) },
  responses: { 200: json(s.checkInDto, 'Admitted'), 409: conflictResponse, ...errors.tenant },
});

export function eventRoutes() {
  return router()
    .openapi(listEventsRoute, async (c) => c.json(await listEvents(c.get('ctx'), c.req.valid('query')), 200))
    .openapi(createEventRoute, async (c) => c.json(await createEvent(c.get('ctx'), c.req.valid('json')), 201))
    .openapi(getEventRoute, async (c) => c.json(await getEvent(c.get('ctx'), c.req.valid('param').eventId), 200))
    .openapi(updateEventRoute, async (c) => c.json(await updateEvent(c.get('ctx'), c.req.valid('param').eventId, c.req.valid('json')), 200))
    .openapi(deleteEventRoute, async (c) => {
      await deleteEvent(c.get('ctx'), c.req.valid('param').eventId);
      return c.body(null, 204);
    })
    .openapi(createTicketTypeRoute, async (c) => c.json(await createTicketType(c.get('ctx'), c.req.valid('param').eventId, c.req.valid('json')), 201))
    .openapi(updateTicketTypeRoute, async (c) => {
      const { eventId, ticketTypeId } = c.req.valid('param');
      return c.json(await updateTicketType(c.get('ctx'), eventId, ticketTypeId, c.req.valid('json')), 200);
    })
    .openapi(deleteTicketTypeRoute, async (c) => {
      const { eventId, ticketTypeId } = c.req.valid('param');
      await deleteTicketType(c.get('ctx'), eventId, ticketTypeId);
      return c.body(null, 204);
    })
    .openapi(listTicketsRoute, async (c) => c.json(await listTickets(c.get('ctx'), c.req.valid('param').eventId, c.req.valid('query')), 200))
    .openapi(listWaitlistRoute, async (c) => c.json(await listEventWaitlist(c.get('ctx'), c.req.valid('param').eventId, c.req.valid('query')), 200))
    .openapi(checkInRoute, async (c) => c.json(await checkInTicket(c.get('ctx'), c.req.valid('json')), 200));
}

// ─── Public ─────────────────────────────────────────────────────────────────────────────────

const publicTags = ['Events (public)'];
const cacheControl = `public, max-age=${s.PUBLIC_MAX_AGE}, stale-while-revalidate=${s.PUBLIC_STALE}`;

const publicEventsRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/events',
  tags: publicTags,
  summary: 'Published events that have not ended, soonest first, with what is left',
  description: 'Texts in `locale` (or Accept-Language) where the organization translated them. No personal data; cacheable for a short while.',
  security: [],
  request: { params: slug, query: s.publicEventsQuery },
  responses: { 200: json(s.publicEventPage, 'A page of events'), ...errors.public },
});

const publicEventRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/events/{eventSlug}',
  tags: publicTags,
  summary: 'One event with its ticket types (variantId to add to the cart, price, remaining)',
  security: [],
  request: { params: s.publicEventParams, query: s.publicEventQuery },
  responses: { 200: json(s.publicEventDetailDto, 'The event'), ...errors.public },
});

const waitlistTags = ['Event waitlist (public)'];

const joinWaitlistRoute = createRoute({
  method: 'post',
  path: '/orgs/{slug}/events/{eventSlug}/waitlist',
  tags: waitlistTags,
  summary: 'Join the waitlist of a sold-out ticket type: offered the seats, held for a while, when they come back',
  description:
    '409 `tickets_available` (with `details.available`) when the type can sell `quantity` seats now, `already_waiting` for a second live entry of one address, `sales_closed` for an event not on sale. The answer carries the secret link to the entry (also emailed).',
  security: [],
  'x-challenge': 'slug',
  request: { params: w.publicJoinParams, body: jsonBody(w.joinEventWaitlistInput) },
  responses: { 201: json(w.joinedEventWaitlistDto, 'The entry and its secret link'), 403: challengeResponse, 409: conflictResponse, ...errors.public },
});

const waitlistEntryRoute = createRoute({
  method: 'get',
  path: '/orgs/{slug}/event-waitlist/{entryToken}',
  tags: waitlistTags,
  summary: 'The waitlist entry a secret link opens: place in line, and the held tickets while offered',
  security: [],
  request: { params: w.entryTokenParams },
  responses: { 200: json(w.publicEventWaitlistEntryDto, 'The entry'), ...errors.public },
});

const payWaitlistRoute = createRoute({
  method: 'post',
  path: '/orgs/{slug}/event-waitlist/{entryToken}/pay',
  tags: waitlistTags,
  summary: 'Pay the held tickets of an offer (the checkout payment path: tickets issued when paid)',
  description: '409 `not_offered`, `already_purchased` or `hold_expired`; 422 `payment_declined` (the seats go back on sale) or `payment_provider_unavailable`.',
  security: [],
  request: { params: w.entryTokenParams, body: jsonBody(w.payEventWaitlistInput) },
  responses: { 200: json(w.publicEventWaitlistEntryDto, 'The entry, purchased'), 409: conflictResponse, 422: ruleResponse, ...errors.public },
});

const leaveWaitlistRoute = createRoute({
  method: 'delete',
  path: '/orgs/{slug}/event-waitlist/{entryToken}',
  tags: waitlistTags,
  summary: 'Leave the waitlist (an offered entry gives its held seats back, offered to the next in line)',
  security: [],
  request: { params: w.entryTokenParams },
  responses: { 200: json(w.publicEventWaitlistEntryDto, 'The entry, left'), 409: conflictResponse, ...errors.public },
});

/** Anonymous; mounted under /public. */
export function publicEventRoutes() {
  return router()
    .openapi(publicEventsRoute, async (c) => {
      const page = await listPublicEvents(onReplica(c), c.req.valid('param').slug, c.req.valid('query'));
      c.header('Cache-Control', cacheControl);
      return c.json(page, 200);
    })
    .openapi(publicEventRoute, async (c) => {
      const { slug: orgSlug, eventSlug } = c.req.valid('param');
      const event = await getPublicEvent(onReplica(c), orgSlug, eventSlug, c.req.valid('query'));
      c.header('Cache-Control', cacheControl);
      return c.json(event, 200);
    })
    .openapi(joinWaitlistRoute, async (c) => {
      const { slug: orgSlug, eventSlug } = c.req.valid('param');
      return c.json(await joinEventWaitlist(c.get('ctx'), orgSlug, eventSlug, c.req.valid('json')), 201);
    })
    .openapi(waitlistEntryRoute, async (c) => {
      const { slug: orgSlug, entryToken } = c.req.valid('param');
      c.header('Cache-Control', 'no-store');
      return c.json(await getEventWaitlistEntry(c.get('ctx'), orgSlug, entryToken), 200);
    })
    .openapi(payWaitlistRoute, async (c) => {
      const { slug: orgSlug, entryToken } = c.req.valid('param');
      return c.json(await payEventWaitlistOffer(c.get('ctx'), orgSlug, entryToken, c.req.valid('json')), 200);
    })
    .openapi(leaveWaitlistRoute, async (c) => {
      const { slug: orgSlug, entryToken } = c.req.valid('param');
      return c.json(await leaveEventWaitlist(c.get('ctx'), orgSlug, entryToken), 200);
    });
}
