/**
 * The booking lifecycle. pending → confirmed → in_progress → completed; pending → rejected;
 * pending/confirmed → cancelled; confirmed → no_show; held (a waitlist hold) → cancelled by
 * staff (released) — the member's booking of a hold is the waitlist's claim (bookings/holds.ts). Anything else is a 409 that names the
 * actions allowed from the current status.
 *
 * Time, as data too: starting opens `startLeadMinutes` before the start (an organization
 * setting, default 30), completing and marking a no-show at the start. Earlier, the action is
 * not among the allowed ones and asking for it is a 409 with `details.reason: 'too_early'`.
 */
import { activeBookingStatuses, bookingActions, type BookingAction, type BookingStatus } from '@/db/enums';
import { conflict } from '@/lib/errors';
import { toIsoInZone } from '@/modules/scheduling';

export { bookingActions, type BookingAction } from '@/db/enums';

const transitions: Record<BookingAction, { from: readonly BookingStatus[]; to: BookingStatus }> = {
  confirm: { from: ['pending'], to: 'confirmed' },
  reject: { from: ['pending'], to: 'rejected' },
  start: { from: ['confirmed'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  // `held` (a waitlist hold): staff may release it; the member books it through the waitlist's claim.
  cancel: { from: ['pending', 'confirmed', 'held'], to: 'cancelled' },
  no_show: { from: ['confirmed'], to: 'no_show' },
};

/** Statuses that hold the resource (the exclusion constraint's): leaving them frees the range. */
export const isActive = (status: BookingStatus) => (activeBookingStatuses as readonly BookingStatus[]).includes(status);

/** Actions whose target status frees the range (the waitlist is offered it in the same transaction). */
export const freesRange = (action: BookingAction) => action === 'cancel' || action === 'reject';

/**
 * How long before the booking's start an action opens: minutes, or the organization's
 * `startLeadMinutes`. Actions without an entry may happen at any time.
 */
export const opensBeforeStart: Partial<Record<BookingAction, number | 'startLeadMinutes'>> = {
  start: 'startLeadMinutes',
  complete: 0,
  no_show: 0,
};

/** What the time rules read: the booking's start, the request's clock and the organization's lead. */
export interface ActionClock {
  startsAt: Date;
  now: Date;
  startLeadMinutes: number;
}

/** The instant `action` opens for this booking, or null when it has no time rule. */
export function opensAt(action: BookingAction, clock: ActionClock): Date | null {
  const lead = opensBeforeStart[action];
  if (lead === undefined) return null;
  const minutes = lead === 'startLeadMinutes' ? clock.startLeadMinutes : lead;
  return new Date(clock.startsAt.getTime() - minutes * 60_000);
}

const tooEarly = (action: BookingAction, clock: ActionClock) => {
  const opens = opensAt(action, clock);
  return opens !== null && clock.now < opens;
};

/** The actions the booking allows now: by its status, then by time. */
export function allowedActions(status: BookingStatus, clock: ActionClock): BookingAction[] {
  return bookingActions.filter((a) => transitions[a].from.includes(status) && !tooEarly(a, clock));
}

/** The status `action` leads to from `status`, or a 409 naming why not and what is allowed instead. */
export function nextStatus(status: BookingStatus, action: BookingAction, clock: ActionClock, zone: string): BookingStatus {
  const rule = transitions[action];
  const allowed = allowedActions(status, clock);
  if (!rule.from.includes(status)) {
    throw conflict(
      `A ${status.replace('_', ' ')} booking cannot be ${pastTense[action]}. ${allowed.length ? `Allowed: ${allowed.join(', ')}.` : 'No further changes are possible.'}`,
      { reason: 'status', status, action, allowedActions: allowed },
    );
  }
  const opens = opensAt(action, clock);
  if (opens && clock.now < opens) {
    const when = toIsoInZone(opens.getTime(), zone);
    throw conflict(
      action === 'start'
        ? `This booking can be started from ${when} (${clock.startLeadMinutes} minutes before its start), not earlier.`
        : `A booking cannot be ${pastTense[action]} before it starts (${when}).`,
      { reason: 'too_early', status, action, opensAt: when, allowedActions: allowed },
    );
  }
  return rule.to;
}

const pastTense: Record<BookingAction, string> = {
  confirm: 'confirmed',
  reject: 'rejected',
  start: 'started',
  complete: 'completed',
  cancel: 'cancelled',
  no_show: 'marked as a no-show',
};

export const statusTimestamp: Partial<Record<BookingStatus, 'confirmedAt' | 'startedAt' | 'completedAt' | 'cancelledAt'>> = {
  confirmed: 'confirmedAt',
  in_progress: 'startedAt',
  completed: 'completedAt',
  cancelled: 'cancelledAt',
  rejected: 'cancelledAt',
};
