/**
 * The calendar in a browser (Chicago), for an organization in Madrid: the owner sees demo
 * bookings as blocks on the week view at the organization's wall clock, opens one, and books a
 * customer from an empty slot of a professional at a time the availability API offers. For One
 * Detail At A Time the dialog asks the service's required vehicle type (issue #9, item 1), and a
 * taken time offers the nearest free ones through the shared conflict component. The week shows
 * one resource at a time (a switcher reaches every one, at 1280 and 375 px) over the business hours.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

const slug = 'bella-salon';
const ZONE = 'Europe/Madrid';
const PASSWORD = 'bookline-demo';

interface PublicService {
  id: string;
  slug: string;
  name: string;
  bookingMode: string;
  requiresConfirmation: boolean;
  customFields: { key: string; required: boolean; type: string; options?: string[] }[];
}

interface Listed {
  id: string;
  start: string;
  status: string;
  resourceId: string;
  customer: { name: string };
  fields: Record<string, unknown>;
}

/** YYYY-MM-DD and HH:MM of an instant in Madrid (or another zone). */
function wall(iso: string, timeZone = ZONE) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), time: `${parts.hour}:${parts.minute}` };
}

/**
 * A 15-minute cell of a resource's column. The grid runs over the business hours (#9.2), so
 * its first row is read from the time gutter, not assumed to be midnight.
 */
async function slotCell(page: Page, column: number, hour: number, minute: number) {
  const first = ((await page.locator('.rbc-time-gutter .rbc-timeslot-group').first().textContent()) ?? '').trim();
  const match = /^(\d{1,2}):(\d{2})\s*(AM|PM)?/i.exec(first);
  if (!match) throw new Error(`cannot read the grid's first hour from "${first}"`);
  const startHour = (Number(match[1]) % 12) + (match[3]?.toUpperCase() === 'PM' ? 12 : 0);
  const row = (hour - startHour) * 4 + minute / 15;
  if (row < 0) throw new Error(`${hour}:${minute} is before the grid's first hour (${first})`);
  return page.locator('.rbc-time-content .rbc-day-slot').nth(column).locator('.rbc-time-slot').nth(row);
}

async function signIn(page: Page, email: string, path: string) {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(`${baseUrl}${path}`);
}

