/**
 * The event waitlist as a visitor meets it (issue 16 item 3, decision 0020): the owner sets up a
 * one-seat event through the API and a first guest takes the seat (pay on arrival: the seat is
 * held); a visitor on a phone-sized screen finds the event sold out, joins its waitlist (the
 * challenge widget solves in the background when asked), opens the entry's link and sees their
 * place; the shop cancels the first order, so the seat comes back and is offered to the visitor
 * at once; the entry's page shows the held ticket, the total and the time left; the order is paid
 * (the built server is production: the shop marks it paid, no test provider), the entry is
 * purchased and links the order's tickets. axe on each page; 375 px wide.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, cookieOf, suffix } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'xplorium';

async function signIn(email: string): Promise<string> {
  const res = await api(baseUrl, '/api/auth/sign-in/email', { body: { email, password: 'bookline-demo' } });
  if (res.status !== 200) throw new Error(`demo sign-in ${email}: ${res.status}`);
  return cookieOf(res.headers);
}

async function expectAxeClean(page: Page) {
  const found = await seriousViolations(page);
  expect(found.map((v) => `${page.url()}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`)).toEqual([]);
}

async function noSidewaysScroll(page: Page, what: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), what).toBe(true);
}

run('event waitlist', () => {
  let visitor: Awaited<ReturnType<typeof openBrowser>>;
  let owner: string;
  let firstOrderId: string;
  const tag = suffix();
  const eventSlug = `e2e-full-house-${tag}`;
  const title = `Full House ${tag}`;

  beforeAll(async () => {
    visitor = await openBrowser({ viewport: { width: 375, height: 800 } });
    owner = await signIn(`owner@${slug}.demo`);
    const start = new Date(Date.now() + 5 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const created = await api(baseUrl, `/api/v1/orgs/${slug}/ticketed-events`, {
      cookie: owner,
      body: { slug: eventSlug, title, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(), capacity: 1, status: 'published', waitlistHoldMinutes: 90 },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const type = await api(baseUrl, `/api/v1/orgs/${slug}/ticketed-events/${created.json.id}/ticket-types`, { cookie: owner, body: { name: 'Child', translations: { es: { name: 'Niño' } }, priceMinor: 1500 } });
    expect(type.status, JSON.stringify(type.json)).toBe(201);
    // A first guest takes the only seat (pay on arrival: the order holds it until paid or cancelled).
    const cart = await api(baseUrl, `/api/v1/public/orgs/${slug}/cart/lines`, { body: { variantId: type.json.id, quantity: 1 } });
    expect(cart.status, JSON.stringify(cart.json)).toBe(200);
    const placed = await api(baseUrl, `/api/v1/public/orgs/${slug}/checkout`, {
      cookie: cookieOf(cart.headers),
      body: { contact: { email: `first.${tag}@example.com`, name: 'First Guest' }, fulfilment: 'digital' },
      challenge: slug,
    });
    expect(placed.status, JSON.stringify(placed.json)).toBe(201);
    firstOrderId = placed.json.orderId;
  });
  afterAll(async () => {
    await visitor?.close();
  });

  it('a visitor joins the waitlist of a sold-out event, is offered the seat that came back, and pays', async () => {
    const page = await visitor.context.newPage();
    await page.goto(`${baseUrl}/${slug}/events/${eventSlug}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const join = page.getByTestId('waitlist-join');
    await join.getByRole('heading', { name: 'Sold out — join the waitlist' }).waitFor();
    await join.getByRole('button', { name: 'Join the waitlist' }).click();
    await join.getByLabel('Tickets', { exact: true }).fill('1');
    await join.getByLabel('Your name').fill('Wanda Waiting');
    await join.getByLabel('Email').fill(`wanda.${tag}@example.com`);
    await expectAxeClean(page);
    await noSidewaysScroll(page, 'event page with the waitlist form');
    await join.getByRole('button', { name: 'Join the waitlist' }).click();
    await join.getByText('You are on the waitlist. We emailed you the link to your entry.').waitFor();
    await join.getByRole('link', { name: 'Open your entry' }).click();
    await page.waitForURL(new RegExp(`/${slug}/events/waitlist/[A-Za-z0-9_-]{20,}$`));
    await page.getByRole('heading', { level: 1, name: 'Your waitlist entry' }).waitFor();
    await page.getByTestId('waitlist-status').getByText('Waiting').waitFor();
    await page.getByText('Place in line: 1').waitFor();
    await page.getByText('1 × Child').waitFor();
    await expectAxeClean(page);
    await noSidewaysScroll(page, 'waiting entry');

    // The shop cancels the first guest's order: the seat comes back and is offered at once.
    const cancelled = await api(baseUrl, `/api/v1/orgs/${slug}/orders/${firstOrderId}/cancel`, { cookie: owner, body: {} });
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
    await page.reload();
    await page.getByTestId('waitlist-status').getByText('Tickets held for you').waitFor();
    await page.getByText(/^Held until /).waitFor();
    await page.getByText(/^Time left: 1 h (29|30) min$/).waitFor();
    await expectAxeClean(page);
    await noSidewaysScroll(page, 'offered entry');

    // The built server runs as production, where only manual payment is offered (the test
    // provider never is): the page says the shop will say how to pay, and the shop marks the held
    // order paid — the order's transition makes the entry purchased, whichever way it is paid.
    await page.getByText('The organization will tell you how to pay.').waitFor();
    expect(await page.getByRole('button', { name: 'Pay now' }).count()).toBe(0);
    const held = await api(baseUrl, `/api/v1/orgs/${slug}/orders?q=${encodeURIComponent(`wanda.${tag}@example.com`)}`, { cookie: owner });
    expect(held.json.data).toHaveLength(1);
    expect(held.json.data[0]).toMatchObject({ status: 'pending_payment', fulfilment: 'digital' });
    const paid = await api(baseUrl, `/api/v1/orgs/${slug}/orders/${held.json.data[0].id}/pay`, { cookie: owner, body: {} });
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    await page.reload();
    await page.getByTestId('waitlist-status').getByText('Purchased').waitFor();
    const tickets = page.getByRole('link', { name: 'View your tickets' });
    await tickets.waitFor();
    await expectAxeClean(page);
    await tickets.click();
    await page.getByRole('heading', { name: 'Your tickets' }).waitFor();
    expect(await page.getByTestId('order-ticket').count()).toBe(1);
  });
});
