/**
 * Member tiers in a browser, 375 px wide: an owner creates two tiers (one with its Spanish
 * name), moves one up, gives a member a tier on the team page and sees it listed there and
 * counted on the tiers page; deleting a held tier is refused in its confirmation, an unheld one
 * is deleted after it. The pages are axe-clean in their empty and listed states, and speak Spanish.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addToOrganization, api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('member tiers in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  let member: ApiUser;
  const slug = `tiers-${suffix()}`;

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Tier Owner');
    member = await signUpUser(baseUrl, 'Club Member');
    await createOrganization(baseUrl, owner, slug, 'Tier Club');
    await addToOrganization(baseUrl, slug, owner, member, 'member');
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(browser.context, baseUrl, owner);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const rows = () => page.getByTestId('tier-row');
  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  it('creates tiers, reorders them, assigns one to a member on the team page, and deletes only an unheld tier', { timeout: 150_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Member tiers' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/tiers`);
    await page.getByRole('heading', { level: 1, name: 'Member tiers' }).waitFor();
    await page.getByRole('heading', { name: 'No tiers yet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // An empty name is the API's 400, shown on the field.
    await page.getByRole('button', { name: 'Create tier' }).click();
    await page.locator('#new-tier-name-error').waitFor();

    await page.locator('#new-tier-name').fill('Platinum');
    await page.locator('#new-tier-translated').fill('Platino');
    await page.locator('#new-tier-description').fill('Full fleet access');
    await page.getByRole('button', { name: 'Create tier' }).click();
    await page.getByText('Tier “Platinum” created.').waitFor();
    await rows().filter({ hasText: 'Platinum' }).waitFor();
    await page.locator('#new-tier-name').fill('Gold');
    await page.getByRole('button', { name: 'Create tier' }).click();
    await page.getByText('Tier “Gold” created.').waitFor();
    await expect.poll(() => rows().count()).toBe(2);

    // A taken name (any case) is refused with the API's reason.
    await page.locator('#new-tier-name').fill('gold');
    await page.getByRole('button', { name: 'Create tier' }).click();
    await page.getByText('Another tier is already named "gold"', { exact: false }).first().waitFor();
    await page.locator('#new-tier-name').fill('');

    // Gold up: it takes Platinum's place.
    await page.getByRole('button', { name: 'Move Gold up' }).click();
    await page.getByText('“Gold” moved.').waitFor();
    const firstCells = () => rows().evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent?.trim(), tr.children[1]?.querySelector('span')?.textContent?.trim()]));
    await expect.poll(firstCells).toEqual([
      ['1', 'Gold'],
      ['2', 'Platinum'],
    ]);
    // The moved row's buttons fade from their disabled colour (transition-colors): axe reads the end state.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // The team page: give the member Gold.
    await page.getByRole('link', { name: 'Back to the team' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/team`);
    const select = page.getByLabel('Tier of Club Member');
    expect(await select.inputValue()).toBe('');
    await select.selectOption({ label: 'Gold' });
    await page.getByRole('button', { name: 'Save tier' }).click();
    await page.getByText('Club Member is now in Gold.').waitFor();
    await page.reload();
    await expect.poll(async () => (await page.getByLabel('Tier of Club Member').locator('option:checked').textContent())?.trim()).toBe('Gold');
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // The API agrees: the member list carries the tier.
    const list = await api(baseUrl, `/api/v1/orgs/${slug}/members`, { cookie: owner.cookie });
    expect((list.json.data as { email: string; tier: { name: string } | null }[]).find((m) => m.email === member.email)?.tier?.name).toBe('Gold');

    // Back on the tiers page: Gold counts one member and cannot be deleted; Platinum can.
    await page.getByRole('link', { name: 'Manage tiers' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/tiers`);
    expect((await rows().filter({ hasText: 'Gold' }).getByTestId('tier-members').textContent())?.trim()).toBe('1');
    expect((await rows().filter({ hasText: 'Platinum' }).getByTestId('tier-members').textContent())?.trim()).toBe('0');
    await page.getByRole('button', { name: 'Delete Gold' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('1 member holds this tier', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Delete tier' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete Platinum' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete tier' }).click();
    await page.getByText('Tier “Platinum” deleted.').waitFor();
    await expect.poll(() => rows().count()).toBe(1);
    expect(browser.errors).toEqual([]);
  });

  it('speaks Spanish', { timeout: 60_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/tiers?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Niveles de socio' }).waitFor();
    await page.getByRole('heading', { name: 'Nuevo nivel' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/dashboard/${slug}/team?lang=es`);
    await page.getByLabel('Nivel de Club Member').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/dashboard/${slug}/team?lang=en`);
    expect(browser.errors).toEqual([]);
  });
});
