/**
 * Events and tickets: the back office under `/api/v1/orgs/{slug}/ticketed-events` (`/events` there
 * is the members' live stream, routes/realtime.ts) (events:manage to create and
 * change them, events:read for lists and figures, events:check_in at the door) and the public
 * listing under `/api/v1/public/orgs/{slug}/events` (no personal data: cacheable for a short
 * while by anyone). Tickets are bought through the shop's cart and checkout (routes/shop.ts).
 */
import { conflictResponse, createRoute, errors, json, jsonBody, noContent, router } from '@/api/openapi';
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
import { organizationSchemas } from '@/modules/organizations';

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
    .openapi(listEventsRoute, async (c) => c.json(await listEvents(c.var.ctx, c.req.valid('query')), 200))
    .openapi(createEventRoute, async (c) => c.json(await createEvent(c.var.ctx, c.req.valid('json')), 201))
    .openapi(getEventRoute, async (c) => c.json(await getEvent(c.var.ctx, c.req.valid('param').eventId), 200))
    .openapi(updateEventRoute, async (c) => c.json(await updateEvent(c.var.ctx, c.req.valid('param').eventId, c.req.valid('json')), 200))
    .openapi(deleteEventRoute, async (c) => {
      await deleteEvent(c.var.ctx, c.req.valid('param').eventId);
      return c.body(null, 204);
    })
    .openapi(createTicketTypeRoute, async (c) => c.json(await createTicketType(c.var.ctx, c.req.valid('param').eventId, c.req.valid('json')), 201))
    .openapi(updateTicketTypeRoute, async (c) => {
      const { eventId, ticketTypeId } = c.req.valid('param');
      return c.json(await updateTicketType(c.var.ctx, eventId, ticketTypeId, c.req.valid('json')), 200);
    })
    .openapi(deleteTicketTypeRoute, async (c) => {
      const { eventId, ticketTypeId } = c.req.valid('param');
      await deleteTicketType(c.var.ctx, eventId, ticketTypeId);
      return c.body(null, 204);
    })
    .openapi(listTicketsRoute, async (c) => c.json(await listTickets(c.var.ctx, c.req.valid('param').eventId, c.req.valid('query')), 200))
    .openapi(checkInRoute, async (c) => c.json(await checkInTicket(c.var.ctx, c.req.valid('json')), 200));
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

/** Anonymous; mounted under /public. */
export function publicEventRoutes() {
  return router()
    .openapi(publicEventsRoute, async (c) => {
      const page = await listPublicEvents(c.var.ctx, c.req.valid('param').slug, c.req.valid('query'));
      c.header('Cache-Control', cacheControl);
      return c.json(page, 200);
    })
    .openapi(publicEventRoute, async (c) => {
      const { slug: orgSlug, eventSlug } = c.req.valid('param');
      const event = await getPublicEvent(c.var.ctx, orgSlug, eventSlug, c.req.valid('query'));
      c.header('Cache-Control', cacheControl);
      return c.json(event, 200);
    });
}
