/**
 * The background work every app instance runs next to its HTTP server: the outbox deliverer
 * (email, in-app notifications, webhook fan-out, reminder planning), the webhook deliverer, the
 * job queue's workers (reminders) and the booking funnel's flusher. src/server.ts starts it;
 * bench/serve-api.ts starts the same thing to measure booking throughput with delivery running.
 */
import type { Database } from '@/db/client';
import type { Env } from '@/lib/env';
import type { Logger } from '@/lib/logger';
import { startFunnelFlusher } from '@/modules/analytics';
import { expireApprovals } from '@/modules/approvals';
import { expireWaitlistHolds } from '@/modules/waitlist';
import { expireCheckoutHolds, pruneGuestCarts } from '@/modules/orders';
import { offerWaitlistSeats } from '@/modules/event-waitlist';
import { expirePoints } from '@/modules/loyalty';
import { createJobQueue, deliverOutbox, startJobQueue } from '@/modules/kernel';
import { createMailer, createOutboxHandlers, prepareReminderQueue, transportNotice, withReminderPlanning, workReminders } from '@/modules/notifications';
import { deliverWebhooks, webhookSettingsFromEnv, withWebhookFanOut } from '@/modules/webhooks';

const OUTBOX_INTERVAL_MS = 5_000;
export const OUTBOX_BATCH = 50;
const WEBHOOK_INTERVAL_MS = 2_000;
/** How often every instance looks for approval requests nobody decided in time (modules/approvals). */
const APPROVAL_EXPIRY_INTERVAL_MS = 30_000;
/** How often every instance deletes guest carts idle for 30 days (modules/orders). */
const CART_PRUNE_INTERVAL_MS = 60 * 60_000;
/** More requests in flight than this, and delivery yields (small batches, rests between). */
const BUSY_REQUESTS = 2;
export const BUSY_BATCH = 5;
const BUSY_REST_FACTOR = 2;

/**
 * Delivers due outbox messages until none are left (a full batch means more are due). While
 * `busy()`, batches are small and each is followed by a rest twice as long as it took. Returns
 * the number of messages handled.
 */
export async function drainOutbox(
  deliver: (limit: number) => Promise<number>,
  opts: { busy: () => boolean; stopping: () => boolean; rest: (ms: number) => Promise<unknown>; now?: () => number },
): Promise<number> {
  const now = opts.now ?? (() => performance.now());
  let total = 0;
  for (;;) {
    const batch = opts.busy() ? BUSY_BATCH : OUTBOX_BATCH;
    const started = now();
    const handled = await deliver(batch);
    total += handled;
    if (handled < batch || opts.stopping()) return total;
    if (opts.busy()) await opts.rest(BUSY_REST_FACTOR * (now() - started));
  }
}

export interface Workers {
  /** Stops the timers and waits for the delivery runs and reminder jobs in progress. */
  stop(): Promise<void>;
}

