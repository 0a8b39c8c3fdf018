/**
 * Prefixed, time-sortable ids (TypeID: `org_01h…`), so an id says what it points at and
 * sorts by creation time in indexes.
 */
import { randomFillSync } from 'node:crypto';

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
  return `${idPrefixes[kind]}_${uuidV7Suffix()}`;
}

/**
 * A TypeID suffix: a UUIDv7 (RFC 9562) in TypeID's base32, written here rather than through
 * typeid-js, which validated every id it had just made by decoding it again (~4 µs an id, 5%
 * of the health route through the request id). The same layout as typeid-js over uuid's v7:
 * 48 bits of Unix milliseconds; then a 42-bit counter (RFC 9562 method 1: started at a random
 * value below 2^41 each millisecond and counted up within it, so ids made in one process sort
 * in the order they were made; past 2^42 the clock is moved on a millisecond); then 32 random
 * bits. The clock never runs backwards here: after a step back (or a test's fake future date)
 * ids keep the last millisecond and count on, as uuid's v7 did. tests/ids.test.ts reads them
 * back with typeid-js.
 */
function uuidV7Suffix(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = randomBits(41);
  } else {
    ms = lastMs;
    if (++counter >= 2 ** 42) {
      lastMs = ms = lastMs + 1;
      counter = randomBits(41);
    }
  }
  if (ms !== prefixMs) {
    prefixMs = ms;
    // The first 10 characters are exactly the 48-bit timestamp (2 zero bits, then 48).
    prefixText = [...ms.toString(32).padStart(10, '0')].map((c) => CROCKFORD[BASE32_HEX.indexOf(c)]).join('');
  }
  const b = idBytes;
  const hi = Math.floor(counter / 2 ** 30); // 12 bits
  const lo = counter % 2 ** 30; // 30 bits
  b[6] = 0x70 | (hi >>> 8);
  b[7] = hi & 0xff;
  b[8] = 0x80 | (lo >>> 24);
  b[9] = (lo >>> 16) & 0xff;
  b[10] = (lo >>> 8) & 0xff;
  b[11] = lo & 0xff;
  randomBytesInto(b, 12, 4);
  const a = CROCKFORD;
  return (
    prefixText +
    a[b[6]! >> 3]! +
    a[((b[6]! & 7) << 2) | (b[7]! >> 6)]! +
    a[(b[7]! & 62) >> 1]! +
    a[((b[7]! & 1) << 4) | (b[8]! >> 4)]! +
    a[((b[8]! & 15) << 1) | (b[9]! >> 7)]! +
    a[(b[9]! & 124) >> 2]! +
    a[((b[9]! & 3) << 3) | (b[10]! >> 5)]! +
    a[b[10]! & 31]! +
    a[b[11]! >> 3]! +
    a[((b[11]! & 7) << 2) | (b[12]! >> 6)]! +
    a[(b[12]! & 62) >> 1]! +
    a[((b[12]! & 1) << 4) | (b[13]! >> 4)]! +
    a[((b[13]! & 15) << 1) | (b[14]! >> 7)]! +
    a[(b[14]! & 124) >> 2]! +
    a[((b[14]! & 3) << 3) | (b[15]! >> 5)]! +
    a[b[15]! & 31]!
  );
}

/** TypeID's alphabet (Crockford's base32, lower case), and the one Number#toString(32) uses. */
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const BASE32_HEX = '0123456789abcdefghijklmnopqrstuv';
let lastMs = -1;
let counter = 0;
let prefixMs = -1;
let prefixText = '';
const idBytes = new Uint8Array(16);

/** Random bytes from a pool filled 4 KiB at a time (one call into the crypto library per ~500 ids). */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
function randomBytesInto(target: Uint8Array, at: number, count: number): void {
  if (poolAt + count > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  for (let i = 0; i < count; i++) target[at + i] = pool[poolAt++]!;
}
function randomBits(bits: number): number {
  const bytes = new Uint8Array(6);
  randomBytesInto(bytes, 0, 6);
  const value = bytes.reduce((n, byte) => n * 256 + byte, 0); // 48 bits
  return value % 2 ** bits;
}

/** True when `value` looks like an id of this kind; cheap guard before hitting the database. */
export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[0-7][0-9a-hjkmnp-tv-z]{25}$`).test(value);
}
