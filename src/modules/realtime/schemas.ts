/** The realtime routes' inputs and the streams' declared bodies (client-safe). */
import { z } from 'zod';
import { serviceIdSchema } from '@/modules/scheduling/schemas';

export const availabilityStreamQuery = z.object({ serviceId: serviceIdSchema });

export const seatsStreamQuery = z.object({
  event: z
    .string()
    .max(80, 'is not an event')
    .regex(/^[A-Za-z0-9-]{1,80}$/, 'is not an event')
    .optional()
    .meta({ description: "One event's slug: only its seats (default: every public event of the organization)" }),
});

export const lastEventIdHeaders = z.object({
  'last-event-id': z.string().max(64).optional().meta({ description: 'The last event received (EventSource sends it when it reconnects): the stream resumes after it' }),
});

export const memberEventStreamText = z.string().meta({
  description:
    'Server-Sent Events. `event: booking`, `id: <n>`, `data:` {seq, topic, bookingId, status, startsAt, endsAt, resourceId, serviceId, source, version} for each booking change the member may read; `event: reset` when a resume reaches further back than the replay buffer (refetch); `: ping` heartbeats every 15 s; `retry:` the reconnect delay.',
});

export const slotEventStreamText = z.string().meta({
  description:
    'Server-Sent Events. `event: slot`, `id: <n>`, `data:` {seq, change: "taken" | "freed", resourceId, startsAt, endsAt} for the resources the service uses; no personal data. `event: reset` and `: ping` as on the members\' stream.',
});

export const seatsEventStreamText = z.string().meta({
  description:
    'Server-Sent Events. `event: seats`, `id: <n>`, `data:` {seq, eventId, slug, remaining, soldOut, ticketTypes: [{variantId, remaining, soldOut}]} each time an event\'s seats change (tickets bought, given back, a capacity or limit changed, the event published or cancelled), read when the change was published; no personal data. `event: reset` and `: ping` as on the members\' stream.',
});
