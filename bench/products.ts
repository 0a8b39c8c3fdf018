/**
 * Shop catalog and search (#15.2, #15.8) on 10,000 products: p95 of full-text search (with
 * typos and Spanish words), as-you-type suggestions, the product list (default sort, a price
 * filter, a price sort) and the product page — each through the public API in this process,
 * reported as a ratio to a baseline measured in the same run on the same app and database: the
 * organization's public profile (one indexed row read through the whole stack: middleware, a
 * query, the response contract). Embedded PGlite always; PostgreSQL too with BENCH_DATABASE_URL.
 * Written to bench/results/products.json. A ratio, never a fixed time, is what to watch.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { client, createBenchApp, stats } from './support';

const PRODUCTS = Number(process.argv.find((a) => a.startsWith('--products='))?.split('=')[1] ?? 10_000);
const SAMPLES = 200;
const WARMUP = 20;
const root = path.resolve(import.meta.dirname, '..');

const adjectives = ['Ceramic', 'Foam', 'Microfiber', 'Carnauba', 'Leather', 'Glass', 'Wheel', 'Interior', 'Tire', 'Quick', 'Premium', 'Citrus', 'Lavender', 'Heavy-Duty', 'Gentle', 'Matte', 'Gloss', 'Compact', 'Deluxe', 'Eco'];
const nouns = ['Shampoo', 'Wax', 'Sealant', 'Towel', 'Brush', 'Cleaner', 'Polish', 'Coating', 'Mitt', 'Spray', 'Conditioner', 'Degreaser', 'Detergent', 'Sponge', 'Cloth', 'Kit', 'Bucket', 'Pad', 'Gel', 'Restorer', 'Remover', 'Foam Cannon', 'Steamer', 'Bag', 'Applicator'];
const esNouns = ['Champú', 'Cera', 'Sellador', 'Toalla', 'Cepillo', 'Limpiador', 'Abrillantador', 'Recubrimiento', 'Guante', 'Aerosol', 'Acondicionador', 'Desengrasante', 'Detergente', 'Esponja', 'Paño', 'Kit', 'Cubeta', 'Almohadilla', 'Gel', 'Restaurador', 'Removedor', 'Cañón de espuma', 'Vaporizador', 'Bolso', 'Aplicador'];
const arr = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`);

async function bulkProducts(database: Database, organizationId: string) {
  const t = performance.now();
  await database.db.execute(sql`
    insert into stock_items (id, organization_id, code, on_hand, reserved, low_stock_threshold)
    select 'stk_bench' || lpad(i::text, 21, '0'), ${organizationId}, 'BENCH-' || i, (i * 7) % 60, 0, 5
    from generate_series(1, ${PRODUCTS}) i`);
  await database.db.execute(sql`
    insert into products (id, organization_id, slug, title, description, tags, featured, status, currency, price_min_minor, translations, search_config, created_at, updated_at)
    select 'prod_bench' || lpad(i::text, 21, '0'), ${organizationId}, 'product-' || i,
      (${arr(adjectives)})[1 + i % 20] || ' ' || (${arr(nouns)})[1 + (i / 20) % 25] || ' ' || i,
      'A ' || lower((${arr(adjectives)})[1 + (i / 7) % 20]) || ' ' || lower((${arr(nouns)})[1 + i % 25]) || ' for everyday care. Batch ' || i || '.',
      array[lower((${arr(nouns)})[1 + (i / 20) % 25]), 'tag' || (i % 50)],
      i % 100 = 0, case when i % 10 = 0 then 'draft' else 'active' end, 'USD', 500 + (i * 37) % 20000,
      jsonb_build_object('es', jsonb_build_object('title', (${arr(esNouns)})[1 + (i / 20) % 25] || ' ' || lower((${arr(adjectives)})[1 + i % 20]) || ' ' || i)),
      'english'::regconfig, now() - i * interval '1 minute', now()
    from generate_series(1, ${PRODUCTS}) i`);
  await database.db.execute(sql`
    insert into product_variants (id, organization_id, product_id, sku, title, price_minor, stock_item_id)
    select 'pvar_bench' || lpad(i::text, 21, '0'), ${organizationId}, 'prod_bench' || lpad(i::text, 21, '0'), 'BENCH-' || i, 'Standard', 500 + (i * 37) % 20000, 'stk_bench' || lpad(i::text, 21, '0')
    from generate_series(1, ${PRODUCTS}) i`);
  await database.db.execute(sql`analyze products`);
  await database.db.execute(sql`analyze product_variants`);
  await database.db.execute(sql`analyze stock_items`);
  return Math.round(performance.now() - t);
}

async function run(label: string, database: Database) {
  await migrate(database);
  const app = createBenchApp(database);
  const anon = client(app);
  const slug = `shop-${Date.now().toString(36)}`;
  const email = `${slug}@bench.test`;
  if ((await anon('/api/auth/sign-up/email', { body: { email, name: 'Bench Owner', password: 'bench-password-1' } })).status !== 200) throw new Error('sign-up');
  const signIn = await anon('/api/auth/sign-in/email', { body: { email, password: 'bench-password-1' } });
  if (signIn.status !== 200) throw new Error('sign-in');
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const org = await client(app, cookie)('/api/v1/orgs', { body: { name: 'Bench Shop', slug, timezone: 'America/New_York', currency: 'USD' } });
  if (org.status !== 201) throw new Error(`org: ${org.status} ${JSON.stringify(org.json)}`);
  const insertMs = await bulkProducts(database, org.json.id);

  const measure = async (paths: (i: number) => string) => {
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES + WARMUP; i++) {
      const p = paths(i);
      const t = performance.now();
      const res = await anon(p);
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${JSON.stringify(res.json)}`);
      if (i >= WARMUP) samples.push(ms);
    }
    return stats(samples);
  };
  const pub = `/api/v1/public/orgs/${slug}`;
  const queries = ['ceramic coating', 'shampoo', 'shampo', 'microfibre towel', 'cera', 'champu', 'leather conditioner', 'polish', 'wheel cleaner', 'glos', 'toalla', 'degreaser kit'];
  const prefixes = ['ce', 'cer', 'sh', 'sha', 'sham', 'mic', 'micro', 'to', 'tow', 'le', 'lea', 'wa', 'wax'];
  const baseline = await measure(() => pub);
  const search = await measure((i) => `${pub}/products?q=${encodeURIComponent(queries[i % queries.length]!)}`);
  const suggest = await measure((i) => `${pub}/product-suggestions?q=${encodeURIComponent(prefixes[i % prefixes.length]!)}`);
  const list = await measure((i) => `${pub}/products?page=${1 + (i % 5)}`);
  const listFiltered = await measure((i) => `${pub}/products?minPrice=${(i % 10) * 1000}&maxPrice=${(i % 10) * 1000 + 3000}&sort=price_asc&inStock=true`);
  // Every tenth product is a draft (not on the storefront): step off those.
  const activeProduct = (i: number) => {
    const n = 1 + ((i * 7919) % PRODUCTS);
    return n % 10 === 0 ? n - 1 : n;
  };
  const page = await measure((i) => `${pub}/products/product-${activeProduct(i)}`);
  const ratio = (s: { p95Ms: number }) => Math.round((s.p95Ms / baseline.p95Ms) * 100) / 100;
  return {
    database: label,
    description: database.description,
    products: PRODUCTS,
    bulkInsertMs: insertMs,
    baselinePublicProfile: baseline,
    search: { ...search, p95Ratio: ratio(search) },
    suggest: { ...suggest, p95Ratio: ratio(suggest) },
    list: { ...list, p95Ratio: ratio(list) },
    listFilteredSorted: { ...listFiltered, p95Ratio: ratio(listFiltered) },
    productPage: { ...page, p95Ratio: ratio(page) },
  };
}

// --databases=postgres skips the embedded run (with BENCH_DATABASE_URL).
const only = process.argv.find((a) => a.startsWith('--databases='))?.split('=')[1]?.split(',');
const runs = [];
if (!only || only.includes('pglite')) {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    runs.push(await run('pglite', database));
  } finally {
    await database.close();
  }
}
const url = testEnv().BENCH_DATABASE_URL;
if (url && (!only || only.includes('postgres'))) {
  const database = await openDatabase({ kind: 'postgres', url, poolMax: 4 });
  try {
    runs.push(await run('postgres', database));
  } finally {
    await database.close();
  }
} else process.stdout.write('BENCH_DATABASE_URL not set: PostgreSQL run skipped.\n');

const file = path.join(root, 'bench/results/products.json');
writeFileSync(file, `${JSON.stringify({ benchmark: 'products', measuredAt: new Date().toISOString(), node: process.version, samplesPerRoute: SAMPLES, runs }, null, 2)}\n`);
for (const r of runs) {
  process.stdout.write(`\n${r.database}: ${r.products} products (bulk insert ${r.bulkInsertMs} ms); baseline (public profile) p95 ${r.baselinePublicProfile.p95Ms} ms\n`);
  for (const name of ['search', 'suggest', 'list', 'listFilteredSorted', 'productPage'] as const) {
    const s = r[name];
    process.stdout.write(`  ${name.padEnd(20)} median ${String(s.medianMs).padStart(7)} ms   p95 ${String(s.p95Ms).padStart(7)} ms   ${s.p95Ratio}× baseline\n`);
  }
}
process.stdout.write(`\nwritten to ${path.relative(root, file)}\n`);
