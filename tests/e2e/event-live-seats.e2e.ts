/**
 * Live seats on the public event pages (issue 16 item 3): two visitors on one event, each in
 * their own browser at 375 px. One buys the last tickets through the page (cart, checkout); the
 * other's event page and events list show "Sold out" without reloading (a marker set on
 * `window` survives), the ticket picker stops offering tickets, and the polite live region says
 * the event sold out. Then the shop cancels the order and the seats come back on the open page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, cookieOf, suffix } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'xplorium';
const PHONE = { width: 375, height: 800 };

async function signIn(email: string): Promise<string> {
  const res = await api(baseUrl, '/api/auth/sign-in/email', { body: { email, password: 'bookline-demo' } });
  if (res.status !== 200) throw new Error(`demo sign-in ${email}: ${res.status}`);
  return cookieOf(res.headers);
}

/** Opens `url` and waits until the page's seats stream has answered (the page is live). */
async function openLive(page: Page, url: string) {
  const stream = page.waitForResponse((r) => r.url().includes(`/api/v1/public/orgs/${slug}/seats/stream`) && r.status() === 200, { timeout: 30_000 });
  await page.goto(url);
  await stream;
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
}

const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

run('live seats on the event pages', () => {
  let watcher: Awaited<ReturnType<typeof openBrowser>>;
  let buyer: Awaited<ReturnType<typeof openBrowser>>;
  let owner: string;
  const tag = suffix();
  const eventSlug = `e2e-live-seats-${tag}`;
  const title = `Magic Hour ${tag}`;

  beforeAll(async () => {
    [watcher, buyer] = await Promise.all([openBrowser({ viewport: PHONE }), openBrowser({ viewport: PHONE })]);
    owner = await signIn(`owner@${slug}.demo`);
    const start = new Date(Date.now() + 4 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const created = await api(baseUrl, `/api/v1/orgs/${slug}/ticketed-events`, {
      cookie: owner,
      body: { slug: eventSlug, title, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), capacity: 3, status: 'published' },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const type = await api(baseUrl, `/api/v1/orgs/${slug}/ticketed-events/${created.json.id}/ticket-types`, { cookie: owner, body: { name: 'Seat', priceMinor: 1000 } });
    expect(type.status, JSON.stringify(type.json)).toBe(201);
  });
  afterAll(async () => {
    await watcher?.close();
    await buyer?.close();
  });

  it('one visitor buys the last tickets; the other sees "Sold out" without reloading, and the seats come back on a cancel', async () => {
    const eventUrl = `${baseUrl}/${slug}/events/${eventSlug}`;
    const watching = await watcher.context.newPage();
    const list = await watcher.context.newPage();
    await openLive(watching, eventUrl);
    await openLive(list, `${baseUrl}/${slug}/events`);
    const card = list.getByTestId('event-card').filter({ hasText: title });
    await card.getByText('Only 3 left').waitFor();
    await watching.getByTestId('seats-badge').getByText('Only 3 left').waitFor();
    await watching.getByTestId('ticket-type').getByText('3 left').waitFor();

    // The other visitor buys all three through the page.
    const page = await buyer.context.newPage();
    await page.goto(eventUrl);
    await page.getByLabel('Number of Seat tickets').fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    const drawer = page.getByRole('dialog', { name: 'Your cart' });
    await drawer.getByRole('link', { name: 'Check out' }).click();
    await page.waitForURL(`${baseUrl}/${slug}/checkout`);
    const email = `live.seats.${tag}@example.com`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name', { exact: true }).fill('Lia Live');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(new RegExp(`/${slug}/orders/[A-Za-z0-9_-]{20,}\\?placed=1$`));

    // The watcher's open page: sold out, nothing to choose, announced politely; no reload.
    await watching.getByTestId('seats-badge').getByText('Sold out').waitFor();
    await watching.getByText('This event is sold out.').waitFor();
    expect(await watching.getByLabel('Number of Seat tickets').isDisabled()).toBe(true);
    expect(await watching.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true);
    const said = watching.getByTestId('seats-announcement');
    await said.getByText(`${title} is now sold out.`).waitFor({ state: 'attached' });
    expect(await said.evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite');
    expect(await stillSameDocument(watching)).toBe(true);
    // The list in the other tab too.
    await card.getByText('Sold out').waitFor();
    expect(await stillSameDocument(list)).toBe(true);
    expect(await watching.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const found = await seriousViolations(watching);
    expect(found.map((v) => `${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`)).toEqual([]);

    // The shop cancels the order: the seats come back on the open page, the picker offers them.
    const orders = await api(baseUrl, `/api/v1/orgs/${slug}/orders?q=${encodeURIComponent(email)}`, { cookie: owner });
    expect(orders.json.data).toHaveLength(1);
    const cancelled = await api(baseUrl, `/api/v1/orgs/${slug}/orders/${orders.json.data[0].id}/cancel`, { cookie: owner, body: {} });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    await watching.getByTestId('seats-badge').getByText('Only 3 left').waitFor();
    await said.getByText(`Tickets for ${title} are available again.`).waitFor({ state: 'attached' });
    expect(await watching.getByLabel('Number of Seat tickets').isDisabled()).toBe(false);
    expect(await watching.getByText('This event is sold out.').count()).toBe(0);
    await card.getByText('Only 3 left').waitFor();
    expect(await stillSameDocument(watching)).toBe(true);
    expect(watcher.errors).toEqual([]);
  });
});
