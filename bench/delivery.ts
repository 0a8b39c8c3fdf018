/**
 * Delivery on PostgreSQL (BENCH_DATABASE_URL), against a real SMTP server and a real webhook
 * receiver on loopback, each next to a baseline measured in the same run:
 *  1. booking throughput through the HTTP API with the background work running (outbox → SMTP,
 *     webhook deliveries, the job queue — src/workers.ts, as src/server.ts runs it) vs without,
 *     in alternating rounds. Target: delivery costs at most 10% of booking throughput.
 *  2. outbox delivery throughput (booking.created messages → guest email + staff alert over
 *     SMTP) vs nodemailer sending the same number of emails straight to the same server.
 *  3. webhook delivery throughput (signed POSTs) vs plain `fetch` POSTs of the same bodies.
 */
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DateTime } from 'luxon';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import pg from 'pg';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '@/db/client';
import { migrate } from '@/db/migrate';
import { testEnv } from '@/lib/env';
import { deliverOutbox } from '@/modules/kernel';
import { createMailer, createOutboxHandlers } from '@/modules/notifications';
import { deliverWebhooks, withWebhookFanOut } from '@/modules/webhooks';
import { buildFixture, client, fixtureSlot, startApiServer, stats } from './support';

const CLIENTS = 8;
const PER_CLIENT = 30;
const ROUNDS = 3; // each: one run without delivery, one with
const root = path.resolve(import.meta.dirname, '..');
const FROM = 'Bookline Bench <bench@bookline.test>';

const url = testEnv().BENCH_DATABASE_URL;
if (!url) {
  process.stdout.write('BENCH_DATABASE_URL not set: delivery (PostgreSQL only) skipped.\n');
  process.exit(0);
}

// The receivers: count what arrives.
let mailsReceived = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, done) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      mailsReceived++;
      done();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
let hooksReceived = 0;
const receiver = createHttpServer((req, res) => {
  req.resume();
  req.on('end', () => {
    hooksReceived++;
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const startServer = (delivery: boolean) =>
  startApiServer({
    DATABASE_URL: url,
    DATABASE_POOL_MAX: String(CLIENTS + 4),
    BASE_URL: 'http://localhost:3000',
    SEED_DEMO: '0',
    SMTP_URL: smtpUrl,
    MAIL_FROM: FROM,
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    BENCH_DELIVERY: delivery ? '1' : '0',
  });

const firstDay = DateTime.now().setZone('America/New_York').plus({ days: 3 }).startOf('day');
const slotStart = (i: number) => fixtureSlot(firstDay, i);

/** CLIENTS concurrent guests, each booking PER_CLIENT slots of their own resource. */
async function bookingRun(delivery: boolean, slug: string) {
  const server = await startServer(delivery);
  try {
    const fixture = await buildFixture(server.url, CLIENTS, slug);
    const owner = client(server.url, fixture.cookie);
    const endpoint = await owner(`/api/v1/orgs/${slug}/webhooks`, { body: { url: hookUrl, eventTypes: ['booking.created'] } });
    if (endpoint.status !== 201) throw new Error(`webhook endpoint: ${endpoint.status} ${JSON.stringify(endpoint.json)}`);
    const api = client(server.url);
    const latencies: number[] = [];
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; i < PER_CLIENT; i++) {
          const t = performance.now();
          const res = await api(`/api/v1/public/orgs/${slug}/bookings`, {
            body: { serviceId: fixture.serviceId, resourceId: fixture.resourceIds[c], start: slotStart(i).toISO(), customer: { name: `Guest ${c}`, email: `guest${c}-${i}@guests.bench.test` } },
          });
          if (res.status !== 201) failures++;
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { delivery, organizationId: fixture.organizationId, perSecond: Math.round((CLIENTS * PER_CLIENT) / seconds), seconds: Math.round(seconds * 100) / 100, failures, latency: stats(latencies) };
  } finally {
    await server.stop();
  }
}

const setupDb = await openDatabase({ kind: 'postgres', url, poolMax: 4 });
await migrate(setupDb);
await setupDb.close();

// 1. Alternating rounds: off, on, off, on. An "off" round's messages are parked (due in a year)
// so the next "on" round's workers deliver only their own round's messages; part 2 unparks them.
const runs = [];
const stamp = Date.now().toString(36);
const parking = new pg.Pool({ connectionString: url, max: 1 });
// Messages other benches left undelivered in this scratch database are parked too: the "on"
// rounds' workers deliver their own round's messages, not an older backlog.
await parking.query(`update outbox set available_at = now() + interval '1 year' where status = 'pending'`);
for (let r = 0; r < ROUNDS; r++) {
  for (const delivery of [false, true]) {
    const run = await bookingRun(delivery, `dlv-${stamp}-${r}-${delivery ? 'on' : 'off'}`);
    if (!delivery) await parking.query(`update outbox set available_at = now() + interval '1 year' where organization_id = $1 and status = 'pending'`, [run.organizationId]);
    runs.push(run);
  }
}
const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
const without = mean(runs.filter((r) => !r.delivery).map((r) => r.perSecond));
const withDelivery = mean(runs.filter((r) => r.delivery).map((r) => r.perSecond));
const bookingRatio = Math.round((withDelivery / without) * 1000) / 10;

// 2 and 3: the "off" rounds left their messages undelivered; deliver the first one's here.
const backlogOrg = runs.find((r) => !r.delivery)!.organizationId;
await parking.query(`update outbox set available_at = now() where organization_id = $1 and status = 'pending'`, [backlogOrg]);
const leftBehind = await parking.query<{ n: string }>(
  `select count(*) as n from outbox where status = 'pending' and available_at < now() + interval '1 day' and organization_id in (select id from organizations where slug like $1)`,
  [`dlv-${stamp}-%-on`],
);
await parking.end();
const database = await openDatabase({ kind: 'postgres', url, poolMax: 4 });
const silent = pino({ level: 'silent' });
const mailer = createMailer(database.db, { smtpUrl, from: FROM });
const handlers = withWebhookFanOut(createOutboxHandlers(silent, mailer));
const mailsBefore = mailsReceived;
let messages = 0;
const outboxStarted = performance.now();
for (let n; (n = await deliverOutbox(database.db, handlers, new Date(), 50, { organizationId: backlogOrg })) > 0; ) messages += n;
const outboxSeconds = (performance.now() - outboxStarted) / 1000;
const emails = mailsReceived - mailsBefore;
mailer.close();

// The baseline: nodemailer alone, pooled as our mailer is.
const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 2 } satisfies SMTPPool.Options, { from: FROM });
const rawStarted = performance.now();
for (let i = 0; i < emails; i++) {
  await transport.sendMail({ to: `raw${i}@guests.bench.test`, subject: 'Booking confirmed: Consultation', text: 'Hello,\n\nYour booking is confirmed.\n'.repeat(8), html: '<p>Your booking is confirmed.</p>'.repeat(8) });
}
const rawMailSeconds = (performance.now() - rawStarted) / 1000;
transport.close();

const settings = { allowPrivate: true, timeoutMs: 5000, disableAfter: 1000 };
const hooksBefore = hooksReceived;
const hooksStarted = performance.now();
while ((await deliverWebhooks(database.db, new Date(), { settings, organizationId: backlogOrg })) > 0);
const hookSeconds = (performance.now() - hooksStarted) / 1000;
const hooks = hooksReceived - hooksBefore;
await database.close();

const body = JSON.stringify({ type: 'booking.created', timestamp: new Date().toISOString(), data: { booking: { id: 'bkg_x', status: 'confirmed', start: new Date().toISOString() } } });
const rawHooksStarted = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next++ < hooks) await (await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
  }),
);
const rawHookSeconds = (performance.now() - rawHooksStarted) / 1000;