export async function startWorkers(
  database: Database,
  e: Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'NODE_ENV'>,
  log: Logger,
  options: {
    outboxIntervalMs?: number;
    webhookIntervalMs?: number;
    /** Requests this process is serving now: while there are more than BUSY_REQUESTS, delivery
     * goes in small batches and rests between them (it yields to requests; see below). */
    requestsInFlight?: () => number;
    funnelIntervalMs?: number;
    approvalExpiryIntervalMs?: number;
    /** Overrides how often guest carts idle for 30 days are deleted (tests). */
    cartPruneIntervalMs?: number;
  } = {},
): Promise<Workers> {
  let stopping = false;
  const mailer = createMailer(database.db, { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM });
  const notice = transportNotice(e);
  log[notice.level](notice.message);
  // Scheduled work (booking reminders) on pg-boss, in this database's `pgboss` schema. Every
  // instance works the queue; the booking's row lock makes each reminder go once.
  const jobs = createJobQueue(database);
  jobs.on('error', (err: unknown) => log.warn({ err }, 'job queue error'));
  await startJobQueue(database, jobs);
  await prepareReminderQueue(jobs);
  await workReminders(jobs, database.db);
  // Booking topics also become webhook deliveries (database rows only; modules/webhooks/fan-out.ts)
  // and plan or drop the booking's reminder job.
  const handlers = withReminderPlanning(withWebhookFanOut(createOutboxHandlers(log, mailer)), jobs);
  // One delivery at a time; stop() waits for the one in progress before the pool closes.
  // Delivery shares this process's one JavaScript thread with the requests it serves. While
  // requests are waiting, it goes in small batches and rests twice as long as each batch took
  // (at most a third of the thread): a burst of bookings is served first and its emails follow,
  // delayed, never lost (bench/delivery.ts measures both sides).
  const busy = () => (options.requestsInFlight?.() ?? 0) > BUSY_REQUESTS;
  let outboxRun: Promise<void> | null = null;
  const outboxTimer = setInterval(() => {
    // A full batch means more are due: the next one goes at once (a backlog drains in one tick).
    const drain = () =>
      drainOutbox((limit) => deliverOutbox(database.db, handlers, new Date(), limit), {
        busy,
        stopping: () => stopping,
        rest: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      });
    outboxRun ??= drain()
      .then(() => undefined, (err: unknown) => log.warn({ err }, 'outbox delivery failed'))
      .finally(() => {
        outboxRun = null;
      });
  }, options.outboxIntervalMs ?? OUTBOX_INTERVAL_MS);
  outboxTimer.unref();

  // Webhooks: claim due deliveries, send them with no transaction open, record the results.
  const webhookSettings = webhookSettingsFromEnv();
  if (webhookSettings.allowPrivate && e.NODE_ENV === 'production') {
    log.warn('WEBHOOKS_ALLOW_PRIVATE is set: webhook endpoints may point at loopback and private addresses (SSRF risk)');
  }
  let webhookRun: Promise<void> | null = null;
  const webhookTimer = setInterval(() => {
    webhookRun ??= deliverWebhooks(database.db, new Date(), { settings: webhookSettings })
      .then(() => undefined, (err: unknown) => log.warn({ err }, 'webhook delivery failed'))
      .finally(() => {
        webhookRun = null;
      });
  }, options.webhookIntervalMs ?? WEBHOOK_INTERVAL_MS);
  webhookTimer.unref();

  // Booking-funnel counts gathered in this process's memory (modules/analytics): one upsert every
  // few seconds, and a last one at stop(), after the requests in flight have finished.
  const funnel = startFunnelFlusher(database.db, log, { intervalMs: options.funnelIntervalMs });

  // Requests waiting for approval past their expiry are released (rejected, the member told); the
  // booking's row lock makes each release happen once however many instances sweep. Then waitlist
  // holds nobody booked in time pass to the next entry (modules/waitlist; the resource lock makes
  // each pass happen once).
  let expiryRun: Promise<void> | null = null;
  const expiryTimer = setInterval(() => {
    expiryRun ??= expireApprovals(database.db, new Date())
      .then(
        (released) => {
          if (released > 0) log.info({ released }, 'released requests nobody approved in time');
        },
        (err: unknown) => log.warn({ err }, 'approval expiry failed'),
      )
      .then(() => expireWaitlistHolds(database.db, new Date()))
      .then(
        (passed) => {
          if (passed) log.info({ passed }, 'passed on waitlist holds nobody booked in time');
        },
        (err: unknown) => log.warn({ err }, 'waitlist hold expiry failed'),
      )
      // Checkouts whose online payment never completed give their stock back (modules/orders;
      // the order's row lock makes each release happen once).
      .then(() => expireCheckoutHolds(database.db, new Date()))
      .then(
        (released) => {
          if (released) log.info({ released }, 'released checkout holds whose payment never completed');
        },
        (err: unknown) => log.warn({ err }, 'checkout hold expiry failed'),
      )
      // Seats that came back (cancels, refunds, expired checkouts and offers just above) go to
      // event waitlists, oldest fitting entry first (modules/event-waitlist; the event row is
      // locked SKIP LOCKED, so two instances never offer the same seats twice).
      .then(() => offerWaitlistSeats(database.db, new Date()))
      .then(
        (offered) => {
          if (offered) log.info({ offered }, 'offered returned seats to event waitlists');
        },
        (err: unknown) => log.warn({ err }, 'event waitlist offers failed'),
      )
      // Loyalty points past their expiry date (modules/loyalty; the account's row lock makes each expiry happen once).
      .then(() => expirePoints(database.db, new Date()))
      .then(
        (accounts) => {
          if (accounts) log.info({ accounts }, 'expired loyalty points past their date');
        },
        (err: unknown) => log.warn({ err }, 'loyalty points expiry failed'),
      )
      .finally(() => {
        expiryRun = null;
      });
  }, options.approvalExpiryIntervalMs ?? APPROVAL_EXPIRY_INTERVAL_MS);
  expiryTimer.unref();

  // Abandoned guest carts (a cookie's session) are deleted after 30 idle days; several instances
  // pruning at once delete disjoint or already-gone rows, which is harmless.
  let pruneRun: Promise<unknown> | null = null;
  const pruneTimer = setInterval(() => {
    if (pruneRun || stopping) return;
    pruneRun = pruneGuestCarts(database.db, new Date())
      .then(
        (pruned) => {
          if (pruned) log.info({ pruned }, 'deleted guest carts idle for 30 days');
        },
        (err: unknown) => log.warn({ err }, 'guest cart pruning failed'),
      )
      .finally(() => {
        pruneRun = null;
      });
  }, options.cartPruneIntervalMs ?? CART_PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  return {
    async stop() {
      stopping = true;
      clearInterval(outboxTimer);
      clearInterval(webhookTimer);
      clearInterval(expiryTimer);
      clearInterval(pruneTimer);
      await outboxRun;
      await webhookRun;
      await expiryRun;
      await pruneRun;
      await funnel.stop();
      // Stops polling and waits (up to 5 s) for a reminder job in progress (its transaction) to end.
      await jobs.stop({ graceful: true, timeout: 5_000 });
      mailer.close();
    },
  };
}
