/**
 * The booking lifecycle. pending → confirmed → in_progress → completed; pending → rejected;
 * pending/confirmed → cancelled; confirmed → no_show. Anything else is a 409 that names the
 * actions allowed from the current status.
 */
import type { BookingStatus } from '@/db/schema';
import { conflict } from '@/lib/errors';

export const bookingActions = ['confirm', 'reject', 'start', 'complete', 'cancel', 'no_show'] as const;
export type BookingAction = (typeof bookingActions)[number];

const transitions: Record<BookingAction, { from: readonly BookingStatus[]; to: BookingStatus }> = {
  confirm: { from: ['pending'], to: 'confirmed' },
  reject: { from: ['pending'], to: 'rejected' },
  start: { from: ['confirmed'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  cancel: { from: ['pending', 'confirmed'], to: 'cancelled' },
  no_show: { from: ['confirmed'], to: 'no_show' },
};

export function allowedActions(status: BookingStatus): BookingAction[] {
  return bookingActions.filter((a) => transitions[a].from.includes(status));
}

/** The status `action` leads to from `status`, or a 409 naming what is allowed instead. */
export function nextStatus(status: BookingStatus, action: BookingAction): BookingStatus {
  const rule = transitions[action];
  if (!rule.from.includes(status)) {
    const allowed = allowedActions(status);
    throw conflict(
      `A ${status.replace('_', ' ')} booking cannot be ${pastTense[action]}. ${allowed.length ? `Allowed: ${allowed.join(', ')}.` : 'No further changes are possible.'}`,
      { status, action, allowedActions: allowed },
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
