/**
 * Realtime events: what the publisher sends over the fan-out channel, and what each stream may
 * pass on. An event is small: the topic, the organization, the booking's id and version and its
 * public fields. Who may see it (`audience`) travels with it and is never sent to a client.
 */
import type { BookingStatus } from '@/db/enums';
import { activeBookingStatuses } from '@/db/enums';

/**
 * One committed change, as every instance receives it: a booking change (members' streams, the
 * public availability stream) or an event's seats left (the public seats stream). Both are
 * numbered by the same sequence, so one replay buffer and one Last-Event-ID serve every stream.
 */
export type RealtimeEvent = BookingRealtimeEvent | SeatsRealtimeEvent;

/** A booking change. `kind` is absent on booking events (their wire shape predates seats). */
export interface BookingRealtimeEvent {
  kind?: 'booking';
  /** Global, increasing (sequence `realtime_event_seq`): the stream's `id:`, the replay cursor. */
  seq: number;
  organizationId: string;
  /** The outbox topic it reports: booking.created, booking.status_changed, booking.rescheduled … */
  topic: string;
  bookingId: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  resourceId: string;
  serviceId: string;
  source: string;
  /** The booking's `updated_at` after this change: a client holding a newer version ignores it. */
  version: string;
  /** Slot changes for the public availability stream (no personal data). */
  slots: SlotChange[];
  /** Who may read it beyond the roles that read every booking. Stripped before sending. */
  audience: { createdByUserId: string | null; customerEmail: string };
}

/**
 * An event's seats left, read when the publisher sent it (outbox topic `event.seats_changed`):
 * public data only — what the public event pages show anyway.
 */
/** The outbox topic of seat changes (written by modules/events seats-changed.ts). */
export const SEATS_TOPIC = 'event.seats_changed';

export interface SeatsRealtimeEvent {
  kind: 'seats';
  seq: number;
  organizationId: string;
  topic: typeof SEATS_TOPIC;
  eventId: string;
  /** The event's public slug (the pages are addressed by it). */
  slug: string;
  /** Seats a buyer can take now in all: the capacity left, at most what the active types allow. */
  remaining: number;
  soldOut: boolean;
  /** Per active ticket type (the public pages' `variantId`). */
  ticketTypes: { variantId: string; remaining: number; soldOut: boolean }[];
}

/** What the public seats stream sends (`event: seats`). */
export type SeatsEventData = Omit<SeatsRealtimeEvent, 'kind' | 'organizationId' | 'topic'>;

export interface SlotChange {
  change: 'taken' | 'freed';
  resourceId: string;
  startsAt: string;
  endsAt: string;
}

/** What a member's stream sends (`event: booking`). */
export type BookingEventData = Omit<BookingRealtimeEvent, 'kind' | 'organizationId' | 'slots' | 'audience'>;
/** What the public stream sends (`event: slot`). */
export type SlotEventData = SlotChange & { seq: number };

const active = (s: unknown) => (activeBookingStatuses as readonly unknown[]).includes(s);

/**
 * The times an outbox message takes or frees, from its topic and payload: created → taken;
 * a status change out of the active set → freed (into it → taken); a move → the old place freed
 * and the new one taken.
 */
export function slotChanges(
  topic: string,
  payload: Record<string, unknown>,
  booking: { resourceId: string; startsAt: string; endsAt: string; status: BookingStatus },
): SlotChange[] {
  const here = { resourceId: booking.resourceId, startsAt: booking.startsAt, endsAt: booking.endsAt };
  switch (topic) {
    case 'booking.created':
      return active(booking.status) ? [{ change: 'taken', ...here }] : [];
    case 'booking.status_changed': {
      const was = active(payload.from);
      const is = active(payload.to);
      if (was === is) return [];
      return [{ change: is ? 'taken' : 'freed', ...here }];
    }
    case 'booking.rescheduled': {
      const before = payload.before as { start?: string; end?: string; resourceId?: string } | undefined;
      const after = payload.after as { start?: string; end?: string; resourceId?: string } | undefined;
      const out: SlotChange[] = [];
      if (before?.start && before.end && before.resourceId) {
        out.push({ change: 'freed', resourceId: before.resourceId, startsAt: new Date(before.start).toISOString(), endsAt: new Date(before.end).toISOString() });
      }
      if (after?.start && after.end && after.resourceId && active(booking.status)) {
        out.push({ change: 'taken', resourceId: after.resourceId, startsAt: new Date(after.start).toISOString(), endsAt: new Date(after.end).toISOString() });
      }
      return out;
    }
    default:
      return [];
  }
}

/** Who is reading a member stream. */
export interface StreamViewer {
  organizationId: string;
  /** Set for the `member` role: only bookings they made or that are in their email's name. */
  ownOnly: { userId: string; email: string } | null;
}

/** May this viewer see this event? Never another organization's; a club member only their own. */
export function visibleTo(event: RealtimeEvent, viewer: StreamViewer): boolean {
  // Members' streams carry bookings only: the dashboard reads seats from its own pages.
  if (event.kind === 'seats') return false;
  if (event.organizationId !== viewer.organizationId) return false;
  if (!viewer.ownOnly) return true;
  return event.audience.createdByUserId === viewer.ownOnly.userId || event.audience.customerEmail === viewer.ownOnly.email.toLowerCase();
}

export function bookingEventData(event: BookingRealtimeEvent): BookingEventData {
  const { kind: _k, organizationId: _o, slots: _s, audience: _a, ...data } = event;
  return data;
}

export function seatsEventData(event: SeatsRealtimeEvent): SeatsEventData {
  return { seq: event.seq, eventId: event.eventId, slug: event.slug, remaining: event.remaining, soldOut: event.soldOut, ticketTypes: event.ticketTypes };
}
