/**
 * Checkout throughput on PostgreSQL (BENCH_DATABASE_URL): N concurrent guests check out through
 * the HTTP API (the server in its own process, as deployed), in two shapes:
 *  - contended: every checkout takes one unit of the same stock item (one product): the
 *    conditional UPDATE serialises them on that row, which is the point;
 *  - spread: each checkout takes a unit of one of many products.
 * Next to a baseline measured in the same run: the same number of single-row inserts (carts)
 * through `pg` with the same concurrency. Reported as ratios to the baseline. Carts are filled
 * before the clock starts (one add-to-cart each), so what is timed is the checkout alone.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { typeid } from 'typeid-js';
import { openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { buildFixture, startApiServer, stats } from './support';

const CLIENTS = 16;
const PER_CLIENT = 20;
const SPREAD_PRODUCTS = 64;
const root = path.resolve(import.meta.dirname, '..');

const url = testEnv().BENCH_DATABASE_URL;
if (!url) {
  process.stdout.write('BENCH_DATABASE_URL not set: checkout throughput (PostgreSQL only) skipped.\n');
  process.exit(0);
}

async function drive(clients: number, perClient: number, job: (client: number, i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        if (!(await job(c, i))) failures++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: Math.round((clients * perClient) / seconds), seconds: Math.round(seconds * 100) / 100, failures, latency: stats(latencies) };
}

/** A product with one variant on its own stock item; returns the variant id. */
async function product(pool: pg.Pool, organizationId: string, n: number, onHand: number): Promise<string> {
  const productId = typeid('prod').toString();
  const stockId = typeid('stk').toString();
  const variantId = typeid('var').toString();
  await pool.query(`insert into products (id, organization_id, slug, title, status, currency, price_min_minor) values ($1, $2, $3, $4, 'active', 'USD', 1200)`, [productId, organizationId, `bench-${n}`, `Bench product ${n}`]);
  await pool.query(`insert into stock_items (id, organization_id, code, on_hand) values ($1, $2, $3, $4)`, [stockId, organizationId, `BENCH-${n}`, onHand]);
  await pool.query(`insert into product_variants (id, organization_id, product_id, sku, title, price_minor, stock_item_id) values ($1, $2, $3, $4, 'One', 1200, $5)`, [variantId, organizationId, productId, `BENCH-${n}`, stockId]);
  return variantId;
}

async function request(base: string, p: string, body: unknown, cookie?: string) {
  const res = await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, cookie: res.headers.getSetCookie().find((c) => c.startsWith('bl_cart_'))?.split(';')[0] };
}

/** One filled guest cart per checkout, made before timing. */
async function fillCarts(base: string, slug: string, variantOf: (n: number) => string, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i += CLIENTS) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CLIENTS, count - i) }, async (_, k) => {
        const r = await request(base, `/api/v1/public/orgs/${slug}/cart/lines`, { variantId: variantOf(i + k), quantity: 1 });
        if (r.status !== 200 || !r.cookie) throw new Error(`cart: ${r.status} ${JSON.stringify(r.json)}`);
        return r.cookie;
      }),
    );
    cookies.push(...batch);
  }
  return cookies;
}

const setupDb = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
await migrate(setupDb);
await setupDb.close();
const server = await startApiServer({ DATABASE_URL: url, DATABASE_POOL_MAX: String(CLIENTS), BASE_URL: 'http://localhost:3000', SEED_DEMO: '0' });
const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
try {
  const slug = `shop-${Date.now().toString(36)}`;
  const fixture = await buildFixture(server.url, 1, slug);
  const total = CLIENTS * PER_CLIENT;
  const hot = await product(pool, fixture.organizationId, 0, total * 2);
  const many: string[] = [];
  for (let n = 1; n <= SPREAD_PRODUCTS; n++) many.push(await product(pool, fixture.organizationId, n, total));

  const checkoutRun = async (cookies: string[]) =>
    drive(CLIENTS, PER_CLIENT, async (c, i) => {
      const r = await request(server.url, `/api/v1/public/orgs/${slug}/checkout`, { contact: { email: `buyer${c}-${i}@bench.test`, name: 'Bench Buyer' }, fulfilment: 'pickup' }, cookies[c * PER_CLIENT + i]);
      return r.status === 201;
    });
  const contended = await checkoutRun(await fillCarts(server.url, slug, () => hot, total));
  const spread = await checkoutRun(await fillCarts(server.url, slug, (n) => many[n % many.length]!, total));

  // Baseline: the same number of single-row inserts, same concurrency, straight through pg.
  const raw = await drive(CLIENTS, PER_CLIENT, async (c, i) => {
    await pool.query(`insert into carts (id, organization_id, token_hash) values ($1, $2, $3)`, [typeid('cart').toString(), fixture.organizationId, `raw-${c}-${i}-${Date.now()}`]);
    return true;
  });

  const pct = (x: number) => Math.round((x / raw.perSecond) * 1000) / 10;
  const report = {
    benchmark: 'checkout',
    at: new Date().toISOString(),
    node: process.version,
    database: new URL(url).host,
    clients: CLIENTS,
    checkoutsPerShape: total,
    contendedOneProduct: contended,
    spreadOverProducts: { products: SPREAD_PRODUCTS, ...spread },
    rawInsertBaseline: raw,
    contendedPercentOfBaseline: pct(contended.perSecond),
    spreadPercentOfBaseline: pct(spread.perSecond),
  };
  writeFileSync(path.join(root, 'bench/results/checkout.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\nCheckout throughput, ${CLIENTS} clients × ${PER_CLIENT} checkouts, PostgreSQL\n` +
      `  one product (contended)   ${String(contended.perSecond).padStart(6)} orders/s   p50 ${contended.latency.medianMs} ms   p95 ${contended.latency.p95Ms} ms   failed ${contended.failures}   ${pct(contended.perSecond)}% of baseline\n` +
      `  ${SPREAD_PRODUCTS} products (spread)      ${String(spread.perSecond).padStart(6)} orders/s   p50 ${spread.latency.medianMs} ms   p95 ${spread.latency.p95Ms} ms   failed ${spread.failures}   ${pct(spread.perSecond)}% of baseline\n` +
      `  raw single-row insert (pg) ${String(raw.perSecond).padStart(6)} rows/s     p50 ${raw.latency.medianMs} ms   p95 ${raw.latency.p95Ms} ms\n` +
      `written to bench/results/checkout.json\n`,
  );
} finally {
  await pool.end();
  await server.stop();
}
