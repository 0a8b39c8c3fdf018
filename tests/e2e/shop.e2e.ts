/**
 * The shop as a guest sees it (issue 15 item 8): search with suggestions, a product page with a
 * variant picker, two items in the cart drawer, a promo code (a wrong one first: the API's
 * reason is shown), checkout with pickup and manual payment, the confirmation and the order
 * status page by its secret link; axe on every page, the pages at 375 px, and Spanish.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, suffix } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'bookline-shop';

async function ownerCookie(): Promise<string> {
  const res = await api(baseUrl, '/api/auth/sign-in/email', { body: { email: `owner@${slug}.demo`, password: 'bookline-demo' } });
  if (res.status !== 200) throw new Error(`demo sign-in: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

/**
 * The demo bag's free units set to `n` through the owner's stock adjustment (the demo holds one
 * for an order awaiting payment, and earlier tests may have bought some): what the page says is
 * then known, whatever ran before.
 */
async function bagAvailable(n: number): Promise<void> {
  const cookie = await ownerCookie();
  const list = await api(baseUrl, `/api/v1/orgs/${slug}/products?q=${encodeURIComponent('Limited Edition Detailing Bag')}`, { cookie });
  const bag = (list.json.data as { slug: string; variants: { stockItem: { id: string; available: number } }[] }[]).find((p) => p.slug === 'limited-edition-detailing-bag')!;
  const stock = bag.variants[0]!.stockItem;
  if (stock.available === n) return;
  const adjusted = await api(baseUrl, `/api/v1/orgs/${slug}/stock-items/${stock.id}/adjustments`, { cookie, body: { delta: n - stock.available, reason: 'Browser test: a known count' } });
  expect(adjusted.status, JSON.stringify(adjusted.json)).toBe(201);
}

// The grid and product pages stream behind a loading state: until the swap, a hidden copy of the
// page is in the document too. Role locators skip it; wait for one (the h1) before text locators.
async function expectAxeClean(page: Page) {
  const found = await seriousViolations(page);
  expect(found.map((v) => `${page.url()}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`)).toEqual([]);
}

