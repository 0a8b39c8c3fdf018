/**
 * Events and tickets as people meet them (issue 16 item 3): the owner sets up an event through
 * the API (not the seed's, which may change); a guest finds it under "Events", picks two tickets,
 * checks out with nothing to ship (digital), and once the shop marks the order paid sees both
 * tickets (code and QR) on the order's page; staff checks one in at the door, and the same code
 * a second time is refused with the time it came in. axe on every new page; 375 px wide; Spanish.
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

/** Xplorium's prices (RSD, two decimals) as the site writes them. */
const money = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'RSD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);

async function expectAxeClean(page: Page) {
  const found = await seriousViolations(page);
  expect(found.map((v) => `${page.url()}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(' | ')}`)).toEqual([]);
}

async function noSidewaysScroll(page: Page, what: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), what).toBe(true);
}

/** The session cookies of a demo account, handed to a browser context. */
async function useCookie(page: Page, cookie: string) {
  await page.context().addCookies(
    cookie.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
    }),
  );
}

run('events and tickets', () => {
  let guest: Awaited<ReturnType<typeof openBrowser>>;
  let staff: Awaited<ReturnType<typeof openBrowser>>;
  let owner: string;
  let staffCookie: string;
  let eventId: string;
  const tag = suffix();
  const eventSlug = `e2e-science-night-${tag}`;
  const title = `Science Night ${tag}`;

  beforeAll(async () => {
    [guest, staff] = await Promise.all([openBrowser(), openBrowser()]);
    owner = await signIn(`owner@${slug}.demo`);
    staffCookie = await signIn(`staff@${slug}.demo`);
    // Three days from now, two hours long, on sale now.
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const created = await api(baseUrl, `/api/v1/orgs/${slug}/ticketed-events`, {
      cookie: owner,
      body: {
        slug: eventSlug,
        title,
        description: 'Experiments, slime and a planetarium show.',
        translations: { es: { title: `Noche de ciencia ${tag}`, description: 'Experimentos, slime y planetario.' } },
        ageNotes: 'Ages 5–12',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        capacity: 30,
      },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    eventId = created.json.id;
    for (const type of [
      { name: 'Child', translations: { es: { name: 'Niño' } }, priceMinor: 1500, limit: null },
      { name: 'Adult', translations: { es: { name: 'Adulto' } }, priceMinor: 500, limit: 10 },
    ]) {
      const res = await api(baseUrl, `/api/v1/orgs/${slug}/ticketed-events/${eventId}/ticket-types`, { cookie: owner, body: type });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const published = await api(baseUrl, `/api/v1/orgs/${slug}/ticketed-events/${eventId}`, { method: 'PATCH', cookie: owner, body: { status: 'published' } });
    expect(published.status, JSON.stringify(published.json)).toBe(200);
  });
  afterAll(async () => {
    await guest?.close();
    await staff?.close();
  });

  it('a guest buys two tickets, sees them once paid; staff checks one in, and the same code again is refused', async () => {
    const page = await guest.context.newPage();

    // The site links its events; the list shows the card with date, price from and what is left.
    await page.goto(`${baseUrl}/${slug}`);
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await page.waitForURL(`${baseUrl}/${slug}/events`);
    await page.getByRole('heading', { level: 1, name: 'Upcoming events' }).waitFor();
    const card = page.getByTestId('event-card').filter({ hasText: title });
    await card.getByText(`From ${money(500)}`).waitFor();
    await card.getByText('30 tickets left').waitFor();
    await expectAxeClean(page);

    // The event's page: two children's tickets, into the cart, on to checkout.
    await card.getByRole('link', { name: title }).click();
    await page.waitForURL(`${baseUrl}/${slug}/events/${eventSlug}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Ages 5–12').waitFor();
    await expectAxeClean(page);
    // A type's quantity is capped by what is left of it (the adults' limit is 10), with the reason.
    await page.getByLabel('Number of Adult tickets').fill('11');
    await page.getByText('Only 10 Adult tickets are left: choose at most 10.').waitFor();
    expect(await page.getByRole('button', { name: 'Add to cart' }).isDisabled()).toBe(true);
    await page.getByLabel('Number of Adult tickets').fill('0');
    await page.getByLabel('Number of Child tickets').fill('2');
    await page.getByText(`2 tickets: ${money(3000)}`).waitFor();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    const drawer = page.getByRole('dialog', { name: 'Your cart' });
    await drawer.waitFor();
    await drawer.getByText(title).first().waitFor();
    await drawer.getByRole('link', { name: 'Check out' }).click();
    await page.waitForURL(`${baseUrl}/${slug}/checkout`);
    await page.getByRole('heading', { name: 'Order summary' }).waitFor();
    // The ticket line names its event's date (in the event's zone) and links the event, not a product.
    await page.getByText(/^Ticket · /).first().waitFor();
    expect(await page.getByRole('link', { name: title }).first().getAttribute('href')).toBe(`/${slug}/events/${eventSlug}`);
    // Tickets only: nothing to ship or collect, so no delivery choice.
    await page.getByText('Your tickets come by email').waitFor();
    expect(await page.getByRole('radio', { name: /Pick up|Ship to/ }).count()).toBe(0);
    await expectAxeClean(page);
    const email = `tickets.${tag}@example.com`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name', { exact: true }).fill('Ana Tickets');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(new RegExp(`/${slug}/orders/[A-Za-z0-9_-]{20,}\\?placed=1$`));
    await page.getByRole('heading', { level: 1, name: /^Order / }).waitFor();
    await page.getByText('Your tickets appear here once the order is paid.').waitFor();
    await expectAxeClean(page);

    // The shop marks it paid (manual payment): the tickets are issued.
    const orders = await api(baseUrl, `/api/v1/orgs/${slug}/orders?q=${encodeURIComponent(email)}`, { cookie: owner });
    expect(orders.json.data).toHaveLength(1);
    expect(orders.json.data[0].fulfilment).toBe('digital');
    const paid = await api(baseUrl, `/api/v1/orgs/${slug}/orders/${orders.json.data[0].id}/pay`, { cookie: owner, body: {} });
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    await page.reload();
    await page.getByRole('heading', { name: 'Your tickets' }).waitFor();
    const tickets = page.getByTestId('order-ticket');
    await tickets.nth(1).waitFor();
    expect(await tickets.count()).toBe(2);
    const codes = await page.getByTestId('ticket-code').allTextContents();
    expect(new Set(codes).size).toBe(2);
    // The QR is an SVG image named by its code (drawn from the code's module matrix).
    const qr = page.getByRole('img', { name: `QR code for ticket ${codes[0]}` });
    expect(await qr.count()).toBe(1);
    expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    await page.getByText('Not checked in yet').first().waitFor();
    await expectAxeClean(page);

    // Staff at the door: the field has focus, Enter checks in.
    const door = await staff.context.newPage();
    await useCookie(door, staffCookie);
    await door.goto(`${baseUrl}/dashboard/${slug}/check-in`);
    const field = door.getByRole('textbox', { name: 'Ticket code' });
    await field.waitFor();
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAxeClean(door);
    await field.fill(codes[0]!.toLowerCase());
    await field.press('Enter');
    const result = door.getByTestId('check-in-result');
    await result.and(door.locator('[data-outcome="admitted"]')).waitFor();
    await result.getByText('Admitted').waitFor();
    await result.getByText(`Ana Tickets · Child · ${title}`).waitFor();
    await expectAxeClean(door);
    // The same code again: refused, with the time it came in.
    await field.fill(codes[0]!);
    await field.press('Enter');
    await result.and(door.locator('[data-outcome="already"]')).waitFor();
    await result.getByText('Already checked in').waitFor();
    await result.getByText(/This ticket was checked in at /).waitFor();
    // A code nobody has.
    await field.fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await field.press('Enter');
    await result.and(door.locator('[data-outcome="notFound"]')).waitFor();

    // The buyer's page says which ticket has been used.
    await page.reload();
    await page.getByText(/^Checked in /).waitFor();
    expect(await page.getByText('Not checked in yet').count()).toBe(1);

    // The dashboard: the event's sales and the tickets sold.
    await door.goto(`${baseUrl}/dashboard/${slug}/events`);
    const row = door.getByTestId('event-row').filter({ hasText: title });
    await row.waitFor();
    await expectAxeClean(door);
    await row.getByRole('link', { name: title }).click();
    await door.getByRole('heading', { level: 1, name: title }).waitFor();
    await door.getByTestId('event-sales').getByText('2 of 30 sold · 28 left · 1 checked in').waitFor();
    expect(await door.getByTestId('ticket-row').count()).toBe(2);
    await expectAxeClean(door);

    // The overview's venue part: the next events with their sales and check-ins.
    await door.goto(`${baseUrl}/dashboard/${slug}`);
    const venue = door.getByRole('region', { name: 'At the venue' });
    await venue.waitFor();
    const next = venue.getByRole('region', { name: 'Next events' });
    await next.getByRole('listitem').filter({ hasText: title }).getByText('2 of 30 sold · 1 checked in').waitFor();
    await venue.getByText('Tickets sold, last 7 days').waitFor();
    await expectAxeClean(door);
    expect(guest.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  });

  it('the owner creates an event, adds a ticket type and publishes it from the dashboard', async () => {
    const page = await staff.context.newPage();
    await page.context().clearCookies();
    await useCookie(page, owner);
    await page.goto(`${baseUrl}/dashboard/${slug}/events/new`);
    await page.getByRole('heading', { level: 1, name: 'New event' }).waitFor();
    await expectAxeClean(page);
    const name = `Lego Workshop ${tag}`;
    await page.getByLabel('Title', { exact: true }).fill(name);
    // A refusal keeps what was typed and names the field.
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByText('Some fields need attention.').waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(name);
    await page.getByLabel('Starts').fill('2031-05-10T10:00');
    await page.getByLabel('Ends').fill('2031-05-10T12:00');
    await page.getByLabel('Capacity').fill('12');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('No ticket types yet').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Builder');
    await page.getByLabel('Price', { exact: true }).fill('12.50');
    await page.getByRole('button', { name: 'Add ticket type' }).click();
    await page.getByTestId('ticket-type-row').getByText('Builder').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published', { exact: true }).first().waitFor();
    await expectAxeClean(page);
    const listed = await api(baseUrl, `/api/v1/public/orgs/${slug}/events?pageSize=100`);
    expect(listed.json.data.map((e: { title: string }) => e.title)).toContain(name);
  });

  it('reads at 375 px wide without sideways scrolling, axe clean, and speaks Spanish', async () => {
    const small = await openBrowser({ viewport: { width: 375, height: 740 } });
    try {
      const page = await small.context.newPage();
      for (const path of [`/${slug}/events`, `/${slug}/events/${eventSlug}`, `/${slug}/cart`, `/${slug}/checkout`]) {
        await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
        await noSidewaysScroll(page, path);
        await expectAxeClean(page);
      }
      await useCookie(page, staffCookie);
      for (const path of [`/dashboard/${slug}/check-in`, `/dashboard/${slug}/events`, `/dashboard/${slug}/events/${eventId}`]) {
        await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await noSidewaysScroll(page, path);
        await expectAxeClean(page);
      }
      expect(small.errors).toEqual([]);
    } finally {
      await small.close();
    }
    const es = await openBrowser({ locale: 'es-ES' });
    try {
      await es.context.addCookies([{ name: 'bookline-locale', value: 'es', url: baseUrl }]);
      const page = await es.context.newPage();
      await page.goto(`${baseUrl}/${slug}/events/${eventSlug}`);
      await page.getByRole('heading', { level: 1, name: `Noche de ciencia ${tag}` }).waitFor();
      await page.getByLabel('Número de entradas Niño').waitFor();
      await page.getByRole('button', { name: 'Añadir al carrito' }).waitFor();
      await expectAxeClean(page);
      expect(es.errors).toEqual([]);
    } finally {
      await es.close();
    }
  });
});
