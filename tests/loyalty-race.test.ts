/**
 * Races on loyalty points, on PostgreSQL (TEST_DATABASE_URL; skipped on PGlite, whose one
 * connection serialises everything). A balance of 1000 and 50 spends of 300 at once: exactly
 * 3 succeed, the balance never goes below 0, the losers answer 409 insufficient_points.
 *  - through the checkout's own step (redeemAtCheckout: the account's row lock, the balance
 *    counted under it, the redeem row) in 50 transactions at once — a signed-in customer has one
 *    cart (locked first by every checkout), so 50 HTTP checkouts of one customer would queue on
 *    the cart and mostly find it empty: the contended row is tested at the step that takes it;
 *  - through the HTTP API: 50 staff adjustments of -300 at once;
 *  - with no code in the way: 50 bare ledger inserts of -300 at once (the trigger's UPDATE and
 *    the balance CHECK alone keep it right);
 *  - a customer merge (points move to the survivor) racing 40 spends and the opposite merge:
 *    one merge wins, no point is lost or made, nobody deadlocks;
 *  - ticket check-ins (which earn points) racing their orders' refunds (which take them back and
 *    void the tickets): no deadlock, no 500, nothing left behind.
 */
import { and, eq, sql } from 'drizzle-orm';
import { typeid } from 'typeid-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, loyaltyAccounts, loyaltyLedger } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { isAppError, sqlState } from '@/lib/errors';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { redeemAtCheckout } from '@/modules/loyalty';
import { appendEntry, openAccount } from '@/modules/loyalty/ledger';
import { usingPostgres } from './support/database';
import { call, createOrg, type TestOrg, uniq } from './support/factories';
import { addToCart, contact, placeOrder } from './support/shop-fixtures';
import { createHarness, type Harness } from './support/harness';

const NOW = '2026-06-01T15:00:00Z';
const N = 50;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
});
afterAll(() => h.close());

async function loyalCustomer(points: number): Promise<{ org: TestOrg; customerId: string; email: string }> {
  const org = await createOrg(h);
  expect((await call(h, `/api/v1/orgs/${org.slug}/loyalty`, { method: 'PUT', cookie: org.owner.cookie, body: { enabled: true } })).status).toBe(200);
  const email = `${uniq('loyal')}@example.test`;
  const customerId = typeid('cus').toString();
  await h.database.db.insert(customers).values({ id: customerId, organizationId: org.id, email, name: 'Loyal' });
  const res = await call(h, `/api/v1/orgs/${org.slug}/customers/${customerId}/loyalty/adjustments`, { cookie: org.owner.cookie, body: { delta: points, reason: 'Start' } });
  expect(res.status).toBe(201);
  return { org, customerId, email };
}

const ctxOf = (org: TestOrg): Ctx => ({
  db: h.database.db,
  tenant: { id: org.id, slug: org.slug, name: org.name, timezone: 'America/Chicago', currency: 'USD', locale: 'en' },
  actor: { type: 'system', name: 'race' },
  now: new Date(NOW),
  request: noRequest,
});

async function settled(org: TestOrg, customerId: string) {
  const [acct] = await h.database.db.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, org.id), eq(loyaltyAccounts.customerId, customerId)));
  const [spent] = await h.database.db
    .select({ n: sql<number>`coalesce(-sum(delta), 0)::int`, rows: sql<number>`count(*)::int`, negative: sql<number>`count(*) filter (where balance_after < 0)::int` })
    .from(loyaltyLedger)
    .where(and(eq(loyaltyLedger.organizationId, org.id), eq(loyaltyLedger.accountId, acct!.id), sql`delta < 0`));
  const [lots] = await h.database.db.select({ n: sql<number>`coalesce(sum(remaining), 0)::int` }).from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, org.id), eq(loyaltyLedger.accountId, acct!.id)));
  return { balance: acct!.balance, spent: spent!.n, rows: spent!.rows, negativeRows: spent!.negative, lots: lots!.n };
}

