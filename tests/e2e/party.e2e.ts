/**
 * A party at Xplorium in a browser (issue 16 items 1, 2 and 7): a parent books a package for 14
 * children with a cake, watching the server's total and deposit change as they choose; booking
 * sends them to the deposit's order page; the venue marks the deposit paid and the booking is
 * confirmed. Staff then see it among the parties, read its guests, add-ons, deposit and balance,
 * and add an add-on to the package in the service editor. An add-on drawing on a stock item
 * says what is left and, sold out meanwhile, the 409 is explained without losing what was typed.
 * axe on every page; 375 px checks.
 *
 * The package is made through the API (the demo's packages may change): base 200.00 with 10
 * children and 10 adults included, 15.00 per extra child, a 35.00 cake, 30 % deposit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, cookieOf, suffix, useSession, type ApiUser } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'xplorium';

async function expectAxeClean(page: Page) {
  const found = await seriousViolations(page);
  expect(found.map((v) => `${page.url()}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`)).toEqual([]);
}

async function narrow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** The amount as the English site writes it (the site formats with Intl in its language). */
const money = (minor: number, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);

async function owner(): Promise<ApiUser> {
  const email = `owner@${slug}.demo`;
  const password = 'bookline-demo';
  const res = await api(baseUrl, '/api/auth/sign-in/email', { body: { email, password } });
  if (res.status !== 200) throw new Error(`demo sign-in: ${res.status}`);
  return { email, password, name: 'Owner', cookie: cookieOf(res.headers) };
}

/** Waits until the element with this test id says exactly `text`. */
async function waitForText(page: Page, testId: string, text: string) {
  await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === want, [testId, text] as const);
}

