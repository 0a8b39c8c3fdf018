/**
 * Product reviews in a browser, 375 px wide (#15 items 6 and 8): a guest buys two products
 * through the public cart and checkout, the owner marks the order paid and fulfils it (API);
 * the guest opens the order status link, sends one line's review with markup first (the error
 * on the field, nothing typed lost), then sends it and sees it waiting for approval; the owner
 * approves it on the dashboard's Reviews page; the product page shows it with the average and
 * count, the other product says "No reviews yet", and a paid-only order shows the calm note.
 * Axe-clean everywhere, and a short Spanish check.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, cookieOf, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

function ok(res: { status: number; json: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as Record<string, any>;
}

async function expectAxeClean(page: Page) {
  const found = await seriousViolations(page);
  expect(found.map((v) => `${page.url()}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`)).toEqual([]);
}

run('product reviews in a browser', () => {
  let guest: Awaited<ReturnType<typeof openBrowser>>;
  let staff: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  const slug = `reviews-shop-${suffix()}`;
  const text = `Foams well and rinses clean. ${suffix()}`;
  let statusUrl: string;
  let paidOnlyUrl: string;
  let lineId: string;
  let shampooId: string;

  /** A guest buys the variants (one of each) through the public cart and checkout. */
  async function guestOrder(variantIds: string[]): Promise<{ orderId: string; statusToken: string }> {
    let cookie = '';
    for (const variantId of variantIds) {
      const added = await api(baseUrl, `/api/v1/public/orgs/${slug}/cart/lines`, { cookie: cookie || undefined, body: { variantId, quantity: 1 } });
      ok(added, 200, 'add to cart');
      cookie = cookieOf(added.headers) || cookie;
    }
    const placed = ok(
      await api(baseUrl, `/api/v1/public/orgs/${slug}/checkout`, {
        cookie,
        body: { contact: { email: `pat-${suffix()}@example.test`, name: 'Pat Buyer' }, fulfilment: 'pickup', paymentProvider: 'manual', locale: 'en' },
      }),
      201,
      'checkout',
    );
    return { orderId: placed.orderId, statusToken: placed.statusToken };
  }

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Shop Owner');
    await createOrganization(baseUrl, owner, slug, 'Suds Shop');
    const variants: string[] = [];
    for (const [pslug, title, sku] of [
      ['car-shampoo', 'Car shampoo', 'SH-1'],
      ['wheel-brush', 'Wheel brush', 'WB-1'],
    ] as const) {
      const product = ok(await api(baseUrl, `/api/v1/orgs/${slug}/products`, { cookie: owner.cookie, body: { slug: pslug, title, status: 'active' } }), 201, 'product');
      if (pslug === 'car-shampoo') shampooId = String(product.id);
      const variant = ok(
        await api(baseUrl, `/api/v1/orgs/${slug}/products/${String(product.id)}/variants`, { cookie: owner.cookie, body: { sku, title: 'Standard', priceMinor: 1250, stock: { onHand: 10 } } }),
        201,
        'variant',
      );
      variants.push(String(variant.id));
    }
    const order = await guestOrder(variants);
    statusUrl = `${baseUrl}/${slug}/orders/${order.statusToken}`;
    ok(await api(baseUrl, `/api/v1/orgs/${slug}/orders/${order.orderId}/pay`, { cookie: owner.cookie, body: {} }), 200, 'pay');
    ok(await api(baseUrl, `/api/v1/orgs/${slug}/orders/${order.orderId}/fulfil`, { cookie: owner.cookie, body: {} }), 200, 'fulfil');
    const lines = ok(await api(baseUrl, `/api/v1/public/orgs/${slug}/orders/${order.statusToken}/reviews`), 200, 'order reviews');
    lineId = (lines.data as { orderLineId: string; productTitle: string }[]).find((l) => l.productTitle === 'Car shampoo')!.orderLineId;

    const paidOnly = await guestOrder([variants[0]!]);
    paidOnlyUrl = `${baseUrl}/${slug}/orders/${paidOnly.statusToken}`;
    ok(await api(baseUrl, `/api/v1/orgs/${slug}/orders/${paidOnly.orderId}/pay`, { cookie: owner.cookie, body: {} }), 200, 'pay the second order');

    guest = await openBrowser({ viewport: { width: 375, height: 800 } });
    staff = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(staff.context, baseUrl, owner);
    page = await guest.context.newPage();
  });
  afterAll(async () => {
    await guest?.close();
    await staff?.close();
  });

  const narrow = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  it('a guest reviews a fulfilled order line, the owner approves it, the product page shows it with the average', { timeout: 180_000 }, async () => {
    // Before any review: the product page's empty state.
    await page.goto(`${baseUrl}/${slug}/products/car-shampoo`);
    await page.getByRole('heading', { level: 1, name: 'Car shampoo' }).waitFor();
    await page.getByRole('region', { name: 'Reviews' }).getByText('No reviews yet.').waitFor();

    await page.goto(statusUrl);
    const section = page.getByRole('region', { name: 'Review your items' });
    await section.waitFor();
    const form = section.getByRole('group', { name: 'Review Car shampoo' });
    await form.waitFor();
    await section.getByRole('group', { name: 'Review Wheel brush' }).waitFor();
    await expectAxeClean(page);
    await narrow(page);

    // Keyboard: the rating radio group takes arrows.
    await form.getByRole('radio', { name: '1 star', exact: true }).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await form.getByRole('radio', { name: '4 stars' }).isChecked()).toBe(true);
    // The other line's group is its own: nothing checked there.
    expect(await section.getByRole('group', { name: 'Review Wheel brush' }).getByRole('radio', { checked: true }).count()).toBe(0);

    // Markup: the error on the field, everything typed stays.
    const title = page.locator(`#review-${lineId}-title`);
    const body = page.locator(`#review-${lineId}-body`);
    await title.fill('Great foam');
    await body.fill(`${text} <script>x</script>`);
    await form.getByRole('button', { name: 'Send review' }).click();
    await page.locator(`#review-${lineId}-body-error`).getByText('Remove the HTML tags; plain text only.').waitFor();
    expect(await body.inputValue()).toBe(`${text} <script>x</script>`);
    expect(await title.inputValue()).toBe('Great foam');
    expect(await form.getByRole('radio', { name: '4 stars' }).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`review-${lineId}-body`);
    await expectAxeClean(page);

    await body.fill(text);
    await form.getByRole('button', { name: 'Send review' }).click();
    await section.getByRole('heading', { name: 'Thanks — your review waits for approval' }).waitFor();
    await section.getByText('Waiting for approval').waitFor();
    await section.getByText(text).waitFor();
    await expectAxeClean(page);
    await narrow(page);

    // A reload: the sent review and its status, no form for that line any more.
    await page.reload();
    await section.getByRole('heading', { name: 'Your review of Car shampoo' }).waitFor();
    expect(await section.getByRole('group', { name: 'Review Car shampoo' }).count()).toBe(0);
    await section.getByText('Suds Shop will check it before it is published.').waitFor();

    // Not public yet.
    const before = ok(await api(baseUrl, `/api/v1/public/orgs/${slug}/products/${shampooId}/reviews`), 200, 'public reviews');
    expect(before.summary.count).toBe(0);

    // A paid order that is not fulfilled yet: a calm note, no form.
    await page.goto(paidOnlyUrl);
    await page.getByText('You can review this item once your order has been fulfilled.').waitFor();
    expect(await page.getByRole('button', { name: 'Send review' }).count()).toBe(0);
    await expectAxeClean(page);

    // The owner approves it on the dashboard's Reviews page.
    const dash = await staff.context.newPage();
    await dash.goto(`${baseUrl}/dashboard/${slug}/reviews?subject=product`);
    await dash.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    const row = dash.getByTestId('review-row').filter({ hasText: text });
    await row.waitFor();
    expect(await row.textContent()).toContain('Pat B.');
    expect(await row.textContent()).toContain('Car shampoo');
    await row.getByRole('button', { name: 'Approve' }).click();
    await dash.getByText('Review approved.').waitFor();
    await dash.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAxeClean(dash);
    await narrow(dash);

    // The product page: the review with stars, title, "First L." and the average and count.
    await page.goto(`${baseUrl}/${slug}/products/car-shampoo`);
    await page.getByRole('heading', { level: 1, name: 'Car shampoo' }).waitFor();
    const reviews = page.getByRole('region', { name: 'Reviews' });
    await reviews.getByText(text).waitFor();
    await reviews.getByText('Great foam').waitFor();
    await reviews.getByRole('img', { name: '4 out of 5 stars' }).waitFor();
    await reviews.getByText(/^Pat B\. · /).waitFor();
    const summary = await page.getByTestId('rating-summary').textContent();
    expect(summary).toContain('4.0');
    expect(summary).toContain('1 review');
    await reviews.getByRole('img', { name: 'Average rating 4.0 out of 5' }).waitFor();
    expect(await reviews.getByRole('navigation').count()).toBe(0);
    await expectAxeClean(page);
    await narrow(page);

    // A page past the end is not an error: the summary stays, a link leads back.
    await page.goto(`${baseUrl}/${slug}/products/car-shampoo?reviews=7`);
    await page.getByRole('heading', { level: 1, name: 'Car shampoo' }).waitFor();
    await page.getByRole('navigation', { name: 'Reviews pages' }).getByRole('link', { name: 'Previous reviews' }).click();
    await page.getByRole('region', { name: 'Reviews' }).getByText(text).waitFor();

    // The other product: still the empty state.
    await page.goto(`${baseUrl}/${slug}/products/wheel-brush`);
    await page.getByRole('heading', { level: 1, name: 'Wheel brush' }).waitFor();
    await page.getByRole('region', { name: 'Reviews' }).getByText('No reviews yet.').waitFor();
  });

  it('speaks Spanish on the product page and the order status page', { timeout: 90_000 }, async () => {
    const es = await openBrowser({ locale: 'es-ES', viewport: { width: 375, height: 800 } });
    try {
      await es.context.addCookies([{ name: 'bookline-locale', value: 'es', url: baseUrl }]);
      const p = await es.context.newPage();
      await p.goto(`${baseUrl}/${slug}/products/car-shampoo`);
      await p.getByRole('heading', { level: 1, name: 'Car shampoo' }).waitFor();
      const reviews = p.getByRole('region', { name: 'Opiniones' });
      await reviews.getByText(text).waitFor();
      await reviews.getByRole('img', { name: 'Valoración media 4,0 de 5' }).waitFor();
      expect(await p.getByTestId('rating-summary').textContent()).toContain('4,0');
      await expectAxeClean(p);
      await p.goto(statusUrl);
      const section = p.getByRole('region', { name: 'Opina sobre tus artículos' });
      await section.getByRole('heading', { name: 'Tu opinión sobre Car shampoo' }).waitFor();
      await section.getByRole('group', { name: 'Opina sobre Wheel brush' }).waitFor();
      await expectAxeClean(p);
      await narrow(p);
    } finally {
      await es.close();
    }
  });
});
