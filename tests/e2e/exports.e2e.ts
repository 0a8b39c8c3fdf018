/**
 * Exports in a browser: the owner filters the bookings list, activates "Export CSV" from the
 * keyboard and gets a file holding exactly the filtered rows (UTF-8 with BOM, accents intact,
 * a hostile name escaped); "Export PDF" on the customers list downloads a PDF; and when the
 * session has ended, the click says so on the page instead of downloading an error.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

/** Monday of the week after next (09:00 there is inside the hours set below). */
function nextMonday(weeks = 2): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7) + 7 * (weeks - 1));
  return d.toISOString().slice(0, 10);
}

async function ok(res: Promise<{ status: number; json: any }>, status: number, what: string) {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

run('exports in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let owner: ApiUser;
  const slug = `export-e2e-${suffix()}`;
  const ids: { confirmed: string[]; pending: string[] } = { confirmed: [], pending: [] };

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Export Owner');
    await createOrganization(baseUrl, owner, slug, 'Café Ñandú Exports');
    const v1 = `/api/v1/orgs/${slug}`;
    await ok(api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })) } }), 200, 'hours');
    const resource = await ok(api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'staff', name: 'Inés' } }), 201, 'resource');
    const service = await ok(api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Lavado', durationMinutes: 60, minNoticeMinutes: 0, priceMinor: 3000, resourceIds: [resource.id] } }), 201, 'service');
    const day = nextMonday();
    const guests = [
      { name: 'José Ñúñez', status: 'confirmed' },
      { name: '=HYPERLINK("http://evil.test","x")', status: 'confirmed' },
      { name: 'Pending Person', status: 'pending' },
    ] as const;
    for (const [i, g] of guests.entries()) {
      const booked = await ok(
        api(baseUrl, `${v1}/bookings`, {
          cookie: owner.cookie,
          body: { serviceId: service.id, start: `${day}T${String(10 + i).padStart(2, '0')}:00:00-05:00`, status: g.status, customer: { name: g.name, email: `e2e-${suffix()}@example.test` } },
        }),
        201,
        'booking',
      );
      ids[g.status].push(booked.booking.id);
    }
    browser = await openBrowser();
    await useSession(browser.context, baseUrl, owner);
  });
  afterAll(() => browser?.close());

  it('downloads the filtered bookings as CSV from the keyboard', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/bookings?status=confirmed&sort=startsAt`);
    await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
    const link = page.getByRole('group', { name: /export the bookings shown/i }).getByRole('link', { name: 'Export CSV' });
    expect(await link.getAttribute('href')).toBe(`/api/v1/orgs/${slug}/exports/bookings.csv?status=confirmed&sort=startsAt&lang=en`);
    await link.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^bookings-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Booking ID,Status,Start,End,Time zone,Service,Resource,Customer,/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(ids.confirmed);
    expect(lines[1]).toContain('José Ñúñez');
    expect(lines[1]).toContain(',30.00,USD,');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    await page.getByRole('status').filter({ hasText: /^bookings-.*\.csv downloaded\.$/ }).waitFor({ state: 'attached' });
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it('downloads the customers as a PDF report', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/customers`);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^customers-.*\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
    await page.close();
  });

  it('says on the page when the export is refused (the session ended), and downloads nothing', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/bookings`);
    await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
    await browser.context.clearCookies();
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The export did not download' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Your session has ended. Sign in again, then export.');
    expect(page.url()).toBe(`${baseUrl}/dashboard/${slug}/bookings`);
    expect(downloaded).toBe(false);
    await page.close();
  });
});
