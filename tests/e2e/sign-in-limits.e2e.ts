/**
 * The sign-up and sign-in pages under the no-enumeration and no-lock-out rules, in Chromium:
 * - signing up with an email that already has an account shows a notice that is true either
 *   way, creates nothing and signs nobody in (English and Spanish);
 * - an account past its failed sign-ins (made here from other loopback addresses) asks this
 *   browser, a new address for it, for proof of work: the page solves it with Web Crypto and
 *   signs in, where the old limiter answered 429 for 15 minutes.
 * The server runs with RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES_PER_15_MIN=3 (global-setup.ts).
 */
import { request } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signUpUser, suffix } from './api';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

/** A JSON POST from a chosen loopback address (Linux routes all of 127/8 to lo). */
function postFrom(localAddress: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const req = request(
      { host: '127.0.0.1', port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', origin: baseUrl } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

run('sign-up and sign-in limits in the browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  beforeAll(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('answers a sign-up with an existing email with a notice true either way, and signs nobody in', async () => {
    const owner = await signUpUser(baseUrl, 'Existing Owner');
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel('Your name').fill('Someone Else');
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(`not the owner's ${suffix()}`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`If ${owner.email} was new to Bookline, your account is ready`).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-up');
    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.waitForURL(/\/sign-in/);
    // Not signed in as anyone: the dashboard sends us to sign in.
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForURL(/\/sign-in/);
    // The owner's password still works, and nothing else does.
    expect((await postFrom('127.0.0.1', '/api/auth/sign-in/email', { email: owner.email, password: owner.password })).status).toBe(200);
  });

  it('shows the sign-up page and its notice in Spanish', async () => {
    const owner = await signUpUser(baseUrl, 'Dueña Existente');
    const es = await openBrowser({ locale: 'es-ES' });
    try {
      const p = await es.context.newPage();
      await p.goto(`${baseUrl}/sign-up`);
      await p.getByRole('heading', { name: 'Crea tu cuenta de Bookline' }).waitFor();
      await p.getByLabel('Tu nombre').fill('Otra Persona');
      await p.getByLabel('Correo electrónico').fill(owner.email);
      await p.getByLabel('Contraseña').fill(`otra clave ${suffix()}`);
      await p.getByRole('button', { name: 'Crear cuenta' }).click();
      await p.getByText(`Si ${owner.email} era nuevo en Bookline`).waitFor();
      await p.getByRole('link', { name: 'Ir a iniciar sesión' }).waitFor();
    } finally {
      await es.close();
    }
  });

  it('solves the proof-of-work challenge when the account is past its failed sign-ins, and signs in', async () => {
    const tag = suffix();
    const email = `pow-${tag}@example.test`;
    const password = `correct horse ${tag}`;
    // The account, signed in once from an address that is not the browser's.
    expect((await postFrom('127.0.0.9', '/api/auth/sign-up/email', { email, password, name: 'Proof Of Work' })).status).toBe(200);
    expect((await postFrom('127.0.0.9', '/api/auth/sign-in/email', { email, password })).status).toBe(200);
    // A stranger fails three times from three addresses.
    for (const from of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
      expect((await postFrom(from, '/api/auth/sign-in/email', { email, password: 'wrong-password' })).status).toBe(401);
    }
    // A new address is now asked for proof of work (the right password alone is not enough)...
    const asked = await postFrom('127.0.0.5', '/api/auth/sign-in/email', { email, password });
    expect(asked.status).toBe(429);
    expect(asked.json.error.details.reason).toBe('challenge_required');
    // ...and the sign-in page does the work and gets in.
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard/);
    expect(browser.errors).toEqual([]);
  });
});
