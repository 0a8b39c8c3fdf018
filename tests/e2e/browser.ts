/**
 * Debian's Chromium through playwright-core (never a downloaded browser), with a fresh
 * profile and the flags this closed network needs. Missing Chromium fails under CI and skips
 * locally with a message.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openBrowser(options: { locale?: string; timezoneId?: string; viewport?: { width: number; height: number } } = {}) {
  if (!hasChromium) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (CI does this).`);
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'bookline-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'America/Chicago',
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  return {
    context,
    /** Uncaught page errors seen so far (console noise from expected 4xx is not included). */
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
