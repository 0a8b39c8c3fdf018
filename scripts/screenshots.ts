/**
 * `npm run screenshots`: starts Bookline like the browser tests do (scripts/start.ts on a free
 * port with a fresh data directory and the demo data), drives Debian's Chromium through
 * playwright-core (tests/e2e/browser.ts) and saves PNGs of the main pages under
 * docs/screenshots/, then stops the server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser } from '../tests/e2e/browser';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs/screenshots');
const viewport = { width: 1280, height: 800 };
const PASSWORD = 'bookline-demo';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bookline-screenshots-'));
  const baseUrl = `http://localhost:${port}`;
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, BASE_URL: baseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const stop = () => {
    if (server.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGTERM'); // start.ts and the server it spawned
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) {
      stop();
      throw new Error(`the server exited with ${server.exitCode}`);
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('the server did not become ready in 240 s');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, stop };
}

async function shoot(page: Page, name: string) {
  // Fonts and images settle; nothing animates in the screenshot.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  console.log(`saved ${path.relative(root, file)}`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const { baseUrl, stop } = await startServer();
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  const skipped: string[] = [];
  try {
    const en = await openBrowser({ viewport });
    try {
      const page = await en.context.newPage();

      await page.goto(`${baseUrl}/one-detail-at-a-time`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shoot(page, 'public-home');

      await page.goto(`${baseUrl}/one-detail-at-a-time/services/full-detail`);
      const day = page.getByRole('grid').getByRole('button', { name: /, free times$/ }).first();
      await day.waitFor();
      await day.click();
      await page.getByRole('list', { name: /^Times on / }).getByRole('button').first().waitFor();
      await shoot(page, 'booking-flow');

      await page.goto(`${baseUrl}/dashboard/bella-salon`);
      await page.waitForURL(/\/sign-in\?next=/);
      await page.getByLabel('Email').fill('owner@bella-salon.demo');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL(`${baseUrl}/dashboard/bella-salon`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shoot(page, 'dashboard-overview');

      await page.goto(`${baseUrl}/dashboard/bella-salon/bookings`);
      await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
      await shoot(page, 'dashboard-bookings');

      const calendar = await page.goto(`${baseUrl}/dashboard/bella-salon/calendar?view=week`);
      if (!calendar || calendar.status() === 404) {
        console.log('skipped dashboard-calendar: /dashboard/bella-salon/calendar is not there (404)');
        skipped.push('dashboard-calendar');
      } else {
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await shoot(page, 'dashboard-calendar');
      }

      await page.goto(`${baseUrl}/dashboard/bella-salon/team`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shoot(page, 'dashboard-team');

      await page.goto(`${baseUrl}/dashboard/bella-salon/settings`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shoot(page, 'dashboard-settings');
    } finally {
      await en.close();
    }

    const es = await openBrowser({ viewport, locale: 'es-ES', timezoneId: 'Europe/Madrid' });
    try {
      const page = await es.context.newPage();
      await page.goto(`${baseUrl}/bella-salon`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shoot(page, 'public-home-es');
    } finally {
      await es.close();
    }
  } finally {
    stop();
  }
  if (skipped.length) console.log(`skipped: ${skipped.join(', ')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
