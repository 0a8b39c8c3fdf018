/**
 * Asset details in a browser, 375 px wide (issue #14 item 7). ReservePTY's public pages show
 * each asset's photos (alt text: its name), how many people it takes, check-in/out, and the
 * CJ3's maintenance window with its reason (EN and ES); a stay's total is shown before booking
 * ("3 nights × $650.00 = $1,950.00"). The "after" half books in the test's own organization,
 * which stays open to guests (ReservePTY becomes members-only): the confirmation and the manage
 * page show the booking's own total. Pages are axe-clean.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

async function ok(res: Promise<{ status: number; json: any }>, status: number, what: string) {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

/** Picks the first day one can check in on, then the check-out `nights` later. */
async function chooseStay(page: Page, nights: number) {
  const day = page.getByRole('grid').getByRole('button', { name: /, (check-in possible|entrada posible)$/ }).first();
  await day.waitFor();
  await day.click();
  const checkOuts = page.getByRole('list', { name: /^(Choose your check-out|Elige tu salida)/ });
  await checkOuts.waitFor();
  await checkOuts.getByRole('button', { name: new RegExp(`\\b${nights} (nights|noches)\\b`) }).first().click();
}

run('asset details in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  const slug = `stays-${suffix()}`;
  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  beforeAll(async () => {
    // An organization open to guests, renting a cabin by the night at 650.00.
    owner = await signUpUser(baseUrl, 'Cabin Owner');
    await createOrganization(baseUrl, owner, slug, 'Cabin Rentals');
    const v1 = `/api/v1/orgs/${slug}`;
    await ok(
      api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] })) } }),
      200,
      'hours',
    );
    const cabin = await ok(
      api(baseUrl, `${v1}/resources`, {
        cookie: owner.cookie,
        body: {
          kind: 'asset',
          name: 'Lakeside cabin',
          description: 'Two bedrooms by the lake.',
          photos: ['/demo/reservepty/boquete-lodge.svg'],
          details: { maxPeople: 4 },
          multiDay: { checkInTime: '15:00', checkOutTime: '11:00', minNights: 2, maxNights: 7 },
        },
      }),
      201,
      'cabin',
    );
    await ok(
      api(baseUrl, `${v1}/services`, {
        cookie: owner.cookie,
        body: { name: 'Cabin stay', slug: 'cabin-stay', bookingMode: 'multi_day', durationMinutes: 1440, minNoticeMinutes: 0, priceMinor: 65000, resourceIds: [cabin.id] },
      }),
      201,
      'service',
    );
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('ReservePTY shows each asset’s photos, capacity and the CJ3’s maintenance notice, in English and Spanish', { timeout: 90_000 }, async () => {
    await page.goto(`${baseUrl}/reservepty/services/flight-hourly`);
    const cards = page.getByTestId('resource-card');
    await page.getByRole('heading', { level: 2, name: 'What you can book' }).waitFor();
    expect(await cards.count()).toBe(2);
    const cj3 = cards.filter({ hasText: 'Cessna Citation CJ3' });
    // Photos load from this site, named for the asset.
    const photo = cj3.getByRole('img', { name: 'Cessna Citation CJ3, photo 1 of 2' });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await cj3.getByRole('img', { name: 'Cessna Citation CJ3, photo 2 of 2' }).count()).toBe(1);
    expect(await cj3.getByText('Up to 7 passengers').count()).toBe(1);
    const notice = (await cj3.getByTestId('maintenance-notice').textContent()) ?? '';
    expect(notice).toMatch(/^In maintenance until .+: Annual engine inspection$/);
    expect(await cards.filter({ hasText: 'Pilatus PC-12 NGX' }).getByTestId('maintenance-notice').count()).toBe(0);
    // ReservePTY books members only: no guest form, so no choice of aircraft to read here.
    expect(await page.getByRole('radio', { name: 'Cessna Citation CJ3' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // Residences: "sleeps", check-in and check-out.
    await page.goto(`${baseUrl}/reservepty/services/residence-stay`);
    const pedasi = page.getByTestId('resource-card').filter({ hasText: 'Casa Pedasí beach house' });
    await pedasi.waitFor();
    expect(await pedasi.getByText('Sleeps 10').count()).toBe(1);
    expect(await pedasi.getByText('Check-in from 3:00 PM · check-out by 11:00 AM').count()).toBe(1);
    expect(await page.getByText('$650.00 per night').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // The business's own words in Spanish: the asset's description and the maintenance reason.
    await page.goto(`${baseUrl}/reservepty/services/flight-hourly?lang=es`);
    await page.getByRole('heading', { level: 2, name: 'Qué puedes reservar' }).waitFor();
    const cj3Es = page.getByTestId('resource-card').filter({ hasText: 'Cessna Citation CJ3' });
    expect(await cj3Es.getByText('Jet ligero para vuelos regionales', { exact: false }).count()).toBe(1);
    expect(await cj3Es.getByText('Hasta 7 pasajeros').count()).toBe(1);
    expect((await cj3Es.getByTestId('maintenance-notice').textContent()) ?? '').toMatch(/^En mantenimiento hasta el .+: Inspección anual de motores$/);
    expect(await seriousViolations(page)).toEqual([]);
    // ?lang= is remembered (the switcher's cookie): back to English for the next tests.
    await page.goto(`${baseUrl}/reservepty/services/flight-hourly?lang=en`);
    await page.getByRole('heading', { level: 2, name: 'What you can book' }).waitFor();
    expect(browser.errors).toEqual([]);
  });

  // ReservePTY books members only: its stay's total before booking is checked in the member
  // portal's browser test (member-portal.e2e.ts); here, in an organization open to guests.
  it('a guest sees the total before booking, and the booking’s own total on the confirmation and the manage page', { timeout: 120_000 }, async () => {
    await page.goto(`${baseUrl}/${slug}/services/cabin-stay`);
    const card = page.getByTestId('resource-card').filter({ hasText: 'Lakeside cabin' });
    await card.getByText('Sleeps 4').waitFor();
    await chooseStay(page, 3);
    await page.getByTestId('price-quote').getByText('3 nights × $650.00 = $1,950.00').waitFor();
    // Four nights instead: the total follows.
    await page.getByRole('list', { name: 'Choose your check-out' }).getByRole('button', { name: /\b4 nights\b/ }).click();
    await page.getByTestId('price-quote').getByText('4 nights × $650.00 = $2,600.00').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Name').fill('Dana Guest');
    await page.getByLabel('Email').fill(`dana-${suffix()}@example.test`);
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('heading', { name: 'Confirmed' }).first().waitFor();
    const totalOf = async () => (await page.locator('dt', { hasText: /^Total$/ }).locator('xpath=following-sibling::dd[1]').textContent())?.trim();
    expect(await totalOf()).toBe('$2,600.00');
    expect(await page.getByText('4 nights', { exact: true }).count()).toBeGreaterThan(0);
    await narrow();

    // The manage page reads the booking itself.
    await page.getByRole('link', { name: 'Open your booking' }).click();
    await page.getByRole('heading', { name: 'Status' }).waitFor();
    await expect.poll(totalOf).toBe('$2,600.00');
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // The API agrees: the booking stored what the quote said.
    const bookings = await api(baseUrl, `/api/v1/orgs/${slug}/bookings`, { cookie: owner.cookie });
    expect(bookings.json.data.map((b: { priceMinor: number }) => b.priceMinor)).toEqual([260000]);
    expect(browser.errors).toEqual([]);
  });
});
