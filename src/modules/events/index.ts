/**
 * events — dated events with a capacity, sold as tickets through the shop's cart, checkout and
 * orders (decision 0016). Each event owns one hidden ticket product (products.kind 'ticket');
 * ticket types are its variants, each drawing one unit of its own stock item (its limit) and
 * one of the event's capacity stock item (product_variants.pool_stock_item_id). Invariants:
 * never more seats held or sold than the capacity or a type's limit (the stock CHECK and the
 * checkout's conditional UPDATEs, pools summed like shared stock); tickets exist for paid
 * orders only and are voided with their order; a ticket is checked in once (conditional UPDATE).
 * Lock order: the event row, then stock items by id (the checkout's order for stock items).
 * Tables owned: events, tickets; writes products/product_variants/stock_items of kind 'ticket'.
 * Events: event.seats_changed {eventId} (outbox, realtime only: the public pages' live seats),
 * written wherever seats move; orders' outbox topics carry ticket emails; audit rows event.*,
 * ticket_type.*, ticket.checked_in.
 */
export { checkInTicket } from './check-in';
export { createEvent } from './create-event';
export { createTicketType } from './create-ticket-type';
export { deleteEvent } from './delete-event';
export { deleteTicketType } from './delete-ticket-type';
export { getEvent } from './get-event';
export { listEvents } from './list-events';
export { listTickets } from './list-tickets';
export { getPublicEvent, listPublicEvents, publicEventScope } from './public-events';
export { eventOf, salesState } from './queries';
export { eventSeatsChanged, SEATS_CHANGED_TOPIC, stockSeatsChanged } from './seats-changed';
export * as eventSchemas from './schemas';
export type { CheckInDto, EventDto, OrderTicketDto, PublicEventDetailDto, PublicEventDto, TicketDto, TicketTypeDto } from './schemas';
export { issueOrderTickets, orderTickets, voidOrderTickets } from './tickets';
export { groupCode, qrPng } from './ticket-code';
export { updateEvent } from './update-event';
export { updateTicketType } from './update-ticket-type';