run('shop storefront (guest)', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let code: string;
  beforeAll(async () => {
    browser = await openBrowser();
    code = `E2E${suffix().toUpperCase()}`;
    const created = await api(baseUrl, `/api/v1/orgs/${slug}/promo-codes`, { cookie: await ownerCookie(), body: { code, kind: 'percentage', value: 1000, description: 'Browser test' } });
    if (created.status !== 201) throw new Error(`create promo code: ${created.status} ${JSON.stringify(created.json)}`);
  });
  afterAll(() => browser?.close());

  it('searches, adds two items, applies a code, checks out and sees the order', async () => {
    const page = await browser.context.newPage();

    // Home: featured products and categories instead of "Bookings are not offered online".
    await page.goto(`${baseUrl}/${slug}`);
    await page.getByRole('heading', { name: 'Featured products' }).waitFor();
    expect(await page.getByText('Bookings are not offered online').count()).toBe(0);
    await expectAxeClean(page);

    // Search: type, the suggestions open, pick one.
    await page.getByRole('link', { name: 'Shop', exact: true }).click();
    await page.waitForURL(`${baseUrl}/${slug}/products`);
    await page.getByRole('heading', { name: 'Products', exact: true }).waitFor();
    await expectAxeClean(page);
    const box = page.getByRole('combobox', { name: 'Search products' });
    await box.pressSequentially('shampo', { delay: 40 });
    const suggestion = page.getByRole('option', { name: 'pH Neutral Car Shampoo' });
    await suggestion.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.press('ArrowDown');
    await suggestion.waitFor();
    await suggestion.click();

    // The product page: pick the 1 L variant, add one.
    await page.waitForURL(`${baseUrl}/${slug}/products/ph-neutral-car-shampoo`);
    await page.getByRole('heading', { level: 1, name: 'pH Neutral Car Shampoo' }).waitFor();
    await expectAxeClean(page);
    await page.getByRole('radio', { name: '1 L' }).check();
    await page.getByText('Was $22.00', { exact: true }).waitFor();
    const add = page.getByRole('button', { name: 'Add to cart' });
    await add.click();
    const drawer = page.getByRole('dialog', { name: 'Your cart' });
    await drawer.waitFor();
    await drawer.getByText('1 L', { exact: true }).waitFor();
    await expectAxeClean(page);
    // Escape closes the drawer and gives focus back.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);

    // A second product, two of them.
    await page.goto(`${baseUrl}/${slug}/products/microfiber-towel`);
    await page.getByRole('radio', { name: 'Single' }).check();
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await drawer.waitFor();
    await drawer.getByRole('link', { name: 'Microfiber Towel' }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The cart button counts three items and opens the drawer; on to checkout.
    const cartButton = page.getByRole('button', { name: 'Cart, 3 items' });
    await cartButton.waitFor();
    await cartButton.click();
    await drawer.getByRole('link', { name: 'Check out' }).click();
    await page.waitForURL(`${baseUrl}/${slug}/checkout`);
    await page.getByRole('heading', { name: 'Order summary' }).waitFor();
    await page.getByText('$27.00').first().waitFor();
    await expectAxeClean(page);

    await page.getByLabel('Email').fill(`shop.${suffix()}@example.com`);
    await page.getByLabel('Name', { exact: true }).fill('Shop Guest');
    expect(await page.getByRole('radio', { name: 'Pick up at the shop' }).isChecked()).toBe(true);

    // A code that does not exist: the API's reason, on the field.
    await page.getByRole('textbox', { name: 'Promo code' }).fill('NOPE999');
    await page.getByRole('button', { name: 'Apply code' }).click();
    await page.getByText('There is no promo code NOPE999.').waitFor();
    // The real one: 10 % off $27.00.
    await page.getByRole('textbox', { name: 'Promo code' }).fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Apply code' }).click();
    await page.getByText(`${code} applied: $2.70 off.`).waitFor();
    await expectAxeClean(page);

    // Double click: one order.
    await page.getByRole('button', { name: 'Place order' }).dblclick();
    await page.waitForURL(new RegExp(`/${slug}/orders/[A-Za-z0-9_-]{20,}\\?placed=1$`));
    await page.getByText('Thank you, Shop Guest! Your order is placed.').waitFor();
    await page.getByRole('heading', { level: 1, name: /^Order BL-/ }).waitFor();
    await page.getByText('Awaiting payment').first().waitFor();
    await page.getByText(`Discount (${code})`).waitFor();
    await expectAxeClean(page);

    // The secret link on its own (as the email carries it): the same order.
    const statusUrl = page.url().replace(/\?placed=1$/, '');
    await page.goto(statusUrl);
    await page.getByRole('heading', { level: 1, name: /^Order BL-/ }).waitFor();
    expect(await page.getByText('Thank you').count()).toBe(0);
    await page.getByText('Microfiber Towel').first().waitFor();
    // Its total as the server computed it ($27.00 less 10 %, the shop's tax on top).
    const order = await api(baseUrl, `/api/v1/public/orgs/${slug}/orders/${statusUrl.split('/').at(-1)}`);
    expect(order.json.totals).toMatchObject({ subtotalMinor: 2700, discountMinor: 270 });
    const total = `$${(order.json.totals.totalMinor / 100).toFixed(2)}`;
    expect(await page.getByText(total).count()).toBeGreaterThan(0);

    // The cart is empty after the order; exactly one order used the code.
    await page.getByRole('button', { name: 'Cart, 0 items' }).waitFor();
    const promos = await api(baseUrl, `/api/v1/orgs/${slug}/promo-codes?q=${code}`, { cookie: await ownerCookie() });
    expect(promos.json.data[0].timesUsed).toBe(1);
    expect(browser.errors).toEqual([]);
  });

  it('filters, sorts and pages through the URL; the back button returns', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/${slug}/products`);
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Page 1 of 4').waitFor();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Page 2 of 4').waitFor();
    await page.goBack();
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Page 1 of 4').waitFor();

    // Price low to high under $5, in stock: the single towel is there, the bag ($45) is not.
    await page.getByLabel('Maximum price').fill('5');
    await page.getByLabel('In stock only').check();
    await page.getByLabel('Sort by').selectOption('price_asc');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('max') === '5' && url.searchParams.get('inStock') === 'true' && url.searchParams.get('sort') === 'price_asc');
    await page.getByRole('link', { name: 'Microfiber Towel' }).waitFor();
    expect(await page.getByRole('link', { name: 'Limited Edition Detailing Bag' }).count()).toBe(0);
    // A shared link shows the same page.
    const shared = await browser.context.newPage();
    await shared.goto(page.url());
    await shared.getByRole('link', { name: 'Microfiber Towel' }).waitFor();
    expect(await shared.getByLabel('Maximum price').inputValue()).toBe('5');
    await shared.close();
    // A hand-edited URL with nonsense is a page, not an error.
    const res = await page.goto(`${baseUrl}/${slug}/products?min=abc&sort=nope&page=-3&category=%00`);
    expect(res?.status()).toBe(200);
    await page.close();
  });

  it('reads at 375 px wide without sideways scrolling, axe clean', async () => {
    const small = await openBrowser({ viewport: { width: 375, height: 740 } });
    try {
      const page = await small.context.newPage();
      for (const path of [`/${slug}`, `/${slug}/products`, `/${slug}/products?q=towel&inStock=true`, `/${slug}/products/limited-edition-detailing-bag`, `/${slug}/cart`, `/${slug}/checkout`]) {
        await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
        await expectAxeClean(page);
      }
      // The nearly sold-out bag says how many are left and caps the quantity with a reason.
      await bagAvailable(2);
      await page.goto(`${baseUrl}/${slug}/products/limited-edition-detailing-bag`);
      await page.getByRole('heading', { level: 1, name: 'Limited Edition Detailing Bag' }).waitFor();
      await page.getByText('Only 2 left', { exact: true }).waitFor();
      await page.getByLabel('Quantity').fill('3');
      await page.getByText('Only 2 left: choose at most 2.').waitFor();
      expect(await page.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true);
      // Empty results and the way back.
      await page.goto(`${baseUrl}/${slug}/products?q=zzzzqqqq`);
      await page.getByRole('heading', { name: 'No products match' }).waitFor();
      expect(small.errors).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('speaks Spanish: the shop’s texts in Spanish', async () => {
    const es = await openBrowser({ locale: 'es-ES' });
    try {
      await es.context.addCookies([{ name: 'bookline-locale', value: 'es', url: baseUrl }]);
      const page = await es.context.newPage();
      await page.goto(`${baseUrl}/${slug}/products?q=champu`);
      await page.getByRole('heading', { name: 'Resultados para «champu»' }).waitFor();
      await page.getByRole('link', { name: 'Champú para auto de pH neutro' }).click();
      await page.getByRole('heading', { level: 1, name: 'Champú para auto de pH neutro' }).waitFor();
      await page.getByRole('button', { name: 'Añadir al carrito' }).click();
      await page.getByRole('dialog', { name: 'Tu carrito' }).waitFor();
      await expectAxeClean(page);
      await page.goto(`${baseUrl}/${slug}/checkout`);
      await page.getByRole('textbox', { name: 'Código promocional' }).fill('NADA123');
      await page.getByRole('button', { name: 'Aplicar código' }).click();
      await page.getByText('No existe el código promocional NADA123.').waitFor();
      await expectAxeClean(page);
      expect(es.errors).toEqual([]);
    } finally {
      await es.close();
    }
  });
  it('a line sold out meanwhile: checkout says which one, and the cart shows why', async () => {
    const guest = await openBrowser();
    try {
      const page = await guest.context.newPage();
      await bagAvailable(2);
      await page.goto(`${baseUrl}/${slug}/products/limited-edition-detailing-bag`);
      await page.getByRole('heading', { level: 1, name: 'Limited Edition Detailing Bag' }).waitFor();
      await page.getByLabel('Quantity').fill('2');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('dialog', { name: 'Your cart' }).getByRole('link', { name: 'Check out' }).click();
      await page.waitForURL(`${baseUrl}/${slug}/checkout`);
      await page.getByLabel('Email').fill(`late.${suffix()}@example.com`);
      await page.getByLabel('Name', { exact: true }).fill('Late Guest');

      // Someone else buys one of the two bags first (through the API, with their own cart cookie).
      const product = await api(baseUrl, `/api/v1/public/orgs/${slug}/products/limited-edition-detailing-bag`);
      const variantId = product.json.variants[0].id as string;
      const added = await api(baseUrl, `/api/v1/public/orgs/${slug}/cart/lines`, { body: { variantId, quantity: 1 } });
      expect(added.status).toBe(200);
      const other = added.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .join('; ');
      const bought = await api(baseUrl, `/api/v1/public/orgs/${slug}/checkout`, { cookie: other, body: { contact: { email: 'first@example.com', name: 'First' }, fulfilment: 'pickup' } });
      expect(bought.status).toBe(201);

      await page.getByRole('button', { name: 'Place order' }).click();
      await page.getByText('BAG-LTD: Only 1 left.').waitFor();
      // Nothing typed is lost; the line says why; the order cannot be placed as it is.
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Late Guest');
      await page.getByRole('region', { name: 'Order summary' }).getByText('Only 1 left.', { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Place order' }).isDisabled()).toBe(true);
      await expectAxeClean(page);
      expect(guest.errors).toEqual([]);
    } finally {
      await guest.close();
    }
  });
  it('shipping: the address is asked for, errors land on their fields, nothing typed is lost', async () => {
    const owner = await ownerCookie();
    const on = await api(baseUrl, `/api/v1/orgs/${slug}/shop-settings`, { method: 'PATCH', cookie: owner, body: { shippingEnabled: true, shippingFeeMinor: 500 } });
    expect(on.status).toBe(200);
    const guest = await openBrowser();
    try {
      const page = await guest.context.newPage();
      await page.goto(`${baseUrl}/${slug}/products/ph-neutral-car-shampoo`);
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('dialog', { name: 'Your cart' }).getByRole('link', { name: 'Check out' }).click();
      await page.waitForURL(`${baseUrl}/${slug}/checkout`);
      await page.getByRole('radio', { name: /^Ship to an address/ }).check();
      await page.getByRole('region', { name: 'Order summary' }).getByText('Shipping').waitFor();
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel('Name', { exact: true }).fill('Ship Guest');
      await page.getByLabel('Street and number').fill('1 Main St');
      await page.getByLabel('City').fill('Austin');
      await page.getByLabel('Postal code').fill('78701');
      await page.getByLabel(/^Country code/).fill('usa');
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.getByText('Check the fields marked below.').waitFor();
      expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Street and number').inputValue()).toBe('1 Main St');
      await expectAxeClean(page);
      await page.getByLabel('Email').fill(`ship.${suffix()}@example.com`);
      await page.getByLabel(/^Country code/).fill('US');
      await page.getByRole('button', { name: 'Place order' }).click();
      await page.waitForURL(/\/orders\/[A-Za-z0-9_-]{20,}\?placed=1$/);
      await page.getByText('Shipping', { exact: true }).first().waitFor();
      expect(guest.errors).toEqual([]);
    } finally {
      await guest.close();
      await api(baseUrl, `/api/v1/orgs/${slug}/shop-settings`, { method: 'PATCH', cookie: owner, body: { shippingEnabled: false } });
    }
  });
});
