/**
 * The two live streams. Both authorize and validate before the first byte (a refusal is the
 * usual JSON envelope), then hand the hub a frame function that decides, per event, what this
 * stream may carry.
 */
import { findPublicOrganization, getPublicService } from '@/modules/catalog';
import { publicEventScope } from '@/modules/events';
import { authorize, type Ctx, ownBookingsOnly } from '@/modules/kernel';
import { type BookingRealtimeEvent, bookingEventData, type RealtimeEvent, seatsEventData, type SeatsRealtimeEvent, type SlotEventData, type StreamViewer, visibleTo } from './events';
import type { RealtimeHub } from './hub';

/** The live streams' paths (the server cuts those still open a moment after shutdown ends them). */
const STREAM_PATH = /^\/api\/v1\/(orgs\/[^/?]+\/events|public\/orgs\/[^/?]+\/(availability|seats)\/stream)(\?|$)/;
export function isStreamPath(url: string): boolean {
  return STREAM_PATH.test(url);
}

const frame = (id: number, event: string, data: unknown) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

// An event's frames are the same for every stream that may see it: built once per event, not
// once per stream (a thousand streams of one organization would otherwise serialize it a
// thousand times). Dropped with the event.
const bookingFrames = new WeakMap<RealtimeEvent, string>();
const slotFrames = new WeakMap<RealtimeEvent, { resourceId: string; text: string }[]>();
const seatsFrames = new WeakMap<RealtimeEvent, string>();

function bookingFrame(e: BookingRealtimeEvent): string {
  let text = bookingFrames.get(e);
  if (text === undefined) bookingFrames.set(e, (text = frame(e.seq, 'booking', bookingEventData(e))));
  return text;
}

function slotFramesOf(e: BookingRealtimeEvent) {
  let list = slotFrames.get(e);
  if (list === undefined) {
    list = e.slots.map((s) => {
      const data: SlotEventData = { seq: e.seq, change: s.change, resourceId: s.resourceId, startsAt: s.startsAt, endsAt: s.endsAt };
      return { resourceId: s.resourceId, text: frame(e.seq, 'slot', data) };
    });
    slotFrames.set(e, list);
  }
  return list;
}

/** A member's stream of their organization's booking changes (a club member: their own). */
export function openMemberStream(ctx: Ctx, hub: RealtimeHub, lastEventId?: string | null): ReadableStream<Uint8Array> {
  authorize(ctx, 'bookings:read');
  const viewer: StreamViewer = { organizationId: ctx.tenant!.id, ownOnly: ownBookingsOnly(ctx) };
  return hub.open(ctx.request.ip ?? 'unknown', (e: RealtimeEvent) => (e.kind !== 'seats' && visibleTo(e, viewer) ? bookingFrame(e) : ''), lastEventId);
}

/**
 * The public booking page's stream: times taken and freed on the service's resources. Ids are
 * unique per organization only (primary keys are (organization_id, id), docs/decisions/0022; a
 * restored backup keeps its ids), so the filter names the organization as well as the resource:
 * no other tenant's slot can pass it. Two lookups (the organization, the service) before the
 * first byte.
 */
export async function openAvailabilityStream(ctx: Ctx, hub: RealtimeHub, slug: string, serviceId: string, lastEventId?: string | null): Promise<ReadableStream<Uint8Array>> {
  const org = await findPublicOrganization(ctx, slug);
  const service = await getPublicService(ctx, slug, serviceId);
  const resources = new Set(service.resources.map((r) => r.id));
  return hub.open(
    ctx.request.ip ?? 'unknown',
    (e: RealtimeEvent) => {
      if (e.kind === 'seats' || e.slots.length === 0 || e.organizationId !== org.id) return '';
      let out = '';
      for (const s of slotFramesOf(e)) if (resources.has(s.resourceId)) out += s.text;
      return out;
    },
    lastEventId,
  );
}

function seatsFrame(e: SeatsRealtimeEvent): string {
  let text = seatsFrames.get(e);
  if (text === undefined) seatsFrames.set(e, (text = frame(e.seq, 'seats', seatsEventData(e))));
  return text;
}

/**
 * The public event pages' stream: an organization's events' seats left (or one event's, with
 * `eventSlug`), as read when each change was published. Public data only (ids, slug, counts).
 * One lookup (the organization, and the event if asked) before the first byte; an unknown one
 * is the 404 envelope, like the pages.
 */
export async function openSeatsStream(ctx: Ctx, hub: RealtimeHub, slug: string, eventSlug?: string, lastEventId?: string | null): Promise<ReadableStream<Uint8Array>> {
  const scope = await publicEventScope(ctx, slug, eventSlug);
  return hub.open(
    ctx.request.ip ?? 'unknown',
    (e: RealtimeEvent) => (e.kind === 'seats' && e.organizationId === scope.organizationId && (scope.eventId === null || e.eventId === scope.eventId) ? seatsFrame(e) : ''),
    lastEventId,
  );
}