describe.runIf(usingPostgres)('loyalty points under concurrency', () => {
  it(`${N} checkouts spending 300 of 1000 points at once: exactly 3 succeed, the rest 409 insufficient_points`, { timeout: 120_000 }, async () => {
    const { org, customerId, email } = await loyalCustomer(1000);
    const ctx = ctxOf(org);
    const outcomes = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        tenantTx(ctx, (tx) => redeemAtCheckout(tx, ctx, { organizationId: org.id, orderId: typeid('ord').toString(), orderNumber: `RACE-${i}`, email, points: 300, capMinor: 10_000, currency: 'USD' })).then(
          (r) => ({ ok: true as const, r }),
          (err: unknown) => ({ ok: false as const, err }),
        ),
      ),
    );
    const wins = outcomes.filter((o) => o.ok);
    const losses = outcomes.filter((o) => !o.ok);
    expect(wins).toHaveLength(3);
    for (const w of wins) expect(w.r).toMatchObject({ points: 300, discountMinor: 300 });
    for (const l of losses) {
      expect(isAppError(l.err), String(l.err)).toBe(true);
      expect((l.err as { code: string }).code).toBe('CONFLICT');
      expect((l.err as { details: { reason: string } }).details.reason).toBe('insufficient_points');
    }
    expect(await settled(org, customerId)).toEqual({ balance: 100, spent: 900, rows: 3, negativeRows: 0, lots: 100 });
  });

  it(`${N} staff adjustments of -300 over HTTP at once: 3 × 201, the rest 409`, { timeout: 120_000 }, async () => {
    const { org, customerId } = await loyalCustomer(1000);
    const responses = await Promise.all(
      Array.from({ length: N }, () => call(h, `/api/v1/orgs/${org.slug}/customers/${customerId}/loyalty/adjustments`, { cookie: org.owner.cookie, body: { delta: -300, reason: 'Race' } })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - 3);
    for (const r of responses.filter((x) => x.status === 409)) expect(r.json.error.details.reason).toBe('insufficient_points');
    expect(await settled(org, customerId)).toEqual({ balance: 100, spent: 900, rows: 3, negativeRows: 0, lots: 100 });
  });

  it(`${N} bare ledger inserts of -300 at once (no lock or check in code): the CHECK lets exactly 3 through`, { timeout: 120_000 }, async () => {
    const { org, customerId } = await loyalCustomer(1000);
    const ctx = ctxOf(org);
    const accountId = await tenantTx(ctx, async (tx) => (await openAccount(tx, org.id, customerId, ctx.now, { lock: false })).id);
    const outcomes = await Promise.all(
      Array.from({ length: N }, () =>
        tenantTx(ctx, (tx) => appendEntry(tx, { organizationId: org.id, accountId, kind: 'redeem', delta: -300, reason: 'bare', now: ctx.now })).then(
          () => 'ok',
          (err: unknown) => sqlState(err) ?? String(err),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === '23514')).toHaveLength(N - 3);
    expect(await settled(org, customerId)).toEqual({ balance: 100, spent: 900, rows: 3, negativeRows: 0, lots: 100 });
  });

  it('merging A into B while B into A and 40 spends of 10 on both run at once: one merge, no point lost or made', { timeout: 120_000 }, async () => {
    const { org, customerId: a } = await loyalCustomer(1000);
    const b = typeid('cus').toString();
    await h.database.db.insert(customers).values({ id: b, organizationId: org.id, email: `${uniq('loyal')}@example.test`, name: 'Loyal twin' });
    expect((await call(h, `/api/v1/orgs/${org.slug}/customers/${b}/loyalty/adjustments`, { cookie: org.owner.cookie, body: { delta: 500, reason: 'Start' } })).status).toBe(201);
    const spend = (id: string) => call(h, `/api/v1/orgs/${org.slug}/customers/${id}/loyalty/adjustments`, { cookie: org.owner.cookie, body: { delta: -10, reason: 'Race' } });
    const merge = (target: string, source: string) => call(h, `/api/v1/orgs/${org.slug}/customers/${target}/merge`, { cookie: org.owner.cookie, body: { sourceIds: [source] } });
    const [ab, ba, ...spends] = await Promise.all([merge(b, a), merge(a, b), ...Array.from({ length: 20 }, () => spend(a)), ...Array.from({ length: 20 }, () => spend(b))]);
    expect([ab!.status, ba!.status].sort()).toEqual([200, 404]);
    // A spend on the merged-away customer after the merge is a 409 customer_merged; none can overdraw.
    for (const r of spends) expect([201, 409], JSON.stringify(r.json)).toContain(r.status);
    const spent = spends.filter((r) => r.status === 201).length * 10;
    const [survivor, gone] = ab!.status === 200 ? [b, a] : [a, b];
    const kept = await settled(org, survivor);
    const left = await settled(org, gone);
    expect(left.balance).toBe(0);
    expect(left.lots).toBe(0);
    expect(kept.balance).toBe(1500 - spent);
    expect(kept.lots).toBe(kept.balance);
    expect(kept.negativeRows + left.negativeRows).toBe(0);
    // The merged-away balance could not be spent down to 0 (at most 200 of it), so it moved in one merge_out.
    const goneAccount = (await h.database.db.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, org.id), eq(loyaltyAccounts.customerId, gone))))[0]!;
    const moves = await h.database.db.select().from(loyaltyLedger).where(and(eq(loyaltyLedger.organizationId, org.id), eq(loyaltyLedger.accountId, goneAccount.id), eq(loyaltyLedger.kind, 'merge_out')));
    expect(moves).toHaveLength(1);
  });

  it('10 check-ins racing their orders\' refunds at once: each ticket is admitted before the refund or refused as void; no deadlock; every balance back to 0', { timeout: 180_000 }, async () => {
    const org = await createOrg(h);
    const v1 = `/api/v1/orgs/${org.slug}`;
    expect((await call(h, `${v1}/loyalty`, { method: 'PUT', cookie: org.owner.cookie, body: { enabled: true, pointsPerCheckIn: 50 } })).status).toBe(200);
    const day = 86_400_000;
    const event = await call(h, `${v1}/ticketed-events`, {
      cookie: org.owner.cookie,
      body: { slug: uniq('show'), title: 'Race show', startsAt: new Date(Date.parse(NOW) + 10 * day).toISOString(), endsAt: new Date(Date.parse(NOW) + 10.1 * day).toISOString(), capacity: 50, status: 'published' },
    });
    expect(event.status).toBe(201);
    const type = await call(h, `${v1}/ticketed-events/${event.json.id}/ticket-types`, { cookie: org.owner.cookie, body: { name: 'Adult', priceMinor: 1500 } });
    expect(type.status).toBe(201);
    const bought: { email: string; orderId: string; code: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const email = `${uniq('fan')}@example.test`;
      const added = await addToCart(h, org, type.json.id, 1);
      const placed = await placeOrder(h, org, { contact: contact(email), fulfilment: 'digital', paymentProvider: 'test', testOutcome: 'succeed' }, { cart: added.cart });
      expect(placed.status).toBe(201);
      bought.push({ email, orderId: placed.json.orderId, code: placed.json.order.tickets[0].code });
    }
    const results = await Promise.all(
      bought.flatMap((b) => [
        call(h, `${v1}/check-in`, { cookie: org.owner.cookie, body: { code: b.code } }),
        call(h, `${v1}/orders/${b.orderId}/refund`, { cookie: org.owner.cookie, body: {} }),
      ]),
    );
    const checkIns = results.filter((_, i) => i % 2 === 0);
    const refunds = results.filter((_, i) => i % 2 === 1);
    for (const r of refunds) expect(r.status, JSON.stringify(r.json)).toBe(200);
    for (const r of checkIns) {
      expect([200, 409], JSON.stringify(r.json)).toContain(r.status);
      if (r.status === 409) expect(r.json.error.details.reason).toBe('ticket_void');
    }
    for (const b of bought) {
      const [c] = await h.database.db.select().from(customers).where(and(eq(customers.organizationId, org.id), eq(customers.email, b.email)));
      expect((await settled(org, c!.id)).balance, b.email).toBe(0);
    }
  });
});
