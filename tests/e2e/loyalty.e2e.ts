/**
 * Loyalty points in the browser (#16 item 4): the shop's program switched on through the API; a
 * signed-in customer with a confirmed email buys once (paid: they become a customer and earn),
 * staff add points with a reason on the customer's page, the customer sees them on "My loyalty"
 * and spends some at checkout: before placing the order the page previews what the points take
 * off and the new total (the order then charges that total), and the order shows the points used.
 * Axe on the new pages at 375 px.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, signUpUser, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const spool = inject('mailSpool');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'bookline-shop';
const phone = { width: 375, height: 800 };

async function ownerCookie(): Promise<string> {
  const res = await api(baseUrl, '/api/auth/sign-in/email', { body: { email: `owner@${slug}.demo`, password: 'bookline-demo' } });
  if (res.status !== 200) throw new Error(`demo sign-in: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

/** The confirmation link of the sign-up's email (the outbox delivers every few seconds). */
async function verifyLink(page: Page, address: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    for (const file of readdirSync(spool).sort()) {
      const mail = await simpleParser(readFileSync(path.join(spool, file)));
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.value.map((v) => v.address) : [];
      if (!to.includes(address) || mail.headers.get('x-bookline-topic') !== 'email.verify_email') continue;
      const link = /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(mail.text ?? '')?.[0];
      if (link) return link;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no confirmation email to ${address} within 30 s`);
}

async function expectAxeClean(page: Page) {
  const found = await seriousViolations(page);
  expect(found.map((v) => `${page.url()}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** One towel in the cart, then the checkout page with contact details filled in. */
async function checkoutOneTowel(page: Page, buyer: ApiUser) {
  await page.goto(`${baseUrl}/${slug}/products/microfiber-towel`);
  await page.getByRole('radio', { name: 'Single' }).check();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  const drawer = page.getByRole('dialog', { name: 'Your cart' });
  await drawer.waitFor();
  await drawer.getByRole('link', { name: 'Check out' }).click();
  await page.waitForURL(`${baseUrl}/${slug}/checkout`);
  await page.getByRole('heading', { name: 'Order summary' }).waitFor();
  await page.getByLabel('Email').fill(buyer.email);
  await page.getByLabel('Name', { exact: true }).fill(buyer.name);
}

async function orderOf(cookie: string, email: string, redeemed: number) {
  const list = await api(baseUrl, `/api/v1/orgs/${slug}/orders?q=${encodeURIComponent(email)}`, { cookie });
  expect(list.status).toBe(200);
  const orders = list.json.data as { id: string; totals: { totalMinor: number }; points: { redeemed: number; discountMinor: number } }[];
  const order = orders.find((o) => o.points.redeemed === redeemed);
  expect(order, JSON.stringify(orders)).toBeDefined();
  return order!;
}

run('loyalty points', () => {
  let shopper: Awaited<ReturnType<typeof openBrowser>>;
  let staff: Awaited<ReturnType<typeof openBrowser>>;
  let owner: string;
  let before: Record<string, unknown>;
  beforeAll(async () => {
    [shopper, staff] = await Promise.all([openBrowser({ viewport: phone }), openBrowser({ viewport: phone })]);
    owner = await ownerCookie();
    const program = await api(baseUrl, `/api/v1/orgs/${slug}/loyalty`, { cookie: owner });
    expect(program.status).toBe(200);
    const { currency: _c, updatedAt: _u, ...settings } = program.json as Record<string, unknown>;
    before = settings;
    const on = await api(baseUrl, `/api/v1/orgs/${slug}/loyalty`, {
      method: 'PUT',
      cookie: owner,
      body: { enabled: true, earnOnOrders: true, pointsPerUnit: 1, earnUnitMinor: 100, redeemPoints: 100, redeemValueMinor: 100, minRedeemPoints: 100 },
    });
    expect(on.status, JSON.stringify(on.json)).toBe(200);
  });
  afterAll(async () => {
    if (owner && before) await api(baseUrl, `/api/v1/orgs/${slug}/loyalty`, { method: 'PUT', cookie: owner, body: before });
    await Promise.all([shopper?.close(), staff?.close()]);
  });

  it('staff add points with a reason; the customer spends them at checkout and the total drops', { timeout: 240_000 }, async () => {
    const buyer = await signUpUser(baseUrl, 'Loyal Buyer');
    const page = await shopper.context.newPage();
    // Signed out, "My loyalty" asks to sign in and comes back.
    await page.goto(`${baseUrl}/${slug}/loyalty`);
    const signIn = page.getByRole('link', { name: 'Sign in' }).last();
    await signIn.waitFor();
    expect(await signIn.getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(`/${slug}/loyalty`)}`);
    await expectAxeClean(page);
    // Points are spent only under a confirmed email.
    const confirmed = await fetch(await verifyLink(page, buyer.email), { redirect: 'manual' });
    expect(confirmed.status).toBeLessThan(400);
    await useSession(shopper.context, baseUrl, buyer);

    // A first order without points; paid, it makes the buyer a customer who earned points.
    await checkoutOneTowel(page, buyer);
    await page.getByRole('group', { name: 'Loyalty points' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(new RegExp(`/${slug}/orders/[A-Za-z0-9_-]{20,}\\?placed=1$`));
    const first = await orderOf(owner, buyer.email, 0);
    const paid = await api(baseUrl, `/api/v1/orgs/${slug}/orders/${first.id}/pay`, { cookie: owner, body: {} });
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    const customers = await api(baseUrl, `/api/v1/orgs/${slug}/customers?q=${encodeURIComponent(buyer.email)}`, { cookie: owner });
    const customerId = (customers.json.data as { id: string; email: string }[]).find((c) => c.email === buyer.email)!.id;

    // Staff: the customer's page, add 500 points with a reason.
    await useSession(staff.context, baseUrl, { email: '', password: '', name: '', cookie: owner });
    const desk = await staff.context.newPage();
    await desk.goto(`${baseUrl}/dashboard/${slug}/customers/${customerId}`);
    const section = desk.getByRole('region', { name: 'Loyalty points' });
    await section.waitFor();
    const earned = Number(await section.getByTestId('loyalty-balance').textContent());
    await section.getByLabel('Points (+ or −)').fill('500');
    await section.getByRole('button', { name: 'Adjust points' }).click();
    // No reason: the form says so and keeps the points typed.
    await section.getByText('Enter a reason.').waitFor();
    expect(await section.getByLabel('Points (+ or −)').inputValue()).toBe('500');
    await section.getByLabel('Reason').fill('Browser test goodwill');
    await section.getByRole('button', { name: 'Adjust points' }).click();
    await section.getByText('Browser test goodwill').waitFor();
    await desk.waitForFunction(([want]) => document.querySelector('[data-testid="loyalty-balance"]')?.textContent === want, [String(earned + 500)]);
    await expectAxeClean(desk);

    // The program's settings page.
    await desk.goto(`${baseUrl}/dashboard/${slug}/loyalty`);
    await desk.getByRole('heading', { level: 1, name: 'Loyalty program' }).waitFor();
    expect(await desk.getByLabel('Run the loyalty program').isChecked()).toBe(true);
    await desk.getByLabel('Points per event check-in').waitFor();
    await expectAxeClean(desk);

    // The customer: "My loyalty" from the header.
    await page.goto(`${baseUrl}/${slug}`);
    await page.getByRole('link', { name: 'My points' }).click();
    await page.waitForURL(`${baseUrl}/${slug}/loyalty`);
    await page.getByRole('heading', { level: 1, name: 'My loyalty' }).waitFor();
    await page.getByText('Browser test goodwill').waitFor();
    await expectAxeClean(page);

    // Checkout with 200 points: $2.00 off.
    await checkoutOneTowel(page, buyer);
    const points = page.getByRole('group', { name: 'Loyalty points' });
    await points.waitFor();
    await points.getByText(`You have ${earned + 500} points`).waitFor();
    // The most this cart can use, offered as one keyboard-usable button that fills the field.
    const useMax = points.getByRole('button', { name: /^Use [\d,]+ points \(−\$[\d,.]+\)$/ });
    await useMax.focus();
    await page.keyboard.press('Enter');
    const most = /^Use ([\d,]+) points/.exec((await useMax.textContent()) ?? '')![1]!.replace(/,/g, '');
    expect(await points.getByLabel('Points to use').inputValue()).toBe(most);
    // 200 points typed: the preview says what they take off and the total after them, before the order exists.
    await points.getByLabel('Points to use').fill('200');
    const preview = points.getByTestId('points-preview');
    await preview.getByText(/^Using 200 points \(−\$2\.00\)\. New total: \$[\d,.]+\.$/).waitFor();
    const previewTotal = Math.round(Number(/New total: \$([\d,.]+)\.$/.exec((await preview.textContent()) ?? '')![1]!.replace(/,/g, '')) * 100);
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(new RegExp(`/${slug}/orders/[A-Za-z0-9_-]{20,}\\?placed=1$`));
    await page.getByText('200 points (−$2.00)').waitFor();
    await page.getByRole('heading', { name: 'Your loyalty points' }).waitFor();
    await expectAxeClean(page);

    const second = await orderOf(owner, buyer.email, 200);
    expect(second.points.discountMinor).toBe(200);
    expect(second.totals.totalMinor).toBe(previewTotal);
    expect(second.totals.totalMinor).toBeLessThan(first.totals.totalMinor);
    expect(shopper.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  });
});
