/**
 * analytics — the booking funnel: service viewed → time chosen → details submitted → booked,
 * and where visitors drop off (conflict 409, rule 422, invalid 400), per organization, service
 * and local day. Invariants: counts only — no visitor, address, cookie or booking is recorded;
 * nothing is written in a booking's transaction (counts gather in each process's memory and
 * `flushFunnel` adds them with one upsert every few seconds, and at shutdown); counts older
 * than 400 days are pruned. Tables owned: booking_funnel_daily (tenant table, RLS; written on
 * the owner connection by the flush).
 */
export { flushFunnel, FUNNEL_RETENTION_DAYS, pruneFunnel } from './flush-funnel';
export { FUNNEL_FLUSH_INTERVAL_MS, type FunnelFlusher, startFunnelFlusher } from './flusher';
export { FunnelCounter, funnelCounter, MAX_FUNNEL_KEYS, type FunnelEntry } from './funnel-counter';
export { getBookingFunnel } from './get-funnel';
export { venueOverview } from './venue-overview';
export { type BookingAttemptOutcome, recordBookingAttempt, recordFunnelStep } from './record-funnel-step';
export * as analyticsSchemas from './schemas';
export type { FunnelCounts, FunnelDto, FunnelStep, VenueOverviewDto } from './schemas';
