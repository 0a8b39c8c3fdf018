/**
 * The public site in a browser: a guest books, manages and cancels; two guests race for one
 * slot; the Spanish site and its language switcher. The demo data holds real future bookings,
 * so no test assumes a particular time is free: each takes what the page offers.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, createOrganization, signUpUser, suffix } from './api';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

type Browser = Awaited<ReturnType<typeof openBrowser>>;

/** Console errors other than the browser's own line for an expected 4xx/409 response. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}

/** Clicks the first calendar day that has free times; returns the day's accessible name. */
async function pickFirstFreeDay(page: Page): Promise<string> {
  const day = page.getByRole('grid').getByRole('button', { name: /, (free times|con horarios libres)$/ }).first();
  await day.waitFor();
  const name = (await day.getAttribute('aria-label')) ?? '';
  await day.click();
  return name;
}

/** The list of times for the selected day (English or Spanish page). */
function timesList(page: Page) {
  return page.getByRole('list', { name: /^(Times on|Horarios del) / });
}

run('public booking site', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  it('a guest requests a detailing service, then cancels it from the manage link', async () => {
    const page = await browser.context.newPage();
    const consoleErrors = watchConsole(page);
    await page.goto(`${baseUrl}/one-detail-at-a-time`);
    await page.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
    await page.getByRole('link', { name: 'Full Detail', exact: true }).click();
    await page.waitForURL(`${baseUrl}/one-detail-at-a-time/services/full-detail`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Full Detail');

    await pickFirstFreeDay(page);
    // The first day's last time leaves the most room before the cancellation deadline (the
    // notice to book equals the notice to cancel, so its earliest time may close within seconds).
    const times = timesList(page).getByRole('button');
    await times.first().waitFor();
    const slot = times.last();
    await slot.click();
    expect(await slot.getAttribute('aria-pressed')).toBe('true');
    // The demo organizations ask for a proof-of-work challenge: the form solves it on its own (decision 0019).
    await page.getByRole('status').filter({ hasText: 'Ready to send.' }).waitFor();

    // Submitting empty shows the problems next to the fields, and nothing is sent.
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('This field is required.').first().waitFor();
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name', { exact: true }).fill('Riley E2E');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('Enter an email address, like name@example.com.').waitFor();
    await page.getByLabel('Email', { exact: true }).fill('riley.e2e@example.com');
    await page.getByLabel('Vehicle type').selectOption('suv');
    await page.getByRole('group', { name: 'Where should we come?' }).getByLabel('Street and number').fill('4318 Broadway St');
    await page.getByRole('group', { name: 'Where should we come?' }).getByLabel('City').fill('San Antonio');
    await page.getByRole('group', { name: 'Where should we come?' }).getByLabel('Postal code').fill('78209');
    await page.getByRole('button', { name: 'Send request' }).click();

    await page.getByRole('heading', { name: 'Request received — the business will confirm' }).waitFor();
    await page.getByText('Waiting for the business to confirm').waitFor();
    // "Any available" was chosen: the confirmation names the detailer it was booked with (#9.10).
    expect((await page.locator('dt', { hasText: /^With$/ }).locator('xpath=following-sibling::dd[1]').textContent())?.trim()).toMatch(/^(Jordan Ellis|Luis Garza)$/);
    // A "from" price says what the final amount depends on (#9.10).
    await page.getByText('The final amount depends on the job (size, condition, extras) and is confirmed by the business.').waitFor();
    // Add to calendar (#9.11): the .ics download holds the booking, the Google link its times.
    const calendar = page.getByRole('group', { name: 'Add to calendar' });
    const [download] = await Promise.all([page.waitForEvent('download'), calendar.getByRole('button', { name: 'Calendar file (.ics)' }).click()]);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('LOCATION:4318 Broadway St\\, 78209 San Antonio');
    expect(await calendar.getByRole('link', { name: /Google Calendar/ }).getAttribute('href')).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&/);
    const manage = page.getByRole('link', { name: 'Open your booking' });
    const href = (await manage.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^${baseUrl}/one-detail-at-a-time/bookings/manage\\?token=`));
    // The confirmation's own address is the manage link: a reload keeps the booking on screen (#9.10).
    expect(page.url()).toBe(href);

    await manage.click();
    await page.waitForURL(/\/bookings\/manage\?token=/);
    await page.getByRole('heading', { name: 'Status' }).waitFor();
    await page.getByText('Pending confirmation').waitFor();
    expect(await page.getByText('Full Detail').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByRole('button', { name: 'Confirm cancellation' }).click();
    await page.getByText('Tell the business why you are cancelling.').waitFor();
    await page.getByLabel('Reason for cancelling').fill('Plans changed, sorry.');
    await page.getByRole('button', { name: 'Confirm cancellation' }).click();
    await page.getByText('Your booking has been cancelled.').waitFor();
    await page.getByText('Cancelled', { exact: true }).waitFor();
    await page.getByText('Reason: Plans changed, sorry.').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel booking' }).count()).toBe(0);

    // The same link later: still the booking, now cancelled, with nothing left to change.
    await page.reload();
    await page.getByText('Cancelled', { exact: true }).waitFor();
    await page.getByText(/already cancelled/).waitFor();

    expect(browser.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("checks the details with the server's own rules, in the visitor's language, sends nothing and keeps what was typed", async () => {
    const page = await browser.context.newPage();
    const consoleErrors = watchConsole(page);
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/bookings')) posted.push(r.url());
    });
    // bella-salon speaks Spanish.
    await page.goto(`${baseUrl}/bella-salon/services/corte-de-pelo`);
    await pickFirstFreeDay(page);
    const times = timesList(page).getByRole('button');
    await times.first().waitFor();
    await times.last().click();

    await page.getByLabel('Nombre', { exact: true }).fill('<b>Marta</b>');
    await page.getByLabel('Correo electrónico', { exact: true }).fill('marta@example.com');
    await page.getByLabel('Teléfono (opcional)').fill('12');
    await page.getByLabel('Mensaje (opcional)').fill('Sin prisa.');
    await page.getByRole('button', { name: 'Reservar ahora' }).click();
    // The name's rule (plain text, no markup) and the phone's come from the server's schemas.
    await page.getByText('Los nombres son texto sin formato: quita lo que esté entre < y >.').waitFor();
    await page.getByText('Escribe un teléfono de 7 a 15 dígitos; puedes usar espacios y + ( ) . -').waitFor();
    expect(await page.getByLabel('Nombre', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Teléfono (opcional)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Correo electrónico', { exact: true }).getAttribute('aria-invalid')).not.toBe('true');
    expect(await page.getByLabel('Nombre', { exact: true }).inputValue()).toBe('<b>Marta</b>');
    expect(await page.getByLabel('Mensaje (opcional)').inputValue()).toBe('Sin prisa.');
    expect(posted).toEqual([]);
    expect(browser.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('an unknown manage link answers 404 with a friendly not-found page', async () => {
    const page = await browser.context.newPage();
    const res = await page.goto(`${baseUrl}/one-detail-at-a-time/bookings/manage?token=${'x'.repeat(43)}`);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'We couldn’t find this booking' }).waitFor();
    expect(await page.getByRole('link', { name: 'Go to the business’s page' }).count()).toBe(1);
    // No token at all is the same.
    expect((await page.goto(`${baseUrl}/one-detail-at-a-time/bookings/manage`))?.status()).toBe(404);
    expect(browser.errors).toEqual([]);
  });

  it('a replaced manage link says it has expired; the new one opens the booking', async () => {
    const owner = await signUpUser(baseUrl, 'Link Owner');
    const slug = `links-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Link Test Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio A' } });
    const service = await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Session', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [room.json.id] } });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${service.json.id}&from=${day}&to=${day}`);
    const booked = await api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, {
      body: { serviceId: service.json.id, start: slots.json.slots[0].start, customer: { name: 'Link Guest', email: `link-guest-${suffix()}@example.test` } },
    });
    expect(booked.status).toBe(201);
    const rotated = await api(baseUrl, `${v1}/bookings/${booked.json.booking.id}/manage-link`, { cookie: owner.cookie, body: {} });
    expect(rotated.status).toBe(200);

    const page = await browser.context.newPage();
    await page.goto(booked.json.manageUrl);
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
    expect(await page.getByRole('link', { name: 'Go to Link Test Studio' }).count()).toBe(1);
    await page.goto(rotated.json.manageUrl);
    await page.getByRole('heading', { name: 'Status' }).waitFor();
    await page.getByText(/^This link works until /).waitFor();
    expect(browser.errors).toEqual([]);
  });

  it('moving a booking to a time just taken offers the nearest free times, and moves it to the one chosen', async () => {
    const owner = await signUpUser(baseUrl, 'Move Owner');
    const slug = `moves-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Move Test Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    // Open one weekday only, three hours: the booked day has exactly two other times.
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, ranges: d === weekday ? [{ start: '09:00', end: '12:00' }] : [] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio A' } });
    const service = await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Session', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [room.json.id] } });
    const slots = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${service.json.id}&from=${day}&to=${day}`);
    expect(slots.json.slots).toHaveLength(3);
    const [first, second, third] = slots.json.slots as { start: string }[];
    const book = (start: string, name: string) =>
      api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, { body: { serviceId: service.json.id, start, customer: { name, email: `${name.toLowerCase().replace(/\W+/g, '-')}-${suffix()}@example.test` } } });
    const booked = await book(first!.start, 'Mover Guest');
    expect(booked.status).toBe(201);

    const page = await browser.context.newPage();
    const consoleErrors = watchConsole(page);
    await page.goto(booked.json.manageUrl);
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    const times = timesList(page).getByRole('button');
    await times.first().waitFor();
    expect(await times.count()).toBe(2);
    await times.first().click();
    // Someone else books that time before the guest confirms.
    expect((await book(second!.start, 'Quick Guest')).status).toBe(201);
    await page.getByRole('button', { name: 'Move my booking' }).click();
    await page.getByText('That time was just taken').waitFor();
    const alternatives = page.getByRole('list', { name: 'Other free times' }).getByRole('button');
    await alternatives.first().waitFor();
    // The booking's own time is not offered: moving there would change nothing.
    expect(await alternatives.count()).toBe(1);
    await alternatives.first().click();
    await page.getByText(/^Your booking has been moved to /).waitFor();

    const moved = await api(baseUrl, `/api/v1/public/bookings/${new URL(booked.json.manageUrl).searchParams.get('token')}`);
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.json.booking.start)).toBe(Date.parse(third!.start));
    expect(browser.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('the reschedule picker opens on the booking’s own day, not today', async () => {
    const owner = await signUpUser(baseUrl, 'Day Owner');
    const slug = `days-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Day Test Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio B' } });
    const service = await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Session', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [room.json.id] } });
    // Twelve days ahead: every day before it has free times too.
    const day = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
    const slots = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${service.json.id}&from=${day}&to=${day}`);
    const start = (slots.json.slots as { start: string }[])[2]!.start;
    const booked = await api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, { body: { serviceId: service.json.id, start, customer: { name: 'Day Guest', email: `day-${suffix()}@example.test` } } });
    expect(booked.status).toBe(201);

    const page = await browser.context.newPage();
    await page.goto(booked.json.manageUrl);
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await timesList(page).getByRole('button').first().waitFor();
    // The day shown is the booking's (in the browser's zone, America/Chicago, as the studio's).
    const expected = new Intl.DateTimeFormat('en-US', { month: 'long', day: 'numeric', timeZone: 'America/Chicago' }).format(new Date(start));
    expect(await timesList(page).getAttribute('aria-label')).toContain(expected);
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it('states the change policy before booking, and does not promise online changes inside the notice (#9.9)', async () => {
    const owner = await signUpUser(baseUrl, 'Policy Owner');
    const slug = `policy-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Policy Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const contact = { email: 'desk@policy.example', phone: '+1 210-555-0142' };
    expect((await api(baseUrl, v1, { method: 'PATCH', cookie: owner.cookie, body: { contact } })).status).toBe(200);
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio C' } });
    const service = await api(baseUrl, `${v1}/services`, {
      cookie: owner.cookie,
      body: { name: 'Late Session', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, cancellationNoticeMinutes: 1440, resourceIds: [room.json.id] },
    });
    expect(service.status).toBe(201);

    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/${slug}/services/${service.json.slug}`);
    await page.getByText('You can cancel or reschedule online with the link you get until 1 day before the start; after that, contact the business.').waitFor();
    // The first time offered is within the day's notice.
    const times = timesList(page).getByRole('button');
    await times.first().waitFor();
    await times.first().click();
    await page.getByLabel('Name', { exact: true }).fill('Late Guest');
    await page.getByLabel('Email', { exact: true }).fill(`late-${suffix()}@example.test`);
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('heading', { name: 'Confirmed' }).waitFor();
    await page.getByText(/^Online changes are not possible for this booking: it starts within the 1 day notice\./).waitFor();
    expect(await page.getByText('Keep this link: with it you can see, cancel or reschedule your booking online.').count()).toBe(0);

    // The manage page says changes are closed and how to reach the business.
    await page.getByRole('link', { name: 'Open your booking' }).click();
    await page.getByText(/^Online changes closed on /).waitFor();
    expect(await page.getByRole('link', { name: /210-555-0142/ }).getAttribute('href')).toBe('tel:+12105550142');
    expect(await page.getByRole('link', { name: /desk@policy\.example/ }).getAttribute('href')).toBe('mailto:desk@policy.example');
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it('lets the visitor choose the time zone and a 24-hour clock for the times shown (#9.12)', async () => {
    const page = await browser.context.newPage();
    const services = (await (await fetch(`${baseUrl}/api/v1/public/orgs/one-detail-at-a-time/services`)).json()) as { data: { slug: string; bookingMode: string }[] };
    const service = services.data.find((x) => x.bookingMode === 'slot')!;
    await page.goto(`${baseUrl}/one-detail-at-a-time/services/${service.slug}`);
    const times = timesList(page).getByRole('button');
    await times.first().waitFor();
    expect(await times.first().textContent()).toMatch(/(AM|PM)$/);
    await page.getByText('Change the time zone or the clock').click();
    await page.getByRole('button', { name: '24-hour' }).click();
    await page.waitForFunction(() => !/(AM|PM)/.test(document.querySelector('[aria-label^="Times on"] button')?.textContent ?? 'AM'));
    expect(await times.first().textContent()).toMatch(/^\d{2}:\d{2}$/);
    await page.getByLabel('Show times in').fill('Asia/Tokyo');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/Asia\/Tokyo/).first().waitFor();
    // The choice stays on the next page.
    await page.reload();
    await timesList(page).getByRole('button').first().waitFor();
    await page.getByText(/Asia\/Tokyo/).first().waitFor();
    expect(await timesList(page).getByRole('button').first().textContent()).toMatch(/^\d{2}:\d{2}$/);
    // Back to the browser's defaults for the other tests.
    await page.evaluate(() => window.localStorage.clear());
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it('fills in a signed-in visitor’s name and email (#9.15)', async () => {
    const other = await openBrowser({ locale: 'en-US' });
    try {
      const page = await other.context.newPage();
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel('Email').fill('member@reservepty.demo');
      await page.getByLabel('Password', { exact: true }).fill('bookline-demo');
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL(/\/dashboard/);
      const services = (await (await fetch(`${baseUrl}/api/v1/public/orgs/one-detail-at-a-time/services`)).json()) as { data: { slug: string; bookingMode: string }[] };
      await page.goto(`${baseUrl}/one-detail-at-a-time/services/${services.data.find((x) => x.bookingMode === 'slot')!.slug}`);
      const times = timesList(page).getByRole('button');
      await times.first().waitFor();
      await times.first().click();
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ricardo Méndez');
      expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('member@reservepty.demo');
      expect(other.errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('two guests pick the same slot: the second gets the conflict, keeps its details and books an alternative', async () => {
    const other = await openBrowser();
    try {
      const first = await browser.context.newPage();
      const second = await other.context.newPage();
      const consoleErrors = [...[first, second].map(watchConsole)];
      // The second visitor hears nothing live (realtime.e2e.ts covers being told before sending):
      // as if both sent within the event's latency, the server's 409 is the last word.
      await second.route('**/availability/stream?**', (route) => route.abort());
      // bella-salon speaks Spanish (its locale wins over these English browsers).
      const open = async (page: Page) => {
        await page.goto(`${baseUrl}/bella-salon/services/corte-de-pelo`);
        // A named professional makes the slot exclusive: "any available" would fall back to another one.
        await page.getByRole('radio', { name: 'Sofía Martín' }).check();
        await pickFirstFreeDay(page);
        // The day's last time: the earliest could pass the 2-hour notice between the two loads.
        const times = timesList(page).getByRole('button');
        await times.first().waitFor();
        const slot = times.last();
        const time = (await slot.textContent())!;
        await slot.click();
        return time;
      };
      const fill = async (page: Page, name: string, email: string) => {
        await page.getByLabel('Nombre', { exact: true }).fill(name);
        await page.getByLabel('Correo electrónico', { exact: true }).fill(email);
        await page.getByLabel('Mensaje (opcional)').fill('Sin prisa.');
      };

      const firstTime = await open(first);
      const secondTime = await open(second);
      expect(secondTime).toBe(firstTime);

      await fill(first, 'Lucía Primera', 'primera@example.com');
      await first.getByRole('button', { name: 'Reservar ahora' }).click();
      await first.getByRole('heading', { name: 'Confirmada' }).waitFor();

      await fill(second, 'Marta Segunda', 'segunda@example.com');
      await second.getByRole('button', { name: 'Reservar ahora' }).click();
      await second.getByText('Ese horario se acaba de ocupar').waitFor();
      // Everything typed is still there.
      expect(await second.getByLabel('Nombre', { exact: true }).inputValue()).toBe('Marta Segunda');
      expect(await second.getByLabel('Correo electrónico', { exact: true }).inputValue()).toBe('segunda@example.com');
      expect(await second.getByLabel('Mensaje (opcional)').inputValue()).toBe('Sin prisa.');

      const alternatives = second.getByRole('list', { name: 'Otros horarios libres' }).getByRole('button');
      await alternatives.first().waitFor();
      expect(await alternatives.count()).toBeGreaterThan(0);
      await alternatives.first().click();
      await second.getByRole('heading', { name: 'Confirmada' }).waitFor();
      expect(await second.getByRole('link', { name: 'Abrir tu reserva' }).getAttribute('href')).toMatch(/\/bella-salon\/bookings\/manage\?token=/);

      expect([...browser.errors, ...other.errors]).toEqual([]);
      expect(consoleErrors.flat()).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('the Spanish site formats EUR for Spanish and switches to English', async () => {
    const res = await fetch(`${baseUrl}/api/v1/public/orgs/bella-salon/services/corte-de-pelo`);
    const service = (await res.json()) as { priceMinor: number; currency: string };
    expect(service.currency).toBe('EUR');
    const euros = (service.priceMinor / 100).toFixed(2);

    const page = await browser.context.newPage();
    const consoleErrors = watchConsole(page);
    await browser.context.clearCookies();
    await page.goto(`${baseUrl}/bella-salon`); // an en-US browser: the organization's Spanish wins
    await page.getByRole('heading', { level: 2, name: 'Servicios' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Horario' }).waitFor();
    const spanish = (await page.locator('main').innerText()).replace(/\u00a0/g, ' ');
    expect(spanish).toContain(`${euros.replace('.', ',')} €`);
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
    const english = await page.locator('main').innerText();
    expect(english).toContain(`€${euros}`);
    expect(english).toContain('Haircut');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    const cookie = (await browser.context.cookies(baseUrl)).find((c) => c.name === 'bookline-locale');
    expect(cookie?.value).toBe('en');

    // The cookie wins on the next visit too.
    await page.goto(`${baseUrl}/bella-salon/services/corte-de-pelo`);
    // Bella wrote its services in Spanish and translated them: the English visitor reads the English.
    await page.getByRole('heading', { name: 'Book Haircut' }).waitFor();

    await browser.context.clearCookies();
    expect(browser.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("marks every day of a month whose availability comes in pages (a busy catalog's bounded answers)", async () => {
    // 20 resources open around the clock on a 5-minute grid: one answer holds three days, so the
    // month needs about ten requests, each from the previous answer's nextFrom.
    const owner = await signUpUser(baseUrl, 'Paging Owner');
    const slug = `paging-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Round the Clock');
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `/api/v1/orgs/${slug}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly } })).status).toBe(200);
    const resourceIds: string[] = [];
    for (let i = 0; i < 20; i++) resourceIds.push((await api(baseUrl, `/api/v1/orgs/${slug}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: `Bay ${i + 1}` } })).json.id);
    const service = await api(baseUrl, `/api/v1/orgs/${slug}/services`, {
      cookie: owner.cookie,
      body: { name: 'Quick wash', durationMinutes: 5, slotIntervalMinutes: 5, minNoticeMinutes: 0, maxAdvanceDays: 120, resourceIds },
    });
    expect(service.status).toBe(201);

    const page = await browser.context.newPage();
    const consoleErrors = watchConsole(page);
    const answers: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/availability?')) answers.push(new URL(r.url()).searchParams.get('from')!);
    });
    await page.goto(`${baseUrl}/${slug}/services/${service.json.slug}`);
    await pickFirstFreeDay(page);
    await page.getByRole('button', { name: 'Next month' }).click();
    const grid = page.getByRole('grid');
    const free = grid.getByRole('button', { name: /, free times$/ });
    // Every day of next month, the last ones included, is marked once all its pages are in.
    const days = await grid.getByRole('button').count();
    await expect.poll(() => free.count(), { timeout: 60_000 }).toBe(days);
    await free.last().click();
    expect(await timesList(page).getByRole('button').count()).toBe(288);
    expect(answers.length).toBeGreaterThan(10);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
