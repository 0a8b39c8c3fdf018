/**
 * The order lifecycle, as data: pending_payment → paid → fulfilled → delivered; cancelled from
 * pending_payment or paid; refunded from paid, fulfilled or delivered. `expire` is the sweep's
 * cancel of an online checkout whose payment never came. What each step does to stock:
 * - placing holds it (stock_reservations, stock_items.reserved);
 * - pay keeps holding it (the hold no longer expires);
 * - fulfil takes it out of the shop: on_hand and reserved both go down (decided at fulfilment,
 *   not payment: until the parcel leaves, the units are on the shelf and a cancel returns them
 *   without a stock count);
 * - cancel / expire / refund before fulfilment give the hold back; a refund after fulfilment
 *   restocks on_hand. Each happens once: the order row is locked and its status checked first.
 */
import type { OrderStatus } from '@/db/schema';
import { conflict } from '@/lib/errors';
import type { OrderAction } from './schemas';

type Step = OrderAction | 'expire';

export const transitions: Record<Step, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  pay: { from: ['pending_payment'], to: 'paid' },
  fulfil: { from: ['paid'], to: 'fulfilled' },
  deliver: { from: ['fulfilled'], to: 'delivered' },
  cancel: { from: ['pending_payment', 'paid'], to: 'cancelled' },
  refund: { from: ['paid', 'fulfilled', 'delivered'], to: 'refunded' },
  expire: { from: ['pending_payment'], to: 'cancelled' },
};

export const userActions: readonly OrderAction[] = ['pay', 'fulfil', 'deliver', 'cancel', 'refund'];

export function allowedActions(status: OrderStatus): OrderAction[] {
  return userActions.filter((a) => transitions[a].from.includes(status));
}

/** The status `step` leads to from `status`, or a 409 naming what is allowed. */
export function nextStatus(step: Step, status: OrderStatus): OrderStatus {
  const t = transitions[step];
  if (!t.from.includes(status)) {
    throw conflict(`An order that is ${status.replace('_', ' ')} does not allow "${step}".`, {
      reason: 'invalid_transition',
      status,
      allowedActions: allowedActions(status),
    });
  }
  return t.to;
}
