/**
 * Prefixed, time-sortable ids (TypeID: `org_01h…`), so an id says what it points at and
 * sorts by creation time in indexes.
 */
import { typeid } from 'typeid-js';

const idPrefixes = {
  user: 'usr',
  session: 'ses',
  account: 'acc',
  verification: 'ver',
  twoFactor: 'tfa',
  organization: 'org',
  member: 'mem',
  invitation: 'inv',
  audit: 'aud',
  accountAudit: 'aal',
  outbox: 'obx',
  mailMessage: 'mail',
  service: 'svc',
  resource: 'res',
  workingHours: 'wkh',
  dateOverride: 'dov',
  blackout: 'blk',
  customer: 'cus',
  booking: 'bkg',
  bookingEvent: 'bev',
  bookingManageToken: 'bmt',
  notification: 'ntf',
  webhookEndpoint: 'wep',
  webhookMessage: 'msg',
  export: 'exp',
  calendarFeed: 'cfd',
  memberTier: 'tier',
  bookingRule: 'rule',
  bookingApproval: 'apr',
  waitlistEntry: 'wle',
  bookingSeries: 'bsr',
  productCategory: 'pcat',
  product: 'prod',
  productVariant: 'pvar',
  stockItem: 'stk',
  stockMovement: 'stmv',
  cart: 'cart',
  cartLine: 'cln',
  order: 'ord',
  orderLine: 'oln',
  orderEvent: 'oev',
  stockReservation: 'srv',
  payment: 'pay',
  promoCode: 'promo',
  promoRedemption: 'prd',
  review: 'rev',
  event: 'evt',
  ticket: 'tkt',
  eventWaitlistEntry: 'ewl',
  serviceAddon: 'adn',
  bookingAddon: 'badn',
  loyaltyAccount: 'lya',
  loyaltyEntry: 'lyl',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newId(kind: IdKind): string {
  return typeid(idPrefixes[kind]).toString();
}

/** True when `value` looks like an id of this kind; cheap guard before hitting the database. */
export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[0-7][0-9a-hjkmnp-tv-z]{25}$`).test(value);
}
