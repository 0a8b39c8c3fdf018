/**
 * axe-core in the page (the npm package's own script, injected; nothing downloaded): the
 * critical and serious violations of the page as it is, so a browser test can fail on them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe on the page (WCAG 2.x A and AA rules) and returns its critical and serious violations. */
export async function seriousViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  // Colours measured mid-transition are neither the old nor the new ones (a day button just
  // chosen failed color-contrast once): let running CSS transitions end first. Endless
  // animations (the live pill) are not transitions and are not waited for.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'), undefined, { timeout: 3_000 })
    .catch(() => undefined);
  // Next re-renders the document's <title> with the page after a router refresh; axe run in that
  // moment found no title once (tiers, CI on f0948cb). A page that truly has none still fails.
  await page.waitForFunction(() => document.title.trim() !== '', undefined, { timeout: 3_000 }).catch(() => undefined);
  // Evaluated through the devtools protocol, not as a <script>: the page's CSP stays as it is.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const result = await page.evaluate(async (exclude) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const run = await axe.run(exclude.length ? { exclude: exclude.map((s) => [s]) } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  }, options.exclude ?? []);
  return result.filter((v) => v.impact === 'critical' || v.impact === 'serious');
}
