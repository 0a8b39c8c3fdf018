/**
 * Loyalty points (modules/loyalty): the program's settings, staff adjustments, tiers moved by the
 * ledger trigger in the same statement as the points, the append-only ledger, spending points at
 * checkout (signed-in, confirmed email only), earning on paid orders and completed bookings,
 * giving back and taking back on refunds, and the expiry sweep consuming lots oldest-expiry first.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { typeid } from 'typeid-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customers, loyaltyAccounts, loyaltyLedger, users } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { expirePoints } from '@/modules/loyalty';
import { appendEntry, openAccount } from '@/modules/loyalty/ledger';
import { addMember, call, createOrg, signUp, type TestOrg, type TestUser, uniq } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';
import { addProduct, addToCart, contact, getCart, placeOrder } from './support/shop-fixtures';
import { forgetCachedSessions } from '@/modules/identity';

const NOW = '2026-06-01T15:00:00Z';
const PAST = '2026-05-01T12:00:00Z';
let h: Harness;
let past: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  past = await createHarness({ database: h.database, clock: fixedClock(PAST) });
});
afterAll(() => h.close());

const v1 = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;

async function enabledOrg(settings: Record<string, unknown> = {}): Promise<TestOrg> {
  const org = await createOrg(h);
  const res = await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: org.owner.cookie, body: { enabled: true, ...settings } });
  expect(res.status).toBe(200);
  return org;
}

async function addCustomer(org: TestOrg, email = `${uniq('cust')}@example.test`): Promise<string> {
  const id = typeid('cus').toString();
  await h.database.db.insert(customers).values({ id, organizationId: org.id, email, name: 'Loyal Customer' });
  return id;
}

const adjust = (org: TestOrg, customerId: string, delta: number, reason = 'Test', cookie = org.owner.cookie) =>
  call(h, `${v1(org)}/customers/${customerId}/loyalty/adjustments`, { cookie, body: { delta, reason } });

async function audits(org: TestOrg, action: string) {
  return h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, action)));
}

async function account(org: TestOrg, customerId: string) {
  const [row] = await h.database.db.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, org.id), eq(loyaltyAccounts.customerId, customerId)));
  return row!;
}

async function ledger(org: TestOrg, accountId: string) {
  return h.database.db.select().from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, org.id), eq(loyaltyLedger.accountId, accountId))).orderBy(asc(loyaltyLedger.createdAt), asc(loyaltyLedger.id));
}

const systemCtx = (org: TestOrg, now = new Date(NOW)): Ctx => ({
  db: h.database.db,
  tenant: { id: org.id, slug: org.slug, name: org.name, timezone: 'America/Chicago', currency: 'USD', locale: 'en' },
  actor: { type: 'system', name: 'test' },
  now,
  request: noRequest,
});

/** The database's message for a statement that must fail (Drizzle wraps it: the driver's error is the cause). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return cause?.message ?? (err as Error).message;
  }
  return 'no error';
}

async function verify(user: TestUser) {
  await h.database.db.update(users).set({ emailVerified: true }).where(eq(users.id, user.id));
  forgetCachedSessions(h.auth, user.id); // written past Better Auth: its cached sessions go
}

describe('the program', () => {
  it('answers defaults until saved, saves a change with one audit row, and refuses falling thresholds', async () => {
    const org = await createOrg(h);
    const before = await call(h, `${v1(org)}/loyalty`, { cookie: org.owner.cookie });
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ enabled: false, pointsPerUnit: 1, redeemPoints: 100, redeemValueMinor: 100, silverMin: 1000, goldMin: 3000, platinumMin: 6000, updatedAt: null });

    const saved = await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: org.owner.cookie, body: { enabled: true, pointsPerUnit: 2, expiryMonths: null } });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ enabled: true, pointsPerUnit: 2, expiryMonths: null, currency: 'USD' });
    const rows = await audits(org, 'loyalty_program.updated');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.changes).toMatchObject({ before: { enabled: false, pointsPerUnit: 1, expiryMonths: 12 }, after: { enabled: true, pointsPerUnit: 2, expiryMonths: null } });

    const falling = await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: org.owner.cookie, body: { goldMin: 500 } });
    expect(falling.status).toBe(400);
    expect(falling.json.error.code).toBe('VALIDATION');
    for (const body of [{}, { pointsPerUnit: -1 }, { pointsPerUnit: 1.5 }, { enabled: 'yes' }, { unknown: 1 }, { expiryMonths: 0 }]) {
      const bad = await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: org.owner.cookie, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect(await audits(org, 'loyalty_program.updated')).toHaveLength(1);
  });

  it('is read by every member, changed by owners, admins and managers only; another organization answers 404', async () => {
    const org = await createOrg(h);
    const staff = await addMember(h, org, 'staff');
    const viewer = await addMember(h, org, 'viewer');
    const manager = await addMember(h, org, 'manager');
    expect((await call(h, `${v1(org)}/loyalty`, { cookie: viewer.cookie })).status).toBe(200);
    const denied = await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: staff.cookie, body: { enabled: true } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.details.permission).toBe('loyalty:manage');
    expect((await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: manager.cookie, body: { enabled: true } })).status).toBe(200);
    const other = await createOrg(h);
    expect((await call(h, `${v1(org)}/loyalty`, { cookie: other.owner.cookie })).status).toBe(404);
    expect((await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: other.owner.cookie, body: { enabled: false } })).status).toBe(404);
    expect((await call(h, `${v1(org)}/loyalty`)).status).toBe(401);
  });
});

describe('adjustments and tiers', () => {
  it('adds and takes points with a reason, audits each once, and moves the tier with the points', async () => {
    const org = await enabledOrg();
    const customerId = await addCustomer(org);
    const added = await adjust(org, customerId, 1200, 'Birthday party refund as points');
    expect(added.status).toBe(201);
    expect(added.json.entry).toMatchObject({ kind: 'adjust', delta: 1200, reason: 'Birthday party refund as points', balanceAfter: 1200, tierAfter: 'silver' });
    expect(added.json.summary).toMatchObject({ points: 1200, valueMinor: 1200, lifetimeEarned: 1200, tier: 'silver', nextTier: 'gold', pointsToNext: 1800 });

    const taken = await adjust(org, customerId, -200, 'Duplicate credit');
    expect(taken.status).toBe(201);
    expect(taken.json.summary).toMatchObject({ points: 1000 });

    const rows = await audits(org, 'loyalty.adjusted');
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.entityId)).toEqual([customerId, customerId]);
    expect(rows.find((r) => (r.changes as { after: { delta: number } }).after.delta === 1200)!.changes).toMatchObject({ before: { points: 0, tier: 'bronze' }, after: { points: 1200, tier: 'silver', reason: 'Birthday party refund as points' } });

    const read = await call(h, `${v1(org)}/customers/${customerId}/loyalty?pageSize=1`, { cookie: org.owner.cookie });
    expect(read.status).toBe(200);
    expect(read.json.summary).toMatchObject({ points: 1000 });
    expect(read.json.ledger.pagination).toMatchObject({ page: 1, pageSize: 1, total: 2, hasMore: true });
    expect(read.json.ledger.data[0]).toMatchObject({ delta: -200, balanceAfter: 1000 });

    const over = await adjust(org, customerId, -1001, 'Too much');
    expect(over.status).toBe(409);
    expect(over.json.error.details).toMatchObject({ reason: 'insufficient_points', balance: 1000 });
    expect(await audits(org, 'loyalty.adjusted')).toHaveLength(2);
  });

  it('sets the tier in the same statement as the ledger row: both read together inside the transaction', async () => {
    const org = await enabledOrg();
    const customerId = await addCustomer(org);
    await tenantTx(systemCtx(org), async (tx) => {
      const acct = await openAccount(tx, org.id, customerId, new Date(NOW), { lock: true });
      const steps: [number, string][] = [
        [999, 'bronze'],
        [1, 'silver'],
        [2000, 'gold'],
        [3000, 'platinum'],
      ];
      let total = 0;
      for (const [delta, tier] of steps) {
        total += delta;
        const row = await appendEntry(tx, { organizationId: org.id, accountId: acct.id, kind: 'earn', delta, reason: 'test', now: new Date(NOW) });
        expect(row).toMatchObject({ balanceAfter: total, tierAfter: tier });
        const [both] = await tx.select({ balance: loyaltyAccounts.balance, tier: loyaltyAccounts.tier }).from(loyaltyAccounts).where(eq(loyaltyAccounts.id, acct.id));
        expect(both).toEqual({ balance: total, tier });
      }
      // Spending does not lower the tier (it is by lifetime earned)…
      const spent = await appendEntry(tx, { organizationId: org.id, accountId: acct.id, kind: 'redeem', delta: -5000, reason: 'test', now: new Date(NOW) });
      expect(spent).toMatchObject({ balanceAfter: 1000, tierAfter: 'platinum' });
    });
    // … a staff correction of earned points does.
    expect((await adjust(org, customerId, -500, 'Points given by mistake')).json.summary).toMatchObject({ points: 500, tier: 'gold', lifetimeEarned: 5500 });
  });

  it('an account opened with a balance starts at zero anyway', async () => {
    const org = await enabledOrg();
    const customerId = await addCustomer(org);
    await tenantTx(systemCtx(org), async (tx) => {
      await tx.insert(loyaltyAccounts).values({ id: typeid('lya').toString(), organizationId: org.id, customerId, balance: 5000, lifetimeEarned: 9000, tier: 'platinum' });
    });
    expect(await account(org, customerId)).toMatchObject({ balance: 0, lifetimeEarned: 0, tier: 'bronze' });
  });

  it('validates input (400), hides other organizations (404) and needs loyalty:manage (403)', async () => {
    const org = await enabledOrg();
    const customerId = await addCustomer(org);
    for (const body of [{ delta: 0, reason: 'x' }, { delta: 10 }, { delta: 10, reason: '' }, { delta: 1.5, reason: 'x' }, { delta: '10', reason: 'x' }, { delta: 10_000_000, reason: 'x' }, { delta: 10, reason: 'x'.repeat(301) }, { delta: 10, reason: 'x', extra: 1 }]) {
      const res = await call(h, `${v1(org)}/customers/${customerId}/loyalty/adjustments`, { cookie: org.owner.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(h, `${v1(org)}/customers/not-an-id/loyalty`, { cookie: org.owner.cookie })).status).toBe(400);
    const other = await enabledOrg();
    const theirs = await addCustomer(other);
    expect((await adjust(org, theirs, 10)).status).toBe(404);
    expect((await call(h, `${v1(org)}/customers/${theirs}/loyalty`, { cookie: org.owner.cookie })).status).toBe(404);
    expect((await adjust(other, customerId, 10, 'x', org.owner.cookie)).status).toBe(404);
    const staff = await addMember(h, org, 'staff');
    expect((await adjust(org, customerId, 10, 'x', staff.cookie)).status).toBe(403);
    expect((await call(h, `${v1(org)}/customers/${customerId}/loyalty`, { cookie: staff.cookie })).status).toBe(200);
    const manager = await addMember(h, org, 'manager');
    expect((await adjust(org, customerId, 10, 'x', manager.cookie)).status).toBe(201);
    expect(await audits(org, 'loyalty.adjusted')).toHaveLength(1);
  });
});

describe('the ledger is append-only', () => {
  it('refuses UPDATE and DELETE by the app role, and any change but a lot going down by anyone', async () => {
    const org = await enabledOrg();
    const customerId = await addCustomer(org);
    await adjust(org, customerId, 500, 'Start');
    const acct = await account(org, customerId);
    const [row] = await ledger(org, acct.id);
    const asApp = (stmt: ReturnType<typeof sql>) => failure(tenantTx(systemCtx(org), (tx) => tx.execute(stmt)));
    expect(await asApp(sql`update loyalty_ledger set delta = 5000 where id = ${row!.id}`)).toMatch(/permission denied/);
    expect(await asApp(sql`delete from loyalty_ledger where id = ${row!.id}`)).toMatch(/permission denied/);
    expect(await asApp(sql`update loyalty_accounts set balance = 5000 where id = ${acct.id}`)).toMatch(/permission denied/);
    // Even the table's owner (no row-level security, every privilege) cannot rewrite a row.
    expect(await failure(h.database.db.execute(sql`update loyalty_ledger set delta = 5000 where id = ${row!.id}`))).toMatch(/cannot be changed/);
    expect(await failure(h.database.db.execute(sql`update loyalty_ledger set remaining = remaining + 1 where id = ${row!.id}`))).toMatch(/cannot be changed/);
    expect((await ledger(org, acct.id))[0]).toMatchObject({ delta: 500, remaining: 500 });
    expect(await account(org, customerId)).toMatchObject({ balance: 500 });
  });
});

describe('expiry', () => {
  it('spends lots soonest-expiry first and expires exactly what is left of the expired ones, once', async () => {
    const org = await enabledOrg();
    const customerId = await addCustomer(org);
    const day = 86_400_000;
    const t0 = new Date(NOW);
    const acctId = await tenantTx(systemCtx(org), async (tx) => {
      const acct = await openAccount(tx, org.id, customerId, t0, { lock: true });
      const add = (kind: 'earn' | 'adjust', delta: number, expiresAt: Date | null) => appendEntry(tx, { organizationId: org.id, accountId: acct.id, kind, delta, reason: 'lot', expiresAt, now: t0 });
      await add('earn', 200, new Date(t0.getTime() + 10 * day)); // B: later expiry
      await add('earn', 100, new Date(t0.getTime() + 1 * day)); // A: first to expire, though written second
      await add('adjust', 50, null); // never expires: consumed last
      await add('earn', 300, new Date(t0.getTime() + 400 * day)); // C: far future
      // A redeem of 150 takes A (100) then 50 of B.
      await appendEntry(tx, { organizationId: org.id, accountId: acct.id, kind: 'redeem', delta: -150, reason: 'spend', now: t0 });
      return acct.id;
    });
    const remaining = async () => Object.fromEntries((await ledger(org, acctId)).filter((r) => r.delta > 0).map((r) => [`${r.kind}${r.delta}`, r.remaining]));
    expect(await remaining()).toEqual({ earn200: 150, earn100: 0, adjust50: 50, earn300: 300 });

    expect(await expirePoints(h.database.db, new Date(t0.getTime() + 5 * day), { organizationId: org.id })).toBe(0); // A is spent already: nothing due
    const later = new Date(t0.getTime() + 11 * day);
    expect(await expirePoints(h.database.db, later, { organizationId: org.id })).toBe(1);
    expect(await expirePoints(h.database.db, later, { organizationId: org.id })).toBe(0);
    const rows = await ledger(org, acctId);
    expect(rows.filter((r) => r.kind === 'expire').map((r) => r.delta)).toEqual([-150]);
    expect(await remaining()).toEqual({ earn200: 0, earn100: 0, adjust50: 50, earn300: 300 });
    const acct = await account(org, customerId);
    expect(acct.balance).toBe(350);
    // The balance is always what the lots hold.
    const [sum] = await h.database.db.select({ n: sql<number>`sum(remaining)::int` }).from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, org.id), eq(loyaltyLedger.accountId, acctId)));
    expect(sum!.n).toBe(acct.balance);
    expect(await audits(org, 'loyalty.expired')).toHaveLength(1);
  });
});

describe('checkout, paid orders and refunds', () => {
  async function shopper(org: TestOrg, points: number, opts: { verified?: boolean } = {}) {
    const user = await signUp(h);
    if (opts.verified !== false) await verify(user);
    const customerId = await addCustomer(org, user.email);
    if (points) expect((await adjust(org, customerId, points, 'Welcome')).status).toBe(201);
    return { user, customerId };
  }

  async function cartFor(org: TestOrg, variantId: string, session?: string) {
    const added = await addToCart(h, org, variantId, 1, { session });
    expect(added.res.status).toBe(200);
    return added.cart;
  }

  it('a signed-in customer spends points: the total and the balance drop; paid earns on what was paid; a refund gives back and takes back', async () => {
    const org = await enabledOrg();
    const product = await addProduct(h, org, { variants: [{ sku: 'TICKET', priceMinor: 5000 }] });
    const variantId = product.variants.TICKET!.id;
    const { user, customerId } = await shopper(org, 1000);

    await cartFor(org, variantId, user.cookie);
    const placed = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 300 }, { session: user.cookie });
    expect(placed.status).toBe(201);
    expect(placed.json.order.totals).toMatchObject({ subtotalMinor: 5000, discountMinor: 300, totalMinor: 4700 });
    expect(placed.json.order.points).toEqual({ redeemed: 300, discountMinor: 300 });
    expect(placed.json.order.loyalty.summary).toMatchObject({ points: 700 });
    expect((await account(org, customerId)).balance).toBe(700);
    expect(await audits(org, 'order.placed')).toHaveLength(1);

    const orderId = placed.json.orderId as string;
    const status = await call(h, `/api/v1/public/orgs/${org.slug}/orders/${placed.json.statusToken}`);
    expect(status.status).toBe(200);
    expect(status.json.points).toEqual({ redeemed: 300, discountMinor: 300 });
    expect(status.json.loyalty.summary).toMatchObject({ points: 700, tier: 'silver' });
    expect(status.json.loyalty.recent[0]).toMatchObject({ kind: 'redeem', delta: -300 });

    const paid = await call(h, `${v1(org)}/orders/${orderId}/pay`, { cookie: org.owner.cookie, body: {} });
    expect(paid.status).toBe(200);
    expect((await account(org, customerId)).balance).toBe(747); // 47.00 paid for goods → 47 points
    // A repeated hook writes nothing twice (one earn row per order).
    const acct = await account(org, customerId);
    expect((await ledger(org, acct.id)).filter((r) => r.kind === 'earn')).toHaveLength(1);

    const refunded = await call(h, `${v1(org)}/orders/${orderId}/refund`, { cookie: org.owner.cookie, body: {} });
    expect(refunded.status).toBe(200);
    const rows = await ledger(org, acct.id);
    expect(rows.filter((r) => r.kind === 'reverse').map((r) => r.delta).sort((a, b) => a - b)).toEqual([-47, 300]);
    expect((await account(org, customerId)).balance).toBe(1000);
    expect(await audits(org, 'order.refunded')).toHaveLength(1);
  });

  it('a cancelled order gives its points back; points are capped at what is left to pay', async () => {
    const org = await enabledOrg();
    const product = await addProduct(h, org, { variants: [{ sku: 'SOCKS', priceMinor: 250 }] });
    const { user, customerId } = await shopper(org, 1000);
    await cartFor(org, product.variants.SOCKS!.id, user.cookie);
    const placed = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 900 }, { session: user.cookie });
    expect(placed.status).toBe(201);
    expect(placed.json.order.points).toEqual({ redeemed: 250, discountMinor: 250 });
    expect(placed.json.order.totals.totalMinor).toBe(0);
    expect((await account(org, customerId)).balance).toBe(750);
    const cancelled = await call(h, `${v1(org)}/orders/${placed.json.orderId}/cancel`, { cookie: org.owner.cookie, body: {} });
    expect(cancelled.status).toBe(200);
    expect((await account(org, customerId)).balance).toBe(1000);
  });

  it('refuses guests, unconfirmed emails, another email, too few or too many points', async () => {
    const org = await enabledOrg();
    const product = await addProduct(h, org, { variants: [{ sku: 'MUG', priceMinor: 5000 }] });
    const variantId = product.variants.MUG!.id;
    const { user, customerId } = await shopper(org, 500);

    // A guest typing the customer's email cannot spend their points.
    const guestCart = await cartFor(org, variantId);
    const guest = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 100 }, { cart: guestCart });
    expect(guest.status).toBe(422);
    expect(guest.json.error.details.reason).toBe('points_need_sign_in');

    const unverified = await shopper(org, 500, { verified: false });
    await cartFor(org, variantId, unverified.user.cookie);
    const unconfirmed = await placeOrder(h, org, { contact: contact(unverified.user.email), redeemPoints: 100 }, { session: unverified.user.cookie });
    expect(unconfirmed.json.error.details.reason).toBe('points_need_verified_email');

    await cartFor(org, variantId, user.cookie);
    const mismatch = await placeOrder(h, org, { contact: contact(`${uniq('else')}@example.test`), redeemPoints: 100 }, { session: user.cookie });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error.details.reason).toBe('points_email_mismatch');
    const few = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 50 }, { session: user.cookie });
    expect(few.status).toBe(422);
    expect(few.json.error.details.reason).toBe('below_min_redeem');
    const many = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 501 }, { session: user.cookie });
    expect(many.status).toBe(409);
    expect(many.json.error.details).toMatchObject({ reason: 'insufficient_points', balance: 500 });
    for (const redeemPoints of [0, -5, 1.5, 'ten', 100_000_000]) {
      const bad = await placeOrder(h, org, { contact: contact(user.email), redeemPoints }, { session: user.cookie });
      expect(bad.status, String(redeemPoints)).toBe(400);
    }
    expect((await account(org, customerId)).balance).toBe(500);
    expect(await audits(org, 'order.placed')).toHaveLength(0);
    // Nothing was lost: the cart still checks out with points.
    const ok = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 500 }, { session: user.cookie });
    expect(ok.status).toBe(201);
    expect(ok.json.order.totals.totalMinor).toBe(4500);
  });

  it('a program that is off earns nothing and refuses redemption', async () => {
    const org = await createOrg(h);
    const product = await addProduct(h, org, { variants: [{ sku: 'CAP', priceMinor: 5000 }] });
    const user = await signUp(h);
    await verify(user);
    await addCustomer(org, user.email);
    await cartFor(org, product.variants.CAP!.id, user.cookie);
    const refused = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 100 }, { session: user.cookie });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.reason).toBe('loyalty_disabled');
    const placed = await placeOrder(h, org, { contact: contact(user.email) }, { session: user.cookie });
    expect(placed.status).toBe(201);
    expect(placed.json.order.loyalty).toBeNull();
    expect((await call(h, `${v1(org)}/orders/${placed.json.orderId}/pay`, { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    const [n] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(loyaltyLedger).where(eq(loyaltyLedger.organizationId, org.id));
    expect(n!.n).toBe(0);
  });
});

describe('bookings and self-service', () => {
  it('a completed booking earns on its price once; the guest manage link and the member page show the points', async () => {
    const org = await enabledOrg();
    const { service } = await bookableSetup(h, org, { service: { priceMinor: 12_550 } });
    const user = await signUp(h);
    await verify(user);
    const body = { serviceId: service.id, start: '2026-05-04T10:00:00-05:00', customer: { name: 'Party Parent', email: user.email } };
    const booked = await call(past, `/api/v1/public/orgs/${org.slug}/bookings`, { body });
    expect(booked.status).toBe(201);
    const id = booked.json.booking.id as string;
    for (const action of booked.json.booking.status === 'pending' ? ['confirm', 'start', 'complete'] : ['start', 'complete']) {
      const res = await call(h, `${v1(org)}/bookings/${id}/${action}`, { cookie: org.owner.cookie, body: {} });
      expect(res.status, action).toBe(200);
    }
    const customerId = booked.json.booking.customerId as string;
    expect(await account(org, customerId)).toMatchObject({ balance: 125, lifetimeEarned: 125 });

    const managed = await call(h, `/api/v1/public/bookings/${booked.json.manageToken}`);
    expect(managed.status).toBe(200);
    expect(managed.json.loyalty.summary).toMatchObject({ points: 125, tier: 'bronze', nextTier: 'silver', pointsToNext: 875 });
    expect(managed.json.loyalty.recent[0]).toMatchObject({ kind: 'earn', sourceType: 'booking', sourceId: id });

    const mine = await call(h, `/api/v1/me/orgs/${org.slug}/loyalty`, { cookie: user.cookie });
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({ emailVerified: true, summary: { points: 125 } });
    expect(mine.json.ledger.pagination.total).toBe(1);

    const stranger = await signUp(h);
    const theirs = await call(h, `/api/v1/me/orgs/${org.slug}/loyalty`, { cookie: stranger.cookie });
    expect(theirs.json).toMatchObject({ emailVerified: false, summary: { points: 0 } });
    expect((await call(h, `/api/v1/me/orgs/${org.slug}/loyalty`)).status).toBe(401);
    expect((await call(h, `/api/v1/me/orgs/no-such-org-${uniq()}/loyalty`, { cookie: user.cookie })).status).toBe(404);
  });
});

describe('attended events earn', () => {
  const DAY = 86_400_000;
  async function ticketFor(org: TestOrg, email: string) {
    const event = await call(h, `${v1(org)}/ticketed-events`, {
      cookie: org.owner.cookie,
      body: { slug: uniq('show'), title: 'Magic show', startsAt: new Date(Date.parse(NOW) + 10 * DAY).toISOString(), endsAt: new Date(Date.parse(NOW) + 10.1 * DAY).toISOString(), capacity: 10, status: 'published' },
    });
    expect(event.status).toBe(201);
    const type = await call(h, `${v1(org)}/ticketed-events/${event.json.id}/ticket-types`, { cookie: org.owner.cookie, body: { name: 'Adult', priceMinor: 1500 } });
    expect(type.status).toBe(201);
    const added = await addToCart(h, org, type.json.id, 1);
    expect(added.res.status).toBe(200);
    const bought = await placeOrder(h, org, { contact: contact(email), fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' }, { cart: added.cart });
    expect(bought.status).toBe(201);
    return { orderId: bought.json.orderId as string, code: bought.json.order.tickets[0].code as string, ticketId: bought.json.order.tickets[0].id as string };
  }
  const customerOf = async (org: TestOrg, email: string) => (await h.database.db.select().from(customers).where(and(eq(customers.organizationId, org.id), eq(customers.email, email))))[0]!;

  it('a checked-in ticket earns pointsPerCheckIn for its order email once; the refund takes it back with the order points', async () => {
    const org = await enabledOrg({ pointsPerCheckIn: 50 });
    const got = await call(h, `${v1(org)}/loyalty`, { cookie: org.owner.cookie });
    expect(got.json.pointsPerCheckIn).toBe(50);
    for (const bad of [-1, 1.5, 'many', 1_000_001]) expect((await call(h, `${v1(org)}/loyalty`, { method: 'PUT', cookie: org.owner.cookie, body: { pointsPerCheckIn: bad } })).status, String(bad)).toBe(400);
    const email = `${uniq('fan')}@example.test`;
    const { orderId, code } = await ticketFor(org, email);
    const customer = await customerOf(org, email);
    expect(await account(org, customer.id)).toMatchObject({ balance: 15 }); // the paid order: 15.00 → 15 points

    const staff = await addMember(h, org, 'staff');
    const checkIn = await call(h, `${v1(org)}/check-in`, { cookie: staff.cookie, body: { code } });
    expect(checkIn.status).toBe(200);
    expect(await account(org, customer.id)).toMatchObject({ balance: 65, lifetimeEarned: 65 });
    const acct = await account(org, customer.id);
    const earn = (await ledger(org, acct.id)).find((r) => r.sourceType === 'ticket')!;
    expect(earn).toMatchObject({ kind: 'earn', delta: 50, ticketRef: checkIn.json.ticket.id, expiresAt: new Date(Date.parse('2027-06-01T15:00:00Z')) });
    expect(await audits(org, 'ticket.checked_in')).toHaveLength(1);
    // A second scan is refused and earns nothing.
    expect((await call(h, `${v1(org)}/check-in`, { cookie: staff.cookie, body: { code } })).status).toBe(409);
    expect((await account(org, customer.id)).balance).toBe(65);

    const refunded = await call(h, `${v1(org)}/orders/${orderId}/refund`, { cookie: org.owner.cookie, body: {} });
    expect(refunded.status).toBe(200);
    const reversals = (await ledger(org, acct.id)).filter((r) => r.kind === 'reverse');
    expect(reversals.map((r) => [r.sourceType, r.delta]).sort()).toEqual([
      ['order', -15],
      ['ticket', -50],
    ]);
    expect((await account(org, customer.id)).balance).toBe(0);
  });

  it('earns nothing when the rule is 0 or the program is off', async () => {
    for (const settings of [{}, { pointsPerCheckIn: 50, enabled: false }]) {
      const org = await enabledOrg({ earnOnOrders: false, ...settings });
      const email = `${uniq('fan')}@example.test`;
      const { code } = await ticketFor(org, email);
      expect((await call(h, `${v1(org)}/check-in`, { cookie: org.owner.cookie, body: { code } })).status).toBe(200);
      const c = (await h.database.db.select().from(customers).where(and(eq(customers.organizationId, org.id), eq(customers.email, email))))[0];
      const accounts = c ? await h.database.db.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, org.id), eq(loyaltyAccounts.customerId, c.id))) : [];
      expect(accounts.every((a) => a.balance === 0), JSON.stringify(settings)).toBe(true);
    }
  });
});

describe('customer merge moves points', () => {
  const DAY = 86_400_000;
  const merge = (org: TestOrg, target: string, source: string) => call(h, `${v1(org)}/customers/${target}/merge`, { cookie: org.owner.cookie, body: { sourceIds: [source] } });

  it("moves the merged-away customer's unexpired lots with their expiry; expired ones expire; the survivor's tier follows; once", async () => {
    const org = await enabledOrg();
    const a = await addCustomer(org);
    const b = await addCustomer(org);
    const t0 = new Date(NOW);
    const soon = new Date(t0.getTime() + 10 * DAY);
    const aAcct = await tenantTx(systemCtx(org), async (tx) => {
      const acct = await openAccount(tx, org.id, a, t0, { lock: true });
      const add = (kind: 'earn' | 'adjust', delta: number, expiresAt: Date | null) => appendEntry(tx, { organizationId: org.id, accountId: acct.id, kind, delta, reason: 'lot', expiresAt, now: t0 });
      await add('earn', 100, new Date(t0.getTime() - DAY)); // already past its expiry, not swept yet
      await add('earn', 200, soon);
      await add('adjust', 50, null);
      await appendEntry(tx, { organizationId: org.id, accountId: acct.id, kind: 'redeem', delta: -30, reason: 'spend', now: t0 }); // takes 30 of the expired lot
      return acct.id;
    });
    expect((await adjust(org, b, 900)).status).toBe(201);
    expect(await account(org, b)).toMatchObject({ balance: 900, tier: 'bronze' });

    const merged = await merge(org, b, a);
    expect(merged.status).toBe(200);
    expect(await account(org, a)).toMatchObject({ balance: 0 });
    expect((await ledger(org, aAcct)).filter((r) => r.delta < 0).map((r) => [r.kind, r.delta])).toEqual([
      ['redeem', -30],
      ['expire', -70],
      ['merge_out', -250],
    ]);
    const survivor = await account(org, b);
    expect(survivor).toMatchObject({ balance: 1150, lifetimeEarned: 1150, tier: 'silver' });
    const moved = (await ledger(org, survivor.id)).filter((r) => r.kind === 'merge_in');
    expect(moved.map((r) => [r.delta, r.expiresAt?.toISOString() ?? null])).toEqual([
      [200, soon.toISOString()],
      [50, null],
    ]);
    const [sum] = await h.database.db.select({ n: sql<number>`sum(remaining)::int` }).from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, org.id), eq(loyaltyLedger.accountId, survivor.id)));
    expect(sum!.n).toBe(1150);
    const rows = await audits(org, 'customer.merged');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.changes).toMatchObject({ after: { loyaltyPointsMoved: [{ customerId: a, points: 250 }], loyaltyPointsExpired: 70 } });

    // A second merge of the same pair is refused and moves nothing; the merged-away customer's points are adjusted on the survivor only.
    expect((await merge(org, b, a)).status).toBe(404);
    const stranded = await adjust(org, a, 10);
    expect(stranded.status).toBe(409);
    expect(stranded.json.error.details).toMatchObject({ reason: 'customer_merged', mergedIntoId: b });
    expect((await account(org, b)).balance).toBe(1150);
    expect(await audits(org, 'customer.merged')).toHaveLength(1);

    // The moved lot still expires when it did.
    expect(await expirePoints(h.database.db, new Date(soon.getTime() + DAY), { organizationId: org.id })).toBe(1);
    expect(await account(org, b)).toMatchObject({ balance: 950, tier: 'silver' });
  });

  it("an order refunded after the merge gives back and takes back on the survivor's account", async () => {
    const org = await enabledOrg();
    const product = await addProduct(h, org, { variants: [{ sku: 'MUG', priceMinor: 5000 }] });
    const user = await signUp(h);
    await verify(user);
    const a = await addCustomer(org, user.email);
    expect((await adjust(org, a, 500)).status).toBe(201);
    const added = await addToCart(h, org, product.variants.MUG!.id, 1, { session: user.cookie });
    expect(added.res.status).toBe(200);
    const placed = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 200 }, { session: user.cookie });
    expect(placed.status).toBe(201);
    expect((await call(h, `${v1(org)}/orders/${placed.json.orderId}/pay`, { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    expect((await account(org, a)).balance).toBe(348); // 500 − 200 + 48 earned on 48.00 paid
    const b = await addCustomer(org);
    expect((await merge(org, b, a)).status).toBe(200);
    expect((await account(org, b)).balance).toBe(348);

    expect((await call(h, `${v1(org)}/orders/${placed.json.orderId}/refund`, { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    expect((await account(org, b)).balance).toBe(500);
    expect((await account(org, a)).balance).toBe(0);
  });
});

describe('checkout preview', () => {
  it("the cart answers the signed-in confirmed buyer's points, the most usable and what asked-for points take off; the order charges the same", async () => {
    const org = await enabledOrg();
    const product = await addProduct(h, org, { variants: [{ sku: 'KITE', priceMinor: 5000 }, { sku: 'PIN', priceMinor: 250 }] });
    const user = await signUp(h);
    await verify(user);
    const customerId = await addCustomer(org, user.email);
    expect((await adjust(org, customerId, 1000)).status).toBe(201);
    expect((await addToCart(h, org, product.variants.KITE!.id, 1, { session: user.cookie })).res.status).toBe(200);
    const cart = async (query: string, session: string | null = user.cookie) => (await getCart(h, org, { session: session ?? undefined, query })).res;

    const plain = await cart('?fulfilment=pickup');
    expect(plain.status).toBe(200);
    expect(plain.json.points).toEqual({ balance: 1000, minRedeemPoints: 100, maxUsable: 1000, maxValueMinor: 1000, currency: 'USD', using: null, problem: null });
    const using = await cart('?fulfilment=pickup&redeemPoints=300');
    expect(using.json.points).toMatchObject({ using: { points: 300, discountMinor: 300 }, problem: null });
    expect(using.json.totals).toMatchObject({ subtotalMinor: 5000, discountMinor: 300 });
    for (const [n, problem] of [
      [50, 'below_min_redeem'],
      [1001, 'insufficient_points'],
    ] as const) {
      const r = await cart(`?fulfilment=pickup&redeemPoints=${n}`);
      expect(r.json.points, String(n)).toMatchObject({ using: null, problem });
      expect(r.json.totals.discountMinor).toBe(0);
    }
    for (const bad of ['abc', '0', '1.5', '-3']) expect((await cart(`?redeemPoints=${bad}`)).status, bad).toBe(400);
    // Guests and unconfirmed emails see no points (they could not spend them).
    expect((await cart('?redeemPoints=300', null)).json.points).toBeNull();
    const unconfirmed = await signUp(h);
    await addCustomer(org, unconfirmed.email);
    expect((await cart('?redeemPoints=300', unconfirmed.cookie)).json.points).toBeNull();

    const placed = await placeOrder(h, org, { contact: contact(user.email), redeemPoints: 300 }, { session: user.cookie });
    expect(placed.status).toBe(201);
    expect(placed.json.order.totals.totalMinor).toBe(using.json.totals.totalMinor);

    // What is left to pay caps the points: a 2.50 cart uses 250 of them.
    expect((await addToCart(h, org, product.variants.PIN!.id, 1, { session: user.cookie })).res.status).toBe(200);
    const capped = await cart('?fulfilment=pickup&redeemPoints=700');
    expect(capped.json.points).toMatchObject({ balance: 700, maxUsable: 250, maxValueMinor: 250, using: { points: 250, discountMinor: 250 } });
    expect(capped.json.totals.totalMinor).toBe(0);
  });
});