run('party packages (Xplorium)', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let staff: ApiUser;
  let currency: string;
  let service: { id: string; slug: string; name: string };

  beforeAll(async () => {
    browser = await openBrowser();
    staff = await owner();
    const rooms = await api(baseUrl, `/api/v1/orgs/${slug}/resources?pageSize=100`, { cookie: staff.cookie });
    expect(rooms.status, JSON.stringify(rooms.json)).toBe(200);
    const room = (rooms.json.data as { id: string; kind: string; active: boolean }[]).find((r) => r.kind === 'room' && r.active)!;
    const name = `E2E Party ${suffix()}`;
    const created = await api(baseUrl, `/api/v1/orgs/${slug}/services`, {
      cookie: staff.cookie,
      body: {
        name,
        description: 'A party package made by the browser test.',
        durationMinutes: 120,
        slotIntervalMinutes: 60,
        minNoticeMinutes: 60,
        maxAdvanceDays: 60,
        cancellationNoticeMinutes: 0,
        priceMinor: 20000,
        resourceIds: [room.id],
        translations: { es: { name: `Fiesta E2E ${name.slice(-8)}` } },
        package: {
          includedChildren: 10,
          includedAdults: 10,
          extraChildMinor: 1500,
          extraAdultMinor: 1000,
          minGuests: 1,
          maxGuests: 40,
          depositType: 'percent',
          depositValue: 30,
          balanceDueDays: 7,
          cancellationPolicy: [
            { minNoticeHours: 336, refundPercent: 100 },
            { minNoticeHours: 72, refundPercent: 50 },
          ],
        },
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    service = { id: created.json.id, slug: created.json.slug, name };
    currency = created.json.currency;
    const cake = await api(baseUrl, `/api/v1/orgs/${slug}/services/${service.id}/addons`, {
      cookie: staff.cookie,
      body: { name: 'Cake', description: 'A chocolate birthday cake.', translations: { es: { name: 'Tarta' } }, priceMinor: 3500, pricing: 'per_booking', maxQuantity: 1 },
    });
    expect(cake.status, JSON.stringify(cake.json)).toBe(201);
  });
  afterAll(() => browser?.close());

  it('a parent books 14 children with a cake, pays the deposit and the booking is confirmed; staff see it and add an add-on', async () => {
    const page = await browser.context.newPage();
    const email = `parent.${suffix()}@example.com`;

    // The package page: its terms before anything is chosen.
    await page.goto(`${baseUrl}/${slug}/services/${service.slug}`);
    await page.getByRole('heading', { level: 1, name: service.name }).waitFor();
    const terms = page.getByTestId('package-terms');
    await terms.getByText('A deposit of 30 % of the total is paid when you book').waitFor();
    await terms.getByText('Cancel at least 14 days before: 100 % of what you paid is refunded.').waitFor();
    await terms.getByText('Cancel less than 3 days before: nothing is refunded.').waitFor();
    await expectAxeClean(page);

    // A time first: the summary then prices the included guests.
    const day = page.getByRole('grid').getByRole('button', { name: /, free times$/ }).first();
    await day.waitFor();
    await day.click();
    const times = page.getByRole('list', { name: /^Times on / }).getByRole('button');
    await times.last().waitFor();
    await times.last().click();
    await waitForText(page, 'party-total', money(20000, currency));
    await waitForText(page, 'party-deposit', money(6000, currency));

    // 14 children (4 more than included) and the cake: the server's figures follow.
    await page.getByRole('button', { name: 'One child more' }).click();
    await waitForText(page, 'party-total', money(21500, currency));
    await page.getByLabel('Children', { exact: true }).fill('14');
    await waitForText(page, 'party-total', money(26000, currency));
    await page.getByRole('checkbox', { name: 'Cake' }).check();
    await waitForText(page, 'party-total', money(29500, currency));
    await waitForText(page, 'party-deposit', money(8850, currency));
    await page.getByTestId('party-summary').getByText('4 extra children').waitFor();
    await expectAxeClean(page);

    await page.getByLabel('Name', { exact: true }).fill('Ana Parent');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Book now' }).click();

    // The deposit's order page.
    await page.waitForURL(new RegExp(`/${slug}/orders/[A-Za-z0-9_-]{20,}`));
    await page.getByRole('heading', { name: new RegExp(`^Deposit for ${service.name} on `) }).waitFor();
    await page.getByText(money(8850, currency)).first().waitFor();
    await expectAxeClean(page);

    // The venue records the payment (the manual provider's way); the booking is confirmed.
    const orders = await api(baseUrl, `/api/v1/orgs/${slug}/orders?q=${encodeURIComponent(email)}`, { cookie: staff.cookie });
    expect(orders.status, JSON.stringify(orders.json)).toBe(200);
    const order = orders.json.data[0] as { id: string; totals: { totalMinor: number } };
    expect(order.totals.totalMinor).toBe(8850);
    const paid = await api(baseUrl, `/api/v1/orgs/${slug}/orders/${order.id}/pay`, { cookie: staff.cookie, body: {} });
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    await page.reload();
    await page.getByText('The deposit is paid: your booking is confirmed.').waitFor();

    // Back to the booking (its manage link): confirmed, with the guests and the cake.
    await page.goBack();
    await page.waitForURL(/\/bookings\/manage\?token=/);
    await page.getByText('Confirmed', { exact: true }).first().waitFor();
    const details = page.getByTestId('party-details');
    await details.getByText('14 children, 10 adults').waitFor();
    await details.getByText('Cake').waitFor();
    await expectAxeClean(page);

    // Staff: the parties list, then the booking.
    await useSession(browser.context, baseUrl, staff);
    await page.goto(`${baseUrl}/dashboard/${slug}/parties?serviceId=${service.id}`);
    await page.getByRole('heading', { level: 1, name: 'Parties' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Ana Parent' });
    await row.getByText('14 children, 10 adults').waitFor();
    await row.getByText('Paid').first().waitFor();
    await expectAxeClean(page);
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Party', exact: true }).waitFor();
    await page.getByTestId('party-details').getByText(money(20650, currency)).waitFor();
    await expectAxeClean(page);
    // The balance is paid at the venue: staff record it, with a note.
    await page.getByRole('button', { name: 'Mark the balance paid' }).click();
    await page.getByLabel('Note (optional)').fill('Card at the venue');
    await page.getByRole('form').getByRole('button', { name: 'Mark the balance paid' }).click();
    await page.getByTestId('party-details').getByText(/^Paid /).nth(1).waitFor();
    expect(await page.getByRole('button', { name: 'Mark the balance paid' }).count()).toBe(0);

    // The service editor: add an add-on; it is listed, and offered on the public page.
    await page.goto(`${baseUrl}/dashboard/${slug}/catalog/services/${service.id}`);
    await page.getByRole('heading', { level: 2, name: 'Add-ons', exact: true }).waitFor();
    await page.getByText('Cake', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add an add-on' }).click();
    const form = page.getByRole('form', { name: 'New add-on' });
    await form.getByLabel('Name', { exact: true }).fill('Balloons');
    await form.getByLabel(`Price (${currency})`, { exact: true }).fill('abc');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    // A wrong amount keeps what was typed.
    await form.getByText(/^Enter an amount with at most \d decimals\.$/).waitFor();
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Balloons');
    await form.getByLabel(`Price (${currency})`, { exact: true }).fill('13');
    await form.getByLabel('Adds minutes').fill('30');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Edit Balloons' }).waitFor();
    await expectAxeClean(page);

    await page.goto(`${baseUrl}/${slug}/services/${service.slug}`);
    await page.getByRole('checkbox', { name: 'Balloons' }).waitFor();
    await page.close();
  });

  it('staff book a party by phone: the New booking dialog asks for the guests and offers the add-ons', async () => {
    const profile = await api(baseUrl, `/api/v1/public/orgs/${slug}`);
    const zone = profile.json.timezone as string;
    const from = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const slots = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${service.id}&from=${from}&to=${to}`);
    expect(slots.status, JSON.stringify(slots.json)).toBe(200);
    const start = new Date((slots.json.slots as { start: string }[]).at(-1)!.start);
    const part = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, ...o }).format(start);
    const date = part({ year: 'numeric', month: '2-digit', day: '2-digit' });
    const time = part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

    await useSession(browser.context, baseUrl, staff);
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/bookings`);
    await page.getByRole('button', { name: 'New booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.getByLabel('Service').selectOption({ label: service.name });
    // The package's guests start at what it includes; the add-ons are offered once read.
    const extras = dialog.getByTestId('create-extras');
    await extras.waitFor({ timeout: 15_000 }).catch(async () => {
      throw new Error(`the dialog offers no guests or add-ons; page errors ${JSON.stringify(browser.errors)}; dialog: ${await dialog.innerHTML()}`);
    });
    expect(await extras.getByLabel('Children', { exact: true }).inputValue()).toBe('10');
    await extras.getByRole('checkbox', { name: 'Cake' }).waitFor();
    await dialog.getByLabel('Date').fill(date);
    await dialog.getByLabel('Time').fill(time);
    await extras.getByLabel('Children', { exact: true }).fill('14');
    await extras.getByRole('checkbox', { name: 'Cake' }).check();
    await dialog.getByLabel('Customer name').fill('Phone Parent');
    await dialog.getByLabel('Customer email').fill(`phone.parent.${suffix()}@example.com`);
    await expectAxeClean(page);
    await dialog.getByRole('button', { name: 'Create booking' }).click();
    await page.getByText(new RegExp(`^Booked ${service.name} for Phone Parent on `)).waitFor();

    await page.goto(`${baseUrl}/dashboard/${slug}/parties?serviceId=${service.id}`);
    const row = page.getByRole('row').filter({ hasText: 'Phone Parent' });
    await row.getByText('14 children, 10 adults').waitFor();
    await row.getByRole('link').first().click();
    await page.getByTestId('party-details').getByText('Cake').waitFor();
    await page.close();
  });

  it('an add-on with a stock says what is left; when it sells out meanwhile the 409 is explained, nothing typed is lost, and booking without it works', async () => {
    // A stock item of one sparkler pack (a draft product's variant: not in the shop), and an add-on drawing on it.
    const product = await api(baseUrl, `/api/v1/orgs/${slug}/products`, { cookie: staff.cookie, body: { slug: `e2e-sparklers-${suffix()}`, title: 'Sparklers (party stock)', status: 'draft' } });
    expect(product.status, JSON.stringify(product.json)).toBe(201);
    const variant = await api(baseUrl, `/api/v1/orgs/${slug}/products/${product.json.id}/variants`, {
      cookie: staff.cookie,
      body: { sku: `SPARK-${suffix()}`.toUpperCase(), title: 'Pack', priceMinor: 500, stock: { onHand: 1 } },
    });
    expect(variant.status, JSON.stringify(variant.json)).toBe(201);
    const stockItemId = variant.json.stockItem.id as string;
    const addon = await api(baseUrl, `/api/v1/orgs/${slug}/services/${service.id}/addons`, {
      cookie: staff.cookie,
      body: { name: 'Sparkler candles', translations: { es: { name: 'Bengalas' } }, priceMinor: 500, stockItemId, position: 5 },
    });
    expect(addon.status, JSON.stringify(addon.json)).toBe(201);
    expect(addon.json.left).toBe(1);

    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/${slug}/services/${service.slug}`);
    await page.getByRole('heading', { level: 1, name: service.name }).waitFor();
    const sparklers = page.getByRole('checkbox', { name: 'Sparkler candles' });
    await page.getByText('1 left').waitFor();
    await sparklers.check();
    const day = page.getByRole('grid').getByRole('button', { name: /, free times$/ }).first();
    await day.waitFor();
    await day.click();
    const times = page.getByRole('list', { name: /^Times on / }).getByRole('button');
    await times.first().waitFor();
    await times.first().click();
    await page.getByLabel('Name', { exact: true }).fill('Bea Parent');
    await page.getByLabel('Email', { exact: true }).fill(`bea.${suffix()}@example.com`);

    // Meanwhile the last pack goes (staff take it off the shelf).
    const taken = await api(baseUrl, `/api/v1/orgs/${slug}/stock-items/${stockItemId}/adjustments`, { cookie: staff.cookie, body: { delta: -1, reason: 'used at the venue' } });
    expect(taken.status, JSON.stringify(taken.json)).toBe(201);

    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByText('Sparkler candles has just sold out. Change your extras and book again; everything else you typed is kept.').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Bea Parent');
    await page.getByText(/ · Sold out$/).waitFor();
    await expectAxeClean(page);

    // Without it, the booking goes through: the deposit's order page.
    await sparklers.uncheck();
    expect(await sparklers.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.waitForURL(new RegExp(`/${slug}/orders/[A-Za-z0-9_-]{20,}`));
    await page.close();
  });

  it('reads at 375 px in Spanish', async () => {
    const small = await openBrowser({ locale: 'es-ES', viewport: { width: 375, height: 800 } });
    try {
      // The switcher's cookie: the site is otherwise in the organization's language.
      await small.context.addCookies([{ name: 'bookline-locale', value: 'es', url: baseUrl }]);
      const page = await small.context.newPage();
      await page.goto(`${baseUrl}/${slug}/services/${service.slug}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText('Depósito y cancelación').waitFor();
      await page.getByRole('checkbox', { name: 'Tarta' }).waitFor();
      await narrow(page);
      await expectAxeClean(page);
    } finally {
      await small.close();
    }
  });
});