run('the calendar in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const stamp = Date.now().toString(36);
  const customer = { name: `Calendar E2E ${stamp}`, email: `calendar.${stamp}@example.com` };
  /** The One Detail booking made below: the next test tries its time again. */
  let detailBooked: { serviceId: string; start: string; date: string; time: string; column: number } | undefined;

  beforeAll(async () => {
    browser = await openBrowser({ locale: 'en-US' });
  });
  afterAll(() => browser?.close());

  it('shows demo bookings as blocks on the week view and opens one', async () => {
    const page = await browser.context.newPage();
    await signIn(page, 'owner@bella-salon.demo', `/dashboard/${slug}/calendar`);
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    // A week that holds demo bookings: the first upcoming one's (the API says which).
    const res = await browser.context.request.get(`${baseUrl}/api/v1/orgs/${slug}/bookings?from=${wall(new Date().toISOString()).date}&status=confirmed,pending&pageSize=1`);
    const listed = ((await res.json()) as { data: Listed[] }).data[0];
    expect(listed, 'bella-salon has an upcoming demo booking').toBeTruthy();
    const day = wall(listed!.start);
    // The week shows one resource at a time: the booking's.
    await page.goto(`${baseUrl}/dashboard/${slug}/calendar?view=week&date=${day.date}&resource=${listed!.resourceId}`);
    const block = page.locator('.rbc-event', { hasText: listed!.customer.name }).first();
    await block.waitFor();
    expect(await page.locator('.rbc-event').count()).toBeGreaterThan(0);
    // Madrid's wall clock although the browser is in Chicago.
    expect(await block.locator('.rbc-event-label').textContent()).toContain(`${((day.hour + 11) % 12) + 1}:${String(day.minute).padStart(2, '0')}`);
    await block.click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/bookings/${listed!.id}`);
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it('reaches every resource in the week at 1280 and 375 px, over the business hours only', async () => {
    // Its own browser: another organization's owner, without signing the other tests out.
    const own = await openBrowser({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await own.context.newPage();
    const detail = 'one-detail-at-a-time';
    await signIn(page, 'owner@one-detail-at-a-time.demo', `/dashboard/${detail}/calendar`);
    const switcher = page.getByRole('navigation', { name: 'Resource shown in the week' });
    await switcher.getByRole('link').first().waitFor();
    const names = await switcher.getByRole('link').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) {
      await switcher.getByRole('link', { name, exact: true }).click();
      await page.waitForURL(/[?&]resource=res_/);
      await switcher.locator('a[aria-current="page"]', { hasText: name }).waitFor();
      // Seven day columns of that one resource, all inside the viewport.
      const days = page.locator('.rbc-time-header-cell .rbc-header');
      expect(await days.count()).toBe(7);
      const last = (await days.last().boundingBox())!;
      expect(last.x + last.width).toBeLessThanOrEqual(1280);
    }
    // One Detail opens 08:00–18:00 (Saturday 09:00–15:00): the grid runs 8 AM to 6 PM, not to 11 PM.
    const labels = (await page.locator('.rbc-time-gutter .rbc-label').allTextContents()).map((l) => l.trim()).filter(Boolean);
    expect(labels[0]).toBe('8:00 AM');
    expect(labels).not.toContain('11:00 PM');
    expect(labels.at(-1)).toBe('5:00 PM');

    // A phone keeps the Week view (scrolled sideways), not one day under a week's title.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    const week = page.getByRole('group', { name: 'View' }).getByRole('link', { name: 'Week' });
    // The page streams in after its loading state: wait for it rather than look once.
    await week.waitFor();
    expect(await week.isVisible()).toBe(true);
    await page.locator('.rbc-time-view').waitFor();
    expect(await page.locator('.rbc-time-header-cell .rbc-header').count()).toBe(7);
    expect(await switcher.isVisible()).toBe(true);
    expect(own.errors).toEqual([]);
    await own.close();
  });

  it('creates a booking from an empty slot of a professional and shows it', async () => {
    const page = await browser.context.newPage();
    const services = ((await (await fetch(`${baseUrl}/api/v1/public/orgs/${slug}/services`)).json()) as { data: PublicService[] }).data;
    const service = services.find((s) => s.bookingMode === 'slot' && !s.customFields.some((f) => f.required));
    expect(service, 'a slot service without required fields').toBeTruthy();
    // A future day (from the day after tomorrow) and a time offered for one professional.
    const from = new Date(Date.now() + 2 * 86_400_000);
    const to = new Date(Date.now() + 16 * 86_400_000);
    const q = new URLSearchParams({ serviceId: service!.id, from: wall(from.toISOString()).date, to: wall(to.toISOString()).date });
    const slots = ((await (await fetch(`${baseUrl}/api/v1/public/orgs/${slug}/availability?${q}`)).json()) as { slots: { start: string; resourceIds: string[] }[] }).slots;
    const slot = slots.find((s) => s.resourceIds.length > 0 && wall(s.start).minute % 15 === 0 && wall(s.start).hour >= 10);
    expect(slot, 'a free time offered in the next two weeks').toBeTruthy();
    const resourceId = slot!.resourceIds[0]!;
    const at = wall(slot!.start);

    await page.goto(`${baseUrl}/dashboard/${slug}/calendar?view=day&date=${at.date}`);
    await page.locator('.rbc-time-view').waitFor();
    const resource = (await (await browser.context.request.get(`${baseUrl}/api/v1/orgs/${slug}/resources/${resourceId}`)).json()) as { name: string };
    const headers = await page.locator('.rbc-time-header .rbc-row-resource .rbc-header').allTextContents();
    const column = headers.findIndex((h) => h.trim() === resource.name);
    expect(column, `column for ${resource.name} in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
    // 15-minute slots from the grid's first hour: the slot's row in the professional's column.
    const cell = await slotCell(page, column, at.hour, at.minute);
    await cell.scrollIntoViewIfNeeded();
    // The (empty) events layer lies over the slots: click where the slot is, as a person would.
    const box = (await cell.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Date').inputValue()).toBe(at.date);
    expect(await dialog.getByLabel('Start time').inputValue()).toBe(at.time);
    await dialog.getByLabel('Service').selectOption(service!.id);
    await dialog.getByLabel('Customer name').fill(customer.name);
    await dialog.getByLabel('Customer email').fill(customer.email);
    await dialog.getByRole('button', { name: 'Create booking' }).click();

    await page.getByRole('status').getByText(/^Booked /).waitFor();
    await page.locator('.rbc-event', { hasText: customer.name }).waitFor();
    await page.getByRole('link', { name: new RegExp(customer.name) }).waitFor();

    const check = await browser.context.request.get(`${baseUrl}/api/v1/orgs/${slug}/bookings?q=${encodeURIComponent(customer.email)}`);
    const made = ((await check.json()) as { data: Listed[] }).data;
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ resourceId });
    expect(Date.parse(made[0]!.start)).toBe(Date.parse(slot!.start));
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it("books a service whose own question is required (One Detail's vehicle type) and shows it", async () => {
    // Another organization, another owner: start signed out.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const detail = { slug: 'one-detail-at-a-time', zone: 'America/Chicago' };
    const services = ((await (await fetch(`${baseUrl}/api/v1/public/orgs/${detail.slug}/services`)).json()) as { data: PublicService[] }).data;
    const service = services.find((s) => s.bookingMode === 'slot' && s.customFields.some((f) => f.key === 'vehicle_type' && f.required));
    expect(service, 'a One Detail service that asks the vehicle type').toBeTruthy();
    const from = new Date(Date.now() + 3 * 86_400_000);
    const to = new Date(Date.now() + 17 * 86_400_000);
    const q = new URLSearchParams({ serviceId: service!.id, from: wall(from.toISOString(), detail.zone).date, to: wall(to.toISOString(), detail.zone).date });
    const slots = ((await (await fetch(`${baseUrl}/api/v1/public/orgs/${detail.slug}/availability?${q}`)).json()) as { slots: { start: string; resourceIds: string[] }[] }).slots;
    const slot = slots.find((s) => s.resourceIds.length > 0 && wall(s.start, detail.zone).minute % 15 === 0 && wall(s.start, detail.zone).hour >= 9);
    expect(slot, 'a free time offered in the next two weeks').toBeTruthy();
    const resourceId = slot!.resourceIds[0]!;
    const at = wall(slot!.start, detail.zone);
    const who = { name: `Detail E2E ${stamp}`, email: `detail.${stamp}@example.com` };

    await signIn(page, 'owner@one-detail-at-a-time.demo', `/dashboard/${detail.slug}/calendar`);
    await page.goto(`${baseUrl}/dashboard/${detail.slug}/calendar?view=day&date=${at.date}`);
    await page.locator('.rbc-time-view').waitFor();
    const resource = (await (await browser.context.request.get(`${baseUrl}/api/v1/orgs/${detail.slug}/resources/${resourceId}`)).json()) as { name: string };
    const headers = await page.locator('.rbc-time-header .rbc-row-resource .rbc-header').allTextContents();
    const column = headers.findIndex((h) => h.trim() === resource.name);
    expect(column, `column for ${resource.name} in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
    const cell = await slotCell(page, column, at.hour, at.minute);
    await cell.scrollIntoViewIfNeeded();
    const box = (await cell.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Start time').inputValue()).toBe(at.time);
    await dialog.getByLabel('Service').selectOption(service!.id);
    await dialog.getByLabel('Customer name').fill(who.name);
    await dialog.getByLabel('Customer email').fill(who.email);
    // The service's own question is asked, and required: leaving it out is said under it, input kept.
    const vehicle = dialog.getByLabel('Vehicle type');
    await vehicle.waitFor();
    await dialog.getByRole('button', { name: 'Create booking' }).click();
    await dialog.getByText('This field is required.').first().waitFor();
    expect(await dialog.getByLabel('Customer name').inputValue()).toBe(who.name);
    await vehicle.selectOption('suv');
    await dialog.getByLabel(/Year, make and model/).fill('2021 Honda CR-V');
    await dialog.getByRole('group', { name: 'Where should we come?' }).getByLabel('Street and number').fill('4318 Broadway St');
    await dialog.getByRole('group', { name: 'Where should we come?' }).getByLabel('City').fill('San Antonio');
    await dialog.getByRole('group', { name: 'Where should we come?' }).getByLabel('Postal code').fill('78209');
    await dialog.getByRole('button', { name: 'Create booking' }).click();

    await page.getByRole('status').getByText(/^Booked /).waitFor();
    await page.locator('.rbc-event', { hasText: who.name }).waitFor();
    // The block says where: the address the business goes to (#9.16).
    expect(await page.locator('.rbc-event', { hasText: who.name }).textContent()).toContain('4318 Broadway St, 78209 San Antonio');

    const check = await browser.context.request.get(`${baseUrl}/api/v1/orgs/${detail.slug}/bookings?q=${encodeURIComponent(who.email)}`);
    const made = ((await check.json()) as { data: Listed[] }).data;
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      resourceId,
      fields: { vehicle_type: 'suv', vehicle_details: '2021 Honda CR-V', service_address: { street: '4318 Broadway St', city: 'San Antonio', postalCode: '78209' } },
    });
    expect(Date.parse(made[0]!.start)).toBe(Date.parse(slot!.start));
    expect(browser.errors).toEqual([]);
    detailBooked = { serviceId: service!.id, start: slot!.start, date: at.date, time: at.time, column };
    await page.close();
  });

  it('offers the nearest free times when the time is taken, and books the one chosen', async () => {
    expect(detailBooked, 'the previous test booked a time').toBeTruthy();
    const booked = detailBooked!;
    const detail = 'one-detail-at-a-time';
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${detail}/calendar?view=day&date=${booked.date}`);
    await page.locator('.rbc-time-view').waitFor();
    // An empty cell of the same column (a quarter before the booking: the one before it ends
    // at least its buffer earlier), then the time just booked typed in.
    const [h, m] = booked.time.split(':').map(Number) as [number, number];
    const cell = await slotCell(page, booked.column, m === 0 ? h - 1 : h, m === 0 ? 45 : m - 15);
    await cell.scrollIntoViewIfNeeded();
    const box = (await cell.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.waitFor();
    const who = { name: `Second E2E ${stamp}`, email: `second.${stamp}@example.com` };
    await dialog.getByLabel('Service').selectOption(booked.serviceId);
    await dialog.getByLabel('Start time').fill(booked.time);
    await dialog.getByLabel('Customer name').fill(who.name);
    await dialog.getByLabel('Customer email').fill(who.email);
    await dialog.getByLabel('Vehicle type').selectOption('van');
    await dialog.getByRole('group', { name: 'Where should we come?' }).getByLabel('Street and number').fill('1127 S Alamo St');
    await dialog.getByRole('group', { name: 'Where should we come?' }).getByLabel('City').fill('San Antonio');
    await dialog.getByRole('group', { name: 'Where should we come?' }).getByLabel('Postal code').fill('78210');
    const [refusal] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/orgs/${detail}/bookings`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Create booking' }).click(),
    ]);
    expect(refusal.status()).toBe(409);
    const offered = ((await refusal.json()) as { error: { details: { alternatives: { start: string; resourceId: string }[] } } }).error.details.alternatives;
    expect(offered.length).toBeGreaterThan(0);

    // The one conflict UI, with everything typed kept, and axe-clean with the dialog open.
    await dialog.getByText('That time was just taken').waitFor();
    const choices = dialog.getByRole('list', { name: 'Other free times' }).getByRole('button');
    expect(await choices.count()).toBe(offered.length);
    expect(await dialog.getByLabel('Customer name').inputValue()).toBe(who.name);
    expect(await dialog.getByLabel('Vehicle type').inputValue()).toBe('van');
    expect(await seriousViolations(page)).toEqual([]);

    await choices.first().click();
    await page.getByRole('status').getByText(/^Booked /).waitFor();
    const check = await browser.context.request.get(`${baseUrl}/api/v1/orgs/${detail}/bookings?q=${encodeURIComponent(who.email)}`);
    const made = ((await check.json()) as { data: Listed[] }).data;
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ resourceId: offered[0]!.resourceId, fields: { vehicle_type: 'van' } });
    expect(Date.parse(made[0]!.start)).toBe(Date.parse(offered[0]!.start));
    expect(browser.errors).toEqual([]);
    await page.close();
  });
});
