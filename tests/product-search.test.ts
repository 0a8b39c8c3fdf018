/**
 * Shop search (#15.2): full text weighted title > tags > description in the organization's
 * language (English and Spanish stemming), the Spanish translations searchable too, accents
 * ignored both ways (unaccent), typos forgiven by trigrams (pg_trgm), and as-you-type
 * suggestions. Runs on PGlite (extensions loaded from @electric-sql/pglite/contrib) and on
 * PostgreSQL 15 with TEST_DATABASE_URL — the same SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@/lib/clock';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';

let h: Harness;
let en: TestOrg;
let es: TestOrg;

async function add(org: TestOrg, slug: string, body: Record<string, unknown>, price = 1000) {
  const p = await call(h, `/api/v1/orgs/${org.slug}/products`, { cookie: org.owner.cookie, body: { slug, status: 'active', ...body } });
  if (p.status !== 201) throw new Error(`product: ${p.status} ${p.text}`);
  const v = await call(h, `/api/v1/orgs/${org.slug}/products/${p.json.id}/variants`, {
    cookie: org.owner.cookie,
    body: { sku: `${org.slug}-${slug}`.toUpperCase().slice(0, 60), title: 'Default', priceMinor: price, stock: { onHand: 5 } },
  });
  if (v.status !== 201) throw new Error(`variant: ${v.status} ${v.text}`);
}

beforeAll(async () => {
  h = await createHarness({ clock: fixedClock('2026-06-01T12:00:00Z') });
  en = await createOrg(h);
  es = await createOrg(h, undefined, { locale: 'es' });
  await add(en, 'ph-neutral-car-shampoo', { title: 'pH Neutral Car Shampoo', description: 'Gentle foam that lifts dirt.', tags: ['wash'], translations: { es: { title: 'Champú neutro para auto' } } });
  await add(en, 'ceramic-coating-kit', {
    title: 'Ceramic Coating Kit',
    description: 'Nine months of protection and gloss.',
    tags: ['protect'],
    translations: { es: { title: 'Kit de recubrimiento cerámico', description: 'Nueve meses de protección.' } },
  });
  await add(en, 'paint-protection-film', { title: 'Paint Protection Film', description: 'Clear film for bumpers.', tags: ['protect'] });
  await add(en, 'microfiber-towel', { title: 'Microfiber Towel', description: 'Soft, lint free.', tags: ['dry'] });
  await add(en, 'foam-lance', { title: 'Foam Lance', description: 'Attaches to a pressure washer; pairs with any shampoo.', tags: ['wash'] });
  await add(en, 'secret-shampoo', { title: 'Secret Shampoo', status: 'draft' });
  await add(es, 'cera-premium', { title: 'Cerá Premium para autos', description: 'Brillo duradero.', tags: ['proteccion'] });
  await add(es, 'champu-neutro', { title: 'Champú neutro', description: 'Espuma suave para lavar.', tags: ['lavado'] });
  await add(es, 'toallas', { title: 'Toallas de microfibra', description: 'Secado sin marcas.', tags: ['secado'] });
}, 60_000);
afterAll(() => h?.close());

async function search(org: TestOrg, q: string, extra = '') {
  const res = await call(h, `/api/v1/public/orgs/${org.slug}/products?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status, res.text).toBe(200);
  return (res.json.data as { slug: string }[]).map((p) => p.slug);
}
async function suggest(org: TestOrg, q: string, extra = '') {
  const res = await call(h, `/api/v1/public/orgs/${org.slug}/product-suggestions?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status, res.text).toBe(200);
  return res.json.data as { slug: string; title: string }[];
}

describe('full-text search', () => {
  it('English: stems (towels → towel), ranks a title above a description, hides drafts', async () => {
    expect(await search(en, 'towels')).toEqual(['microfiber-towel']);
    expect(await search(en, 'protection')).toEqual(['paint-protection-film', 'ceramic-coating-kit']);
    const shampoo = await search(en, 'shampoo');
    expect(shampoo[0]).toBe('ph-neutral-car-shampoo');
    expect(shampoo).toContain('foam-lance'); // in its description: below the title match
    expect(shampoo).not.toContain('secret-shampoo');
    expect(await search(en, 'wash')).toEqual(expect.arrayContaining(['ph-neutral-car-shampoo', 'foam-lance']));
  });

  it('the Spanish translation is searchable, with or without accents', async () => {
    expect(await search(en, 'recubrimiento')).toEqual(['ceramic-coating-kit']);
    expect(await search(en, 'cerámico')).toEqual(['ceramic-coating-kit']);
    expect(await search(en, 'ceramico')).toEqual(['ceramic-coating-kit']);
    expect(await search(en, 'champu')).toEqual(['ph-neutral-car-shampoo']);
  });

  it('Spanish shop: Spanish stemming, accents folded ("cera" finds "Cerá", "champú" finds "Champú")', async () => {
    expect(await search(es, 'cera')).toEqual(['cera-premium']);
    expect(await search(es, 'ceras')).toEqual(['cera-premium']);
    expect(await search(es, 'champú')).toEqual(['champu-neutro']);
    expect(await search(es, 'toalla')).toEqual(['toallas']);
    expect(await search(es, 'lavar')).toEqual(['champu-neutro']);
  });

  it('forgives typos by trigrams', async () => {
    expect((await search(en, 'shampo'))[0]).toBe('ph-neutral-car-shampoo');
    expect((await search(en, 'ceramik'))[0]).toBe('ceramic-coating-kit');
    expect((await search(en, 'microfibre'))[0]).toBe('microfiber-towel');
    expect(await search(en, 'zzzzqqq')).toEqual([]);
  });

  it('combines with filters, other languages answer in their text, junk is harmless', async () => {
    expect(await search(en, 'protect', '&maxPrice=500')).toEqual([]);
    const res = await call(h, `/api/v1/public/orgs/${en.slug}/products?q=ceramic&lang=es`);
    expect(res.json.data[0].title).toBe('Kit de recubrimiento cerámico');
    for (const q of ['%', '_', "'; drop table products; --", '!!! & | :*', '"unterminated', 'a'.repeat(100)]) {
      const r = await call(h, `/api/v1/public/orgs/${en.slug}/products?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
    }
    expect((await call(h, `/api/v1/public/orgs/${en.slug}/products?q=${'a'.repeat(101)}`)).status).toBe(400);
  });

  it('finds only the shop’s own products (the search function reads the transaction’s tenant)', async () => {
    expect(await search(es, 'secado')).toEqual(['toallas']);
    expect(await search(en, 'secado')).toEqual([]);
    expect(await suggest(en, 'toallas de')).toEqual([]);
    expect(await search(es, 'ceramic')).toEqual([]);
  });

  it('the admin list searches the same way, drafts included', async () => {
    const res = await call(h, `/api/v1/orgs/${en.slug}/products?q=shampo`, { cookie: en.owner.cookie });
    expect(res.status).toBe(200);
    expect(res.json.data.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining(['ph-neutral-car-shampoo', 'secret-shampoo']));
  });
});

describe('suggestions', () => {
  it('as you type: prefixes, typos, accents, titles in the asked language; active only; at most 8', async () => {
    expect((await suggest(en, 'cer'))[0]).toMatchObject({ slug: 'ceramic-coating-kit', title: 'Ceramic Coating Kit' });
    expect((await suggest(en, 'sham')).map((s) => s.slug)).toEqual(['ph-neutral-car-shampoo']);
    expect((await suggest(en, 'shampo')).map((s) => s.slug)).toContain('ph-neutral-car-shampoo');
    expect((await suggest(en, 'microfibre')).map((s) => s.slug)).toContain('microfiber-towel');
    expect((await suggest(es, 'cera'))[0]).toMatchObject({ slug: 'cera-premium', title: 'Cerá Premium para autos' });
    expect((await suggest(en, 'champ', '&lang=es'))[0]).toMatchObject({ slug: 'ph-neutral-car-shampoo', title: 'Champú neutro para auto' });
    // One character suggests nothing (and reads nothing); two already do.
    expect(await suggest(en, 'c')).toEqual([]);
    expect((await suggest(en, 'ce')).map((s) => s.slug)).toContain('ceramic-coating-kit');
    expect(await suggest(en, '%')).toEqual([]);
    expect(await suggest(en, '_')).toEqual([]);
    expect((await call(h, `/api/v1/public/orgs/${en.slug}/product-suggestions?q=`)).status).toBe(400);
    expect((await call(h, `/api/v1/public/orgs/nope-nope/product-suggestions?q=abc`)).status).toBe(404);
  });
});
