export type { BookingEventData, BookingRealtimeEvent, RealtimeEvent, SeatsEventData, SeatsRealtimeEvent, SlotChange, SlotEventData, StreamViewer } from './events';
export { SEATS_TOPIC, seatsEventData, slotChanges, visibleTo } from './events';
export { chunkEvents, databaseBus, type EventBus, redisBus } from './bus';
export { type FrameFor, type HubOptions, RealtimeHub } from './hub';
export { type EventSink, loadEventsAfter, PUBLISH_BATCH, publishOutboxEvents } from './publish';
export { createRealtime, type Realtime, type RealtimeOptions } from './realtime';
export * as realtimeSchemas from './schemas';
export { isStreamPath, openAvailabilityStream, openMemberStream, openSeatsStream } from './streams';
