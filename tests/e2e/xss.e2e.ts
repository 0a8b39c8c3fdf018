/**
 * Stored XSS: a guest books through the public API with script payloads in the free-text
 * message and a custom-field answer (kept as typed), while a name carrying markup is refused
 * with 400. The owner then opens every dashboard page that shows them — bookings list, booking
 * detail, customers, customer detail, calendar — and the public service page whose description
 * holds a payload: each payload is shown literally as text, no script ran (`window.__xss` stays
 * undefined) and no dialog opened.
 */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

const payloads = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=1;alert(1)</script>',
  '"><svg onload="window.__xss=1;alert(1)">',
];
const message = payloads.join('\n');
const fieldAnswer = `${payloads[2]} <iframe src="javascript:window.__xss=1"></iframe>`;
const notes = `${payloads[0]} & <b onmouseover="window.__xss=1">notes</b>`;
// Valid as a name: HTML-significant characters that are not markup.
const guestName = `Zoë "<3" & O'Brien ${suffix()}`;

run('stored XSS payloads are inert in the dashboard', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  const slug = `xss-${suffix()}`;
  let bookingId = '';
  let customerId = '';
  let serviceSlug = '';
  let bookingDate = '';
  const dialogs: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser({ timezoneId: 'America/Chicago' });
    page = await browser.context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    owner = await signUpUser(baseUrl, 'Xss Owner');
    await createOrganization(baseUrl, owner, slug, `XSS Check ${slug}`);
    const base = `/api/v1/orgs/${slug}`;
    const hours = await api(baseUrl, `${base}/business-hours`, {
      method: 'PUT',
      cookie: owner.cookie,
      body: { weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] })) },
    });
    expect(hours.status).toBe(200);
    const resource = await api(baseUrl, `${base}/resources`, { cookie: owner.cookie, body: { kind: 'staff', name: 'Sam' } });
    expect(resource.status).toBe(201);
    const service = await api(baseUrl, `${base}/services`, {
      cookie: owner.cookie,
      body: {
        name: 'Full Detail',
        description: payloads[1],
        durationMinutes: 60,
        slotIntervalMinutes: 60,
        minNoticeMinutes: 0,
        resourceIds: [resource.json.id],
        customFields: [{ key: 'vehicle', label: 'Vehicle notes', type: 'text', maxLength: 500 }],
      },
    });
    expect(service.status).toBe(201);
    serviceSlug = service.json.slug;

    const today = DateTime.now().setZone('America/Chicago');
    const query = new URLSearchParams({ serviceId: service.json.id, from: today.toISODate()!, to: today.plus({ days: 6 }).toISODate()! });
    const availability = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?${query}`);
    expect(availability.status).toBe(200);
    // A slot an hour or more ahead, so it is still offered when the booking is sent.
    const slot = (availability.json.slots as { start: string }[]).find((s) => DateTime.fromISO(s.start) > DateTime.now().plus({ hours: 1 }))!;
    bookingDate = slot.start.slice(0, 10);

    const bookings = `/api/v1/public/orgs/${slug}/bookings`;
    const refused = await api(baseUrl, bookings, {
      body: { serviceId: service.json.id, start: slot.start, customer: { name: payloads[0], email: `xss-${suffix()}@example.test` }, message },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('VALIDATION');
    expect(refused.json.error.details.fields).toContainEqual({ path: 'customer.name', message: 'must not contain HTML markup' });

    const booked = await api(baseUrl, bookings, {
      body: {
        serviceId: service.json.id,
        start: slot.start,
        customer: { name: guestName, email: `xss-${suffix()}@example.test`, phone: '+1 210-555-0171' },
        message,
        fields: { vehicle: fieldAnswer },
      },
    });
    expect(booked.status).toBe(201);
    bookingId = booked.json.booking.id;

    const detail = await api(baseUrl, `${base}/bookings/${bookingId}`, { cookie: owner.cookie });
    expect(detail.json.message).toBe(message);
    customerId = detail.json.customerId;
    const patched = await api(baseUrl, `${base}/customers/${customerId}`, { method: 'PATCH', cookie: owner.cookie, body: { notes } });
    expect(patched.status).toBe(200);
    const renamed = await api(baseUrl, `${base}/customers/${customerId}`, { method: 'PATCH', cookie: owner.cookie, body: { name: payloads[2] } });
    expect(renamed.status).toBe(400);
    expect(renamed.json.error.details.fields).toContainEqual({ path: 'name', message: 'must not contain HTML markup' });

    await useSession(browser.context, baseUrl, owner);
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function expectInert(path: string, texts: string[]) {
    await page.goto(`${baseUrl}${path}`);
    for (const text of texts) {
      await page.getByText(text, { exact: false }).first().waitFor();
    }
    // Give onerror/onload handlers (a broken image, an svg) the chance to fire if they existed.
    await page.waitForLoadState('load');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), path).toBeUndefined();
    expect(await page.locator('main script, main img[src="x"], main svg[onload], main iframe').count(), path).toBe(0);
    expect(dialogs, path).toEqual([]);
  }

  it('shows the name literally in the bookings list', async () => {
    await expectInert(`/dashboard/${slug}/bookings`, [guestName]);
  });

  it('shows the message and the custom-field answer literally on the booking page', async () => {
    await expectInert(`/dashboard/${slug}/bookings/${bookingId}`, [guestName, ...payloads, fieldAnswer]);
  });

  it('shows the customer and the notes literally on the customer pages', async () => {
    await expectInert(`/dashboard/${slug}/customers`, [guestName]);
    await expectInert(`/dashboard/${slug}/customers/${customerId}`, [guestName, notes]);
  });

  it('shows the booking literally in the calendar', async () => {
    await expectInert(`/dashboard/${slug}/calendar?view=day&date=${bookingDate}`, [guestName]);
  });

  it('shows a service description with a payload literally on the public page', async () => {
    await expectInert(`/${slug}/services/${serviceSlug}`, [payloads[1]!]);
    expect(browser.errors).toEqual([]);
  });
});
