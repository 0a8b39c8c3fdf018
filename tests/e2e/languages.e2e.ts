/**
 * Languages a visitor can link and choose: `?lang=es` renders the page in Spanish for an
 * English browser and keeps the choice (the switcher's cookie); public pages name their
 * alternates with hreflang; the landing page and sign-in are translated and carry the switcher.
 * A business's own content is translatable: a Spanish visitor books One Detail's service in
 * Spanish end to end, and an owner writes a translation in the service editor.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, createOrganization, signUpUser, suffix, useSession } from './api';
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
    // The form itself speaks Spanish too: its fields, its button and the demo accounts' hint.
    await page.getByLabel('Correo electrónico').waitFor();
    await page.getByLabel('Contraseña', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).waitFor();
    expect(await page.locator('details summary').textContent()).toContain('Cuentas de demostración');
    // A wrong password is said in Spanish too (Better Auth answers in English).
    await page.getByLabel('Correo electrónico').fill('owner@one-detail-at-a-time.demo');
    await page.getByLabel('Contraseña', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
    await page.getByText('El correo o la contraseña no son correctos.').waitFor();

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

  it('Spanish end to end: the detailing shop\'s own texts, its form and the confirmation speak Spanish', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/one-detail-at-a-time?lang=es`);
    await page.getByRole('heading', { level: 2, name: 'Servicios', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Detallado completo', exact: true }).click();
    await page.waitForURL(`${baseUrl}/one-detail-at-a-time/services/full-detail`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Detallado completo');
    await page.getByText('Descontaminación con barra de arcilla', { exact: true }).waitFor();

    const day = page.getByRole('grid').getByRole('button', { name: /, con horarios libres$/ }).first();
    await day.click();
    const times = page.getByRole('list', { name: /^Horarios del / }).getByRole('button');
    await times.first().waitFor();
    await times.last().click();
    await page.getByLabel('Nombre', { exact: true }).fill('Lucía E2E');
    await page.getByLabel('Correo electrónico', { exact: true }).fill(`lucia-${suffix()}@example.com`);
    // The question and its options in Spanish; the value sent is still the business's option.
    const vehicle = page.getByLabel('Tipo de vehículo');
    expect(await vehicle.locator('option').allTextContents()).toEqual(expect.arrayContaining(['Sedán', 'Camioneta pickup']));
    await vehicle.selectOption({ label: 'Camioneta pickup' });
    expect(await vehicle.inputValue()).toBe('truck');
    const address = page.getByRole('group', { name: '¿Adónde vamos?' });
    await address.getByLabel('Calle y número').fill('4318 Broadway St');
    await address.getByLabel('Ciudad').fill('San Antonio');
    await address.getByLabel('Código postal').fill('78209');
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();

    await page.getByRole('heading', { name: 'Solicitud recibida — el negocio la confirmará' }).waitFor();
    expect(await page.locator('dd', { hasText: 'Detallado completo' }).count()).toBeGreaterThan(0);
    expect(await page.locator('dt', { hasText: 'Tipo de vehículo' }).count()).toBeGreaterThan(0);
    expect(await page.locator('dd', { hasText: 'Camioneta pickup' }).count()).toBeGreaterThan(0);
    expect(browser.errors).toEqual([]);
    await page.close();
  });

  it('an owner writes the Spanish of a service in its editor, and Spanish visitors see it', async () => {
    const owner = await signUpUser(baseUrl, 'Translating Owner');
    const slug = `tr-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Translating Shop');
    const room = await api(baseUrl, `/api/v1/orgs/${slug}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio' } });
    const service = await api(baseUrl, `/api/v1/orgs/${slug}/services`, {
      cookie: owner.cookie,
      body: { name: 'Portrait session', durationMinutes: 60, resourceIds: [room.json.id], customFields: [{ key: 'people', label: 'How many people?', type: 'number', required: true }] },
    });
    expect(service.status).toBe(201);

    await useSession(browser.context, baseUrl, owner);
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/catalog/services/${service.json.id}`);
    const spanish = page.getByRole('group', { name: 'Spanish translation' });
    await spanish.getByLabel('Name in Spanish').fill('Sesión de retrato');
    await spanish.getByLabel('“How many people?” in Spanish', { exact: true }).fill('¿Cuántas personas?');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: false }).first().waitFor();

    await page.goto(`${baseUrl}/${slug}/services/${service.json.slug}?lang=es`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sesión de retrato');
    // The form's questions show once a time is picked (this studio has no hours yet): the public API says it.
    const read = await api(baseUrl, `/api/v1/public/orgs/${slug}/services/${service.json.slug}?lang=es`);
    expect(read.json.customFields[0]).toMatchObject({ key: 'people', label: '¿Cuántas personas?' });
    await page.goto(`${baseUrl}/${slug}/services/${service.json.slug}?lang=en`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Portrait session');
    expect(browser.errors).toEqual([]);
    await page.close();
    await browser.context.clearCookies();
  });

  it('sets the language cookie for a linked language and puts hreflang alternates in the HTML', async () => {
    const res = await fetch(`${baseUrl}/one-detail-at-a-time`);
    expect(await res.text()).toMatch(/hreflang="es"/i);
    const signIn = await fetch(`${baseUrl}/sign-in?lang=es`);
    expect(signIn.headers.getSetCookie().join(';')).toMatch(/bookline-locale=es/);
  });
});
