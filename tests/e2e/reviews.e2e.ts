/**
 * Reviews in a browser, 375 px wide (#15.6, seed 000): a guest with a completed booking of One
 * Detail At A Time opens its manage link, sends the form empty and with markup (errors on the
 * fields, nothing typed lost), then reviews it; the owner finds it pending on the dashboard's
 * moderation page (reached from the menu), approves and features it; the public service page
 * shows it with the new average, and the home page among the featured reviews. Axe-clean, and
 * in Spanish.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, cookieOf, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'one-detail-at-a-time';
const v1 = `/api/v1/orgs/${slug}`;

run('reviews in a browser', () => {
  let guest: Awaited<ReturnType<typeof openBrowser>>;
  let staff: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  let manageUrl: string;
  let service: { id: string; slug: string; name: string };
  const text = `The wheels have never been this clean. ${suffix()}`;

  beforeAll(async () => {
    const email = `owner@${slug}.demo`;
    const password = 'bookline-demo';
    const signIn = await api(baseUrl, '/api/auth/sign-in/email', { body: { email, password } });
    expect(signIn.status).toBe(200);
    owner = { email, password, name: 'Owner', cookie: cookieOf(signIn.headers) };
    // A completed demo booking nobody has reviewed (the seed leaves some), and a fresh link to it.
    const reviewed = await api(baseUrl, `${v1}/reviews?pageSize=100`, { cookie: owner.cookie });
    const taken = new Set((reviewed.json.data as { bookingId: string | null }[]).map((r) => r.bookingId));
    const completed = await api(baseUrl, `${v1}/bookings?status=completed&pageSize=100&sort=-startsAt`, { cookie: owner.cookie });
    expect(completed.status).toBe(200);
    const booking = (completed.json.data as { id: string; serviceId: string }[]).find((b) => !taken.has(b.id));
    if (!booking) throw new Error('no unreviewed completed demo booking');
    const link = await api(baseUrl, `${v1}/bookings/${booking.id}/manage-link`, { cookie: owner.cookie, body: {} });
    expect(link.status).toBe(200);
    manageUrl = link.json.manageUrl;
    const svc = await api(baseUrl, `/api/v1/public/orgs/${slug}/services/${booking.serviceId}`);
    service = { id: svc.json.id, slug: svc.json.slug, name: svc.json.name };

    guest = await openBrowser({ viewport: { width: 375, height: 800 } });
    staff = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(staff.context, baseUrl, owner);
    page = await guest.context.newPage();
  });
  afterAll(async () => {
    await guest?.close();
    await staff?.close();
  });

  const narrow = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  it('a guest reviews a completed booking, the owner approves and features it, the service page shows it with the average', { timeout: 180_000 }, async () => {
    await page.goto(manageUrl);
    await page.getByRole('heading', { name: 'How was it?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await narrow(page);

    // Empty: the rating and the text are asked for, on their fields; focus goes to the first.
    await page.getByRole('button', { name: 'Send review' }).click();
    await page.getByText('Choose a rating from 1 to 5 stars.').waitFor();
    await page.locator('#review-body-error').getByText('Write a few words about your visit.').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('rating');

    // The keyboard picks the rating: arrows move through the radio group.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '5 stars' }).isChecked()).toBe(true);

    // Markup is refused on the field; what was typed stays.
    await page.locator('#review-title').fill('Spotless');
    await page.locator('#review-body').fill(`${text} <b>really</b>`);
    await page.getByRole('button', { name: 'Send review' }).click();
    await page.locator('#review-body-error').getByText('Remove the HTML tags; plain text only.').waitFor();
    expect(await page.locator('#review-body').inputValue()).toBe(`${text} <b>really</b>`);
    expect(await page.locator('#review-title').inputValue()).toBe('Spotless');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#review-body').fill(text);
    await page.getByRole('button', { name: 'Send review' }).click();
    await page.getByRole('heading', { name: 'Thank you for your review' }).waitFor();
    await page.getByText('Waiting for approval').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await narrow(page);

    // Not public yet.
    const before = await api(baseUrl, `/api/v1/public/orgs/${slug}/services/${service.id}/reviews?pageSize=100`);
    expect(JSON.stringify(before.json)).not.toContain(text);

    // The owner: the menu's Reviews link, the pending review first.
    const dash = await staff.context.newPage();
    await dash.goto(`${baseUrl}/dashboard/${slug}`);
    await dash.getByRole('button', { name: 'Menu' }).click();
    await dash.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Reviews' }).click();
    await dash.waitForURL(`${baseUrl}/dashboard/${slug}/reviews`);
    await dash.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    const row = dash.getByTestId('review-row').filter({ hasText: text });
    await row.waitFor();
    expect(await dash.getByTestId('review-row').first().textContent()).toContain(text);
    expect(await seriousViolations(dash)).toEqual([]);
    await narrow(dash);

    await row.getByRole('button', { name: 'Approve' }).click();
    await dash.getByText('Review approved.').waitFor();
    await row.getByRole('button', { name: 'Feature' }).click();
    await dash.getByText('Review featured.').waitFor();
    await row.getByText('Featured').waitFor();
    await dash.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    expect(await seriousViolations(dash)).toEqual([]);

    // Rejecting needs a reason (checked on the field), shown on the other filter.
    await dash.goto(`${baseUrl}/dashboard/${slug}/reviews?status=pending`);
    const pending = dash.getByTestId('review-row').first();
    await pending.getByRole('button', { name: 'Reject' }).click();
    const dialog = dash.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Reject review' }).click();
    await dialog.getByText('Give a reason for rejecting.').waitFor();
    expect(await seriousViolations(dash)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The public service page: the review, featured first, and the average the API computes.
    const after = await api(baseUrl, `/api/v1/public/orgs/${slug}/services/${service.id}/reviews`);
    expect(after.json.data[0].body).toBe(text);
    const average = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(after.json.summary.average);
    await page.goto(`${baseUrl}/${slug}/services/${service.slug}`);
    const reviews = page.getByRole('region', { name: `Reviews of ${service.name}` });
    await reviews.getByText(text).waitFor();
    expect(await page.getByTestId('rating-summary').textContent()).toContain(average);
    expect(await page.getByTestId('rating-summary').textContent()).toContain(`${after.json.summary.count} review`);
    expect(await seriousViolations(page)).toEqual([]);
    await narrow(page);

    // The home page's featured reviews.
    await page.goto(`${baseUrl}/${slug}`);
    await page.getByRole('region', { name: 'What our customers say' }).getByText(text).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(guest.errors).toEqual([]);
    expect(staff.errors).toEqual([]);
  });

  it('speaks Spanish', { timeout: 60_000 }, async () => {
    await page.goto(`${manageUrl}&lang=es`);
    await page.getByRole('heading', { name: 'Tu reseña' }).waitFor();
    await page.getByText('Publicada', { exact: true }).waitFor();
    const dash = await staff.context.newPage();
    await dash.goto(`${baseUrl}/dashboard/${slug}/reviews?lang=es`);
    await dash.getByRole('heading', { level: 1, name: 'Reseñas' }).waitFor();
    expect(await seriousViolations(dash)).toEqual([]);
    await page.goto(`${baseUrl}/${slug}?lang=en`);
  });
});
