/**
 * axe-core over the main public and dashboard pages, as the demo owner and as a guest: no
 * critical or serious violation (WCAG 2.x A/AA and axe's best practices) on any of them. A
 * page added to the product belongs in one of these lists.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'one-detail-at-a-time';
/** The shop's storefront (tests/e2e/shop.e2e.ts walks through it with a cart and an order). */
const shopPages = ['/bookline-shop', '/bookline-shop/products', '/bookline-shop/products?q=towel', '/bookline-shop/products/ph-neutral-car-shampoo', '/bookline-shop/cart', '/bookline-shop/checkout'];

async function demoOwner(): Promise<ApiUser> {
  const email = `owner@${slug}.demo`;
  const password = 'bookline-demo';
  const res = await api(baseUrl, '/api/auth/sign-in/email', { body: { email, password } });
  if (res.status !== 200) throw new Error(`demo sign-in: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');
  return { email, password, name: 'Owner', cookie };
}

run('accessibility (axe-core: no critical or serious violations)', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  async function check(paths: string[]) {
    const failures: string[] = [];
    const page = await browser.context.newPage();
    for (const path of paths) {
      await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
      for (const v of await seriousViolations(page)) failures.push(`${path}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`);
    }
    await page.close();
    return failures;
  }

  it('public pages', { timeout: 240_000 }, async () => {
    const services = await api(baseUrl, `/api/v1/public/orgs/${slug}/services`);
    const service = (services.json as { data: { slug: string }[] }).data[0]!;
    const failures = await check(['/', '/sign-in', '/sign-up', `/${slug}`, `/${slug}/services/${service.slug}`, '/bella-salon', '/reservepty', '/xplorium', '/api/docs', ...shopPages]);
    expect(failures).toEqual([]);
  });

  it('dashboard pages, as the owner', { timeout: 300_000 }, async () => {
    const owner = await demoOwner();
    await browser.context.addCookies(
      owner.cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
      }),
    );
    const bookings = await api(baseUrl, `/api/v1/orgs/${slug}/bookings?pageSize=1`, { cookie: owner.cookie });
    const booking = (bookings.json as { data: { id: string; customerId: string }[] }).data[0]!;
    const services = await api(baseUrl, `/api/v1/orgs/${slug}/services?pageSize=1`, { cookie: owner.cookie });
    const service = (services.json as { data: { id: string }[] }).data[0]!;
    const resources = await api(baseUrl, `/api/v1/orgs/${slug}/resources?pageSize=1`, { cookie: owner.cookie });
    const resource = (resources.json as { data: { id: string }[] }).data[0]!;
    const base = `/dashboard/${slug}`;
    const mail = await api(baseUrl, `/api/v1/orgs/${slug}/mail?pageSize=1`, { cookie: owner.cookie });
    const message = (mail.json as { data: { id: string }[] }).data[0];
    const failures = await check([
      base,
      `${base}/bookings`,
      `${base}/bookings/${booking.id}`,
      `${base}/calendar`,
      `${base}/calendar?view=week`,
      `${base}/customers`,
      `${base}/customers/${booking.customerId}`,
      `${base}/catalog`,
      `${base}/catalog/services`,
      `${base}/catalog/services/${service.id}`,
      `${base}/catalog/resources`,
      `${base}/catalog/resources/${resource.id}`,
      `${base}/catalog/services/new`,
      `${base}/catalog/hours`,
      `${base}/catalog/closures`,
      `${base}/team`,
      `${base}/settings`,
      `${base}/webhooks`,
      `${base}/products`,
      `${base}/products/new`,
      `${base}/products/categories`,
      `${base}/account`,
      `${base}/notifications`,
      `${base}/mail`,
      ...(message ? [`${base}/mail/${message.id}`] : []),
    ]);
    expect(failures).toEqual([]);
  });
});
