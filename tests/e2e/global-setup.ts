/**
 * Starts the product as a user would (scripts/start.ts: build if needed, then the one-process
 * server) on a free port with a fresh embedded database, and stops it afterwards. Email goes to
 * a real SMTP server on loopback that writes each message to a spool folder (`mailSpool`), so a
 * browser test can read what a person would receive; demo organizations and example.com
 * addresses stay in the built-in mail catcher as always.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** A folder with one `<n>.eml` (raw source) per message the server sent over SMTP. */
    mailSpool: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let server: ChildProcess | undefined;
let dataDir: string | undefined;
let smtp: SMTPServer | undefined;
let spool: string | undefined;

/** An SMTP server on loopback that keeps every message as a file. */
async function startSpoolingSmtp(dir: string): Promise<string> {
  let n = 0;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        n += 1;
        writeFileSync(path.join(dir, `${String(n).padStart(6, '0')}.eml`), Buffer.concat(chunks));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', resolve));
  return `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
}

export async function setup(project: TestProject) {
  const port = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'bookline-e2e-'));
  const baseUrl = `http://localhost:${port}`;
  spool = mkdtempSync(path.join(tmpdir(), 'bookline-e2e-mail-'));
  const smtpUrl = await startSpoolingSmtp(spool);
  server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
      // Every browser test comes from 127.0.0.1 and books, signs in and signs up many times;
      // the limits themselves are proven in tests/rate-limit.test.ts.
      RATE_LIMIT_API_PER_MINUTE: '100000',
      RATE_LIMIT_BOOKINGS_PER_IP_PER_HOUR: '100000',
      RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_DAY: '100000',
      RATE_LIMIT_SIGN_IN_FAILURES_PER_15_MIN: '100000',
      // Low, so sign-in-limits.e2e.ts reaches the proof-of-work challenge in a few requests;
      // addresses that signed in to an account before are never asked.
      RATE_LIMIT_SIGN_IN_ACCOUNT_FAILURES_PER_15_MIN: '3',
      RATE_LIMIT_SIGN_UP_PER_IP_PER_HOUR: '100000',
      RATE_LIMIT_PASSWORD_RESET_PER_HOUR: '100000',
      RATE_LIMIT_TWO_FACTOR_FAILURES_PER_15_MIN: '100000',
      RATE_LIMIT_AUTH_BURST_PER_MINUTE: '100000',
      // webhooks.e2e.ts sends to a receiver on loopback.
      WEBHOOKS_ALLOW_PRIVATE: '1',
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Bookline E2E <no-reply@bookline.test>',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  // The first start builds the web app (scripts/start.ts): a minute or two on a quiet machine,
  // more than four under load (seen: 240 s ran out with other test runs sharing the 2 cores).
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error('the server did not become ready in 600 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('mailSpool', spool);
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM'); // the whole group: start.ts and the server it spawned
    } catch {
      // already gone
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  if (spool) rmSync(spool, { recursive: true, force: true });
}
