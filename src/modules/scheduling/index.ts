/**
 * scheduling — when can a service be booked. The pure engine (./availability) plus the loaders
 * that feed it in a constant number of queries (no per-day or per-resource loops).
 * Reads catalog and bookings tables; owns none. Events: none.
 */
export * from './availability';
/** Civil-date arithmetic in a zone, for other pure engines (modules/rules). */
export { civilFromDays, DAY_MS, daysFromCivil, isoWeekday, zoneCalendar } from './availability/calendar';
export { addDays, findSlots, INTERNAL_SLOT_LIMITS, localDateOf, PUBLIC_SLOT_LIMITS, serviceParams, toIsoInZone, type SlotSearch, type SlotSearchResult } from './find-slots';
export { availabilitySearch, getAvailability } from './get-availability';
export { loadBusy, overlapOn, unpackBusy } from './load-busy';
export { availabilityQuery, localDateSchema, MAX_WINDOW_DAYS, resourceIdSchema, serviceIdSchema, zoneSchema } from './schemas';
export * as schedulingSchemas from './schemas';
export type { AvailabilityDto, SlotDto } from './schemas';
