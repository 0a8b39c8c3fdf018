/**
 * The shop's catalog in the dashboard, 375 px wide: the owner of a fresh organization (whose
 * dashboard shows no shop until they turn it on in Settings) creates a
 * category, a product (a bad image address refused on its field first) with two variants — the
 * second sharing the first one's stock, two units a sale; a taken SKU is refused on its field —
 * publishes it, adjusts the stock with a reason (an adjustment below what a guest's order
 * reserved is refused, a missing reason too) and sees the movement; the public product page
 * shows the product. Every page is axe-clean, fits 375 px and speaks Spanish.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addToOrganization, api, type ApiUser, cookieOf, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

function ok(res: { status: number; json: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as Record<string, unknown>;
}

run('the products back office in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  const slug = `cat-${suffix()}`;
  let productUrl = '';

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Catalog Owner');
    await createOrganization(baseUrl, owner, slug, 'Detail Shop');
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(browser.context, baseUrl, owner);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const clean = async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
  };

  it('creates a category', { timeout: 90_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/products/categories`);
    await page.getByRole('heading', { level: 1, name: 'Product categories' }).waitFor();
    await page.getByRole('heading', { name: 'No categories yet' }).waitFor();
    await clean();
    await page.getByLabel('Name', { exact: true }).fill('Cleaning');
    expect(await page.getByLabel('Slug').inputValue()).toBe('cleaning');
    await page.getByLabel('Name in Spanish').fill('Limpieza');
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.getByText('Category Cleaning created.').waitFor();
    await page.getByTestId('category-row').filter({ hasText: 'ES: Limpieza' }).waitFor();
    // The same slug again is the API's 409, shown on its field; what was typed stays.
    await page.getByLabel('Name', { exact: true }).fill('Cleaning');
    await page.getByRole('button', { name: 'Create category' }).click();
    await page.locator('#category-slug-error').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Cleaning');
    await clean();
    expect(browser.errors).toEqual([]);
  });

  it('creates a product with two variants, one sharing the other’s stock, and publishes it', { timeout: 150_000 }, async () => {
    // A fresh business's dashboard shows no shop until it sells something or the owner turns it on.
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    const nav = page.getByRole('navigation', { name: 'Dashboard' });
    await nav.getByRole('link', { name: 'Bookings' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Products' }).count()).toBe(0);
    await page.goto(`${baseUrl}/dashboard/${slug}/settings`);
    await page.getByTestId('dashboard-areas').getByLabel('Shop', { exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Settings saved.').waitFor();
    // The Settings page with its Dashboard areas section: axe-clean and 375 px wide too.
    await clean();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Products' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/products`);
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.getByRole('heading', { name: 'No products yet' }).waitFor();
    await clean();

    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByRole('heading', { level: 1, name: 'New product' }).waitFor();
    await clean();
    await page.getByLabel('Title', { exact: true }).fill('Car shampoo');
    expect(await page.getByLabel('Slug').inputValue()).toBe('car-shampoo');
    await page.getByLabel('Description', { exact: true }).fill('Gentle on wax.');
    await page.getByLabel('Category').selectOption({ label: 'Cleaning' });
    await page.getByLabel('Tags').fill('car, wash');
    await page.getByLabel('Images').fill('http://example.com/shampoo.jpg');
    await page.getByLabel('Title in Spanish').fill('Champú para coches');
    await page.getByRole('button', { name: 'Create product' }).click();
    // A plain-http image is the API's 400 on the images field; nothing typed is lost.
    await page.locator('#product-images-error').getByText(/https/).waitFor();
    expect(await page.getByLabel('Title in Spanish').inputValue()).toBe('Champú para coches');
    await clean();
    await page.getByLabel('Images').fill('https://example.com/shampoo.jpg');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/products\/prod_/);
    productUrl = page.url();
    await page.getByRole('heading', { level: 1, name: 'Car shampoo' }).waitFor();
    await page.getByRole('heading', { name: 'No variants yet' }).waitFor();
    await clean();

    await page.getByLabel('Variant title').fill('500 ml');
    await page.getByLabel('SKU').fill('SH-500');
    await page.getByLabel('Price (USD)', { exact: true }).fill('12.50');
    await page.getByLabel('Units on hand').fill('10');
    await page.getByRole('button', { name: 'Add variant' }).click();
    await page.getByText('Variant 500 ml added.').waitFor();
    await expect.poll(() => page.getByTestId('variant-row').count()).toBe(1);

    // The second draws on the first one's stock item, two units a sale; first with a taken SKU.
    await page.getByLabel('Variant title').fill('Pack of 2');
    await page.getByLabel('SKU').fill('SH-500');
    await page.getByLabel('Price (USD)', { exact: true }).fill('24');
    await page.getByLabel('Compare-at price (USD)').fill('25');
    await page.getByLabel("Share another variant's stock").check();
    await page.getByLabel('Stock item to share').selectOption({ label: 'SH-500 (500 ml)' });
    await page.getByLabel('Units per variant').fill('2');
    await page.getByRole('button', { name: 'Add variant' }).click();
    await page.locator('#variant-sku-error').getByText('Another variant already uses this SKU.').waitFor();
    expect(await page.getByLabel('Variant title').inputValue()).toBe('Pack of 2');
    await clean();
    await page.getByLabel('SKU').fill('SH-500-2');
    await page.getByRole('button', { name: 'Add variant' }).click();
    await page.getByText('Variant Pack of 2 added.').waitFor();
    await expect.poll(() => page.getByTestId('variant-row').count()).toBe(2);
    await page.getByTestId('variant-row').filter({ hasText: 'Pack of 2' }).getByText(/2 units each/).first().waitFor();
    // One stock item for both.
    expect(await page.getByTestId('stock-item').count()).toBe(1);

    // Edit a variant's price in its dialog.
    await page.getByRole('button', { name: 'Edit Pack of 2' }).click();
    await page.getByRole('dialog').getByLabel('Price (USD)', { exact: true }).fill('22');
    await page.getByRole('dialog').getByRole('button', { name: 'Save variant' }).click();
    await page.getByText('Variant Pack of 2 saved.').waitFor();
    await page.getByTestId('variant-row').filter({ hasText: 'Pack of 2' }).getByText('$22.00').waitFor();

    // Publish.
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('Featured in the shop').check();
    await page.getByRole('button', { name: 'Save product' }).click();
    await page.getByText('Car shampoo saved.').waitFor();
    await page.getByRole('link', { name: 'View in the shop' }).waitFor();
    await clean();
    expect(browser.errors).toEqual([]);
  });

  it('adjusts stock with a reason, refuses going below what is reserved, and shows the movement', { timeout: 120_000 }, async () => {
    // A guest's checkout reserves one unit.
    const product = ok(await api(baseUrl, `/api/v1/orgs/${slug}/products?q=shampoo`, { cookie: owner.cookie }), 200, 'products') as { data: { variants: { id: string; sku: string }[] }[] };
    const single = product.data[0]!.variants.find((v) => v.sku === 'SH-500')!;
    const added = await api(baseUrl, `/api/v1/public/orgs/${slug}/cart/lines`, { body: { variantId: single.id, quantity: 1 } });
    ok(added, 200, 'add to cart');
    ok(
      await api(baseUrl, `/api/v1/public/orgs/${slug}/checkout`, {
        cookie: cookieOf(added.headers),
        body: { contact: { email: `pat-${suffix()}@example.test`, name: 'Pat Buyer' }, fulfilment: 'pickup', paymentProvider: 'manual', locale: 'en' },
      }),
      201,
      'checkout',
    );

    await page.goto(productUrl);
    const stock = page.getByTestId('stock-item');
    await stock.getByTestId('stock-reserved').getByText('1', { exact: true }).waitFor();
    // No reason: refused before asking the API.
    await stock.getByLabel('Change (units)').fill('5');
    await stock.getByRole('button', { name: 'Adjust stock' }).click();
    await stock.getByText('Say why (received, counted, damaged…).').waitFor();
    // Below what is reserved: the API's 409, said in full.
    await stock.getByLabel('Change (units)').fill('-10');
    await stock.getByLabel('Reason', { exact: true }).fill('Counted');
    await stock.getByRole('button', { name: 'Adjust stock' }).click();
    await stock.getByText(/Adjustment refused: Only 9 of the 10 units on hand are free/).waitFor();
    expect(await stock.getByTestId('stock-onHand').textContent()).toBe('10');
    await clean();
    await stock.getByLabel('Change (units)').fill('5');
    await stock.getByLabel('Reason', { exact: true }).fill('Received delivery');
    await stock.getByRole('button', { name: 'Adjust stock' }).click();
    await page.getByText('Stock SH-500 adjusted: 15 on hand.').waitFor();
    await stock.getByTestId('stock-onHand').getByText('15', { exact: true }).waitFor();
    await stock.getByTestId('stock-movements').getByText('Received delivery').waitFor();
    await stock.getByTestId('stock-movements').getByText('+5').waitFor();
    await clean();

    // The list shows price from, stock and the badges; the status filter lives in the URL.
    await page.goto(`${baseUrl}/dashboard/${slug}/products`);
    const row = page.getByTestId('product-row').filter({ hasText: 'Car shampoo' });
    await row.waitFor();
    await row.getByText('Active').waitFor();
    await row.getByText('Featured').waitFor();
    await row.getByText('from $12.50').first().waitFor();
    await row.getByText('14 available / 15 on hand').first().waitFor();
    await clean();
    await page.getByLabel('Status').selectOption('draft');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/status=draft/);
    await page.getByRole('heading', { name: 'No products match' }).waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('shows the product on its public page', { timeout: 60_000 }, async () => {
    await page.goto(`${baseUrl}/${slug}/products/car-shampoo`);
    await page.getByRole('heading', { level: 1, name: 'Car shampoo' }).waitFor();
    await page.getByText('Pack of 2').first().waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('confirms deletes and shows the API’s reason when one is refused', { timeout: 90_000 }, async () => {
    // A category holding a product: the 409 says why, in the dialog.
    await page.goto(`${baseUrl}/dashboard/${slug}/products/categories`);
    await page.getByRole('button', { name: 'Delete Cleaning' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Delete Cleaning?' }).waitFor();
    await dialog.getByRole('button', { name: 'Delete category' }).click();
    await dialog.getByText(/Could not delete: The category holds 0 categories and 1 products/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('category-row').count()).toBe(1);

    // A variant no order refers to goes, after its confirmation.
    await page.goto(productUrl);
    await page.getByRole('button', { name: 'Delete Pack of 2' }).click();
    await dialog.getByRole('button', { name: 'Delete variant' }).click();
    await page.getByText('Variant Pack of 2 deleted.').waitFor();
    await expect.poll(() => page.getByTestId('variant-row').count()).toBe(1);

    // A product goes after its confirmation (Cancel first: nothing happens); the list follows.
    const old = ok(await api(baseUrl, `/api/v1/orgs/${slug}/products`, { cookie: owner.cookie, body: { slug: 'old-towel', title: 'Old towel' } }), 201, 'product');
    await page.goto(`${baseUrl}/dashboard/${slug}/products/${String(old.id)}`);
    await page.getByRole('heading', { level: 1, name: 'Old towel' }).waitFor();
    await page.getByRole('button', { name: 'Delete product' }).click();
    await dialog.getByRole('heading', { name: 'Delete Old towel?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Delete product' }).click();
    await dialog.getByRole('button', { name: 'Delete product' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/products`);
    await page.getByText('Old towel deleted.').waitFor();
    await expect.poll(() => page.getByTestId('product-row').count()).toBe(1);
    expect(browser.errors).toEqual([]);
  });

  it('speaks Spanish', { timeout: 90_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/products?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Productos' }).waitFor();
    await page.getByTestId('product-row').getByText('Activo').waitFor();
    await clean();
    await page.goto(productUrl);
    await page.getByRole('heading', { name: 'Variantes' }).waitFor();
    await page.getByRole('button', { name: 'Ajustar existencias' }).waitFor();
    await clean();
    await page.goto(`${baseUrl}/dashboard/${slug}/products/categories`);
    await page.getByRole('heading', { level: 1, name: 'Categorías de productos' }).waitFor();
    await clean();
    await page.goto(`${baseUrl}/dashboard/${slug}/products?lang=en`);
    expect(browser.errors).toEqual([]);
  });

  it('shows staff the catalog read-only', { timeout: 60_000 }, async () => {
    const staff = await signUpUser(baseUrl, 'Shop Staff');
    await addToOrganization(baseUrl, slug, owner, staff, 'staff');
    await useSession(browser.context, baseUrl, staff);
    await page.goto(`${baseUrl}/dashboard/${slug}/products`);
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    expect(await page.getByRole('link', { name: 'New product' }).count()).toBe(0);
    await page.goto(productUrl);
    await page.getByRole('heading', { level: 1, name: 'Car shampoo' }).waitFor();
    expect(await page.getByLabel('Title', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Adjust stock' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add variant' }).count()).toBe(0);
    await page.getByTestId('stock-movements').getByText('Received delivery').waitFor();
    await clean();
    expect(browser.errors).toEqual([]);
  });
});
