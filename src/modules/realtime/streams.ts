/**
 * The two live streams. Both authorize and validate before the first byte (a refusal is the
 * usual JSON envelope), then hand the hub a frame function that decides, per event, what this
 * stream may carry.
 */
import { findPublicOrganization, getPublicService } from '@/modules/catalog';
import { authorize, type Ctx, ownBookingsOnly } from '@/modules/kernel';
import { bookingEventData, type RealtimeEvent, type SlotEventData, type StreamViewer, visibleTo } from './events';
import type { RealtimeHub } from './hub';

const frame = (id: number, event: string, data: unknown) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A member's stream of their organization's booking changes (a club member: their own). */
export function openMemberStream(ctx: Ctx, hub: RealtimeHub, lastEventId?: string | null): ReadableStream<Uint8Array> {
  authorize(ctx, 'bookings:read');
  const viewer: StreamViewer = { organizationId: ctx.tenant!.id, ownOnly: ownBookingsOnly(ctx) };
  return hub.open(ctx.request.ip ?? 'unknown', (e: RealtimeEvent) => (visibleTo(e, viewer) ? frame(e.seq, 'booking', bookingEventData(e)) : ''), lastEventId);
}

/** The public booking page's stream: times taken and freed on the service's resources. */
export async function openAvailabilityStream(ctx: Ctx, hub: RealtimeHub, slug: string, serviceId: string, lastEventId?: string | null): Promise<ReadableStream<Uint8Array>> {
  const org = await findPublicOrganization(ctx, slug);
  const service = await getPublicService(ctx, slug, serviceId);
  const resources = new Set(service.resources.map((r) => r.id));
  return hub.open(
    ctx.request.ip ?? 'unknown',
    (e: RealtimeEvent) => {
      if (e.organizationId !== org.id) return '';
      let out = '';
      for (const s of e.slots) {
        if (!resources.has(s.resourceId)) continue;
        const data: SlotEventData = { seq: e.seq, change: s.change, resourceId: s.resourceId, startsAt: s.startsAt, endsAt: s.endsAt };
        out += frame(e.seq, 'slot', data);
      }
      return out;
    },
    lastEventId,
  );
}
