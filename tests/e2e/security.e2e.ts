/**
 * Security headers on the real server (production build): every page carries a CSP whose
 * nonce changes per request and is the one on Next's scripts; the server-level headers are on
 * pages, Next's 404, redirects, static assets and the API. Then a browser walks the main
 * pages — public site and booking flow, sign-up, sign-in, dashboard overview with its chart,
 * calendar, account page with the TOTP QR code — and no Content-Security-Policy violation is
 * reported (the `securitypolicyviolation` event and Chromium's console line), while the pages
 * still work (hydrated: clicks do things).
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

const PASSWORD = 'bookline-demo';

/** Directive name → its sources, from one CSP header value. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function nonceOf(csp: string): string {
  const source = directives(csp).get('script-src')?.find((s) => s.startsWith("'nonce-"));
  if (!source) throw new Error(`no nonce in script-src: ${csp}`);
  return source.slice("'nonce-".length, -1);
}

const SERVER_HEADERS: Record<string, string | RegExp> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': /camera=\(\).*geolocation=\(\).*microphone=\(\).*payment=\(\)/,
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function expectServerHeaders(res: Response, what: string) {
  for (const [name, want] of Object.entries(SERVER_HEADERS)) {
    const got = res.headers.get(name);
    if (typeof want === 'string') expect(got, `${name} on ${what}`).toBe(want);
    else expect(got, `${name} on ${what}`).toMatch(want);
  }
  // Served over plain http here: HSTS would be a lie (and a trap for a later https setup).
  expect(res.headers.get('strict-transport-security'), `HSTS on ${what}`).toBeNull();
  const csp = res.headers.get('content-security-policy');
  expect(csp, `CSP on ${what}`).toBeTruthy();
  // One policy, not two (a second header would be intersected with the first by browsers).
  expect(csp!.includes(', '), `a single CSP on ${what}: ${csp}`).toBe(false);
  expect(directives(csp!).get('frame-ancestors'), `frame-ancestors on ${what}`).toEqual(["'none'"]);
}

run('security headers and the content security policy', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const violations: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
    // Reported from inside each page before any of its scripts run; the binding is reachable
    // whatever the page's CSP says.
    await browser.context.exposeBinding('__reportCspViolation', ({ page }, v: string) => {
      violations.push(`${page.url()}: ${v}`);
    });
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation;
        report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
      });
    });
    browser.context.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) violations.push(`console: ${m.text()}`);
    });
  });
  afterAll(() => browser?.close());

  /** Opens a page that must render and then work without a single CSP violation. */
  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}${path}`);
    return page;
  }

  it('gives every page a CSP with a fresh nonce, the one on Next’s scripts', async () => {
    const [a, b] = [await fetch(`${baseUrl}/`), await fetch(`${baseUrl}/`)];
    const [cspA, cspB] = [a.headers.get('content-security-policy')!, b.headers.get('content-security-policy')!];
    const [nonceA, nonceB] = [nonceOf(cspA), nonceOf(cspB)];
    expect(nonceA).not.toBe(nonceB);
    expect(nonceA.length).toBeGreaterThanOrEqual(22); // 128 bits in base64

    const d = directives(cspA);
    expect(d.get('script-src')).toEqual(["'self'", `'nonce-${nonceA}'`, "'strict-dynamic'"]);
    expect(cspA).not.toContain('unsafe-eval');
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);

    // Every script in the document carries this response's nonce, and no other.
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonceA}"`);
    await b.body?.cancel();
  });

  it('puts the server-level headers on pages, Next’s 404, redirects, static assets and the API', async () => {
    const page = await fetch(`${baseUrl}/`);
    expectServerHeaders(page, 'a page');
    const html = await page.text();
    const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
    expect(asset, 'a script under /_next/static').toBeTruthy();

    const checks: [string, string, number][] = [
      ['a static script', asset!, 200],
      ['the icon', '/icon.svg', 200],
      ['Next’s 404 page', '/no-such-page/at-all', 404],
      ['an unknown organization', '/no-such-org-anywhere', 404],
      ['the dashboard redirect', '/dashboard', 307],
      ['an API answer', '/api/v1/health', 200],
      ['an API 404', '/api/v1/no-such-route', 404],
    ];
    for (const [what, path, status] of checks) {
      const res = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
      expect(res.status, `${what} (${path})`).toBe(status);
      expectServerHeaders(res, what);
      await res.body?.cancel();
    }
    // The 404 page is a page: nonce policy. The API's policy allows nothing at all.
    const notFound = await fetch(`${baseUrl}/no-such-page/at-all`);
    expect(nonceOf(notFound.headers.get('content-security-policy')!)).toBeTruthy();
    expect((await notFound.text()).match(/<script\b[^>]*>/g)?.every((t) => t.includes('nonce="'))).toBe(true);
    const api = await fetch(`${baseUrl}/api/v1/health`);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    // A file outside the proxy gets the server's nonce-less policy: no inline script at all.
    const icon = await fetch(`${baseUrl}/icon.svg`);
    expect(directives(icon.headers.get('content-security-policy')!).get('script-src')).toEqual(["'self'"]);
  });

  it('walks the public site and the booking flow with no CSP violation', async () => {
    const page = await open('/one-detail-at-a-time');
    await page.getByRole('heading', { level: 2, name: 'Services' }).waitFor();
    await page.getByRole('link', { name: 'Full Detail', exact: true }).click();
    await page.waitForURL(`${baseUrl}/one-detail-at-a-time/services/full-detail`);
    // Hydrated: the month calendar answers a click with the day's times, a time with a selection.
    const day = page.getByRole('grid').getByRole('button', { name: /, free times$/ }).first();
    await day.click();
    const time = page.getByRole('list', { name: /^Times on / }).getByRole('button').first();
    await time.click();
    expect(await time.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText('This field is required.').first().waitFor();

    // The language cookie the switcher writes: readable by script (it must be), SameSite=Lax.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Enviar solicitud' }).waitFor();
    const locale = (await browser.context.cookies(baseUrl)).find((c) => c.name === 'bookline-locale');
    expect(locale).toMatchObject({ value: 'es', sameSite: 'Lax', secure: false });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Send request' }).waitFor();
    expect(browser.errors).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('walks sign-in, the dashboard overview chart and the calendar with no CSP violation', async () => {
    const page = await open('/dashboard/bella-salon');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill('owner@bella-salon.demo');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${baseUrl}/dashboard/bella-salon`);

    // The session cookie: httpOnly, SameSite=Lax, not Secure over http.
    const session = (await browser.context.cookies(baseUrl)).find((c) => c.name === 'bookline.session_token');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

    // recharts draws the bars (inline style attributes) and shows a tooltip on hover.
    const bar = page.locator('.recharts-bar-rectangle').first();
    await bar.waitFor();
    await bar.hover();
    await page.locator('.recharts-tooltip-wrapper').first().waitFor({ state: 'visible' });

    // react-big-calendar renders in the browser only (a skeleton comes from the server): its
    // grid showing up means the page hydrated. Its event boxes are positioned by style attributes.
    await page.goto(`${baseUrl}/dashboard/bella-salon/calendar?view=week`);
    await page.locator('.rbc-time-view').waitFor();
    await page.getByRole('group', { name: 'View' }).getByRole('link', { name: 'Day', exact: true }).click();
    await page.waitForURL(/view=day/);
    await page.locator('.rbc-time-view').waitFor();
    expect(browser.errors).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
    await browser.context.clearCookies();
  });

  it('walks sign-up, organization creation and the TOTP QR code with no CSP violation', async () => {
    const suffix = randomBytes(4).toString('hex');
    const page = await open('/sign-up');
    await page.getByLabel('Your name').fill('Cora CSP');
    await page.getByLabel('Email').fill(`csp-${suffix}@example.test`);
    await page.getByLabel('Password').fill(`csp password ${suffix}`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/dashboard/);
    await page.locator('#org-name').fill(`CSP Test ${suffix}`);
    await page.locator('#org-slug').fill(`csp-${suffix}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/csp-${suffix}`);

    await page.goto(`${baseUrl}/dashboard/csp-${suffix}/account`);
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.locator('#two-factor-password').fill(`csp password ${suffix}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    expect(await qr.locator('path').count()).toBeGreaterThan(0);
    expect(browser.errors).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('notices a violation when there is one (the listener is live), and blocks injected markup', async () => {
    const page = await open('/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const before = violations.length;
    // Markup as an HTML injection would add it: an inline handler and an un-nonced <style>.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image" onerror="window.__injected = true">');
      document.body.insertAdjacentHTML('beforeend', '<style>body { display: none }</style>');
    });
    await expect.poll(() => violations.filter((v) => v.includes('script-src-attr')).length).toBeGreaterThan(0);
    await expect.poll(() => violations.filter((v) => v.includes('style-src-elem')).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');
    violations.length = before;
    await page.close();
  });
});