smtp.close();
receiver.close();

const perSec = (n: number, s: number) => Math.round((n / s) * 10) / 10;
const report = {
  benchmark: 'delivery',
  at: new Date().toISOString(),
  node: process.version,
  database: new URL(url).host,
  bookingThroughput: {
    clients: CLIENTS,
    bookingsPerRun: CLIENTS * PER_CLIENT,
    runs: runs.map(({ delivery, perSecond, seconds, failures, latency }) => ({ delivery, perSecond, seconds, failures, latency })),
    withoutDeliveryPerSecond: without,
    withDeliveryPerSecond: withDelivery,
    withAsPercentOfWithout: bookingRatio,
    messagesLeftUndeliveredByOnRounds: Number(leftBehind.rows[0]?.n ?? 0),
    target: 'with delivery ≥ 90% of without',
  },
  outboxToSmtp: { messages, emails, perSecondMessages: perSec(messages, outboxSeconds), perSecondEmails: perSec(emails, outboxSeconds), baselineNodemailerEmailsPerSecond: perSec(emails, rawMailSeconds), percentOfBaseline: Math.round((rawMailSeconds / outboxSeconds) * 1000) / 10 },
  webhooks: { deliveries: hooks, perSecond: perSec(hooks, hookSeconds), baselineFetchPerSecond: perSec(hooks, rawHookSeconds), percentOfBaseline: Math.round((rawHookSeconds / hookSeconds) * 1000) / 10 },
};
writeFileSync(path.join(root, 'bench/results/delivery.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(
  `\nDelivery, PostgreSQL, SMTP and webhook receiver on loopback\n` +
    `  bookings/s without delivery ${without}, with delivery running ${withDelivery}: ${bookingRatio}% (target ≥ 90%)\n` +
    `  outbox → SMTP: ${messages} messages (${emails} emails) at ${report.outboxToSmtp.perSecondMessages} messages/s, ${report.outboxToSmtp.perSecondEmails} emails/s; nodemailer alone ${report.outboxToSmtp.baselineNodemailerEmailsPerSecond} emails/s (${report.outboxToSmtp.percentOfBaseline}%)\n` +
    `  webhooks: ${hooks} deliveries at ${report.webhooks.perSecond}/s; plain fetch ${report.webhooks.baselineFetchPerSecond}/s (${report.webhooks.percentOfBaseline}%)\n` +
    `written to bench/results/delivery.json\n`,
);
