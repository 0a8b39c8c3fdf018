/**
 * Languages a visitor can link and choose: `?lang=es` renders the page in Spanish for an
 * English browser and keeps the choice (the switcher's cookie); public pages name their
 * alternates with hreflang; the landing page and sign-in are translated and carry the switcher.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('languages', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  it('renders a linked language, keeps it, names the alternates, and lets the switcher undo it', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/?lang=es`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { level: 1, name: 'Reservas, citas y pedidos para cualquier negocio' }).waitFor();
    const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
      links.map((l) => `${l.getAttribute('hreflang')} ${new URL(l.getAttribute('href')!).search}`),
    );
    expect(alternates).toEqual(expect.arrayContaining(['en ?lang=en', 'es ?lang=es']));

    // The choice stays without the parameter.
    await page.goto(`${baseUrl}/sign-in`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { level: 1, name: 'Inicia sesión en Bookline' }).waitFor();

    // The switcher wins over a linked language, and drops it from the address.
    await page.goto(`${baseUrl}/one-detail-at-a-time?lang=es`);
    await page.getByRole('heading', { level: 2, name: 'Servicios', exact: true }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(`${baseUrl}/one-detail-at-a-time`);
    await page.getByRole('heading', { level: 2, name: 'Services', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Services', exact: true }).waitFor();
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it('sets the language cookie for a linked language and puts hreflang alternates in the HTML', async () => {
    const res = await fetch(`${baseUrl}/one-detail-at-a-time`);
    expect(await res.text()).toMatch(/hreflang="es"/i);
    const signIn = await fetch(`${baseUrl}/sign-in?lang=es`);
    expect(signIn.headers.getSetCookie().join(';')).toMatch(/bookline-locale=es/);
  });
});
