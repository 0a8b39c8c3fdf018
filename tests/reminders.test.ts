/**
 * Reminders (#12.2) on a real job queue: pg-boss on the test database (PGlite through its
 * adapter, or PostgreSQL under TEST_DATABASE_URL). A confirmed booking's outbox message plans
 * a job for `reminderHours` before the start; planning twice plans once; a reschedule replans
 * and drops the old job; a cancellation drops it; a service with reminders off plans none. Two
 * workers on one queue, given duplicate jobs for one booking, queue exactly one reminder email
 * (the booking row's lock and `reminder_sent_for` decide, not the queue), which the outbox then
 * delivers in the guest's language with the manage link.
 */
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookings, mailMessages, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { createJobQueue, deliverOutbox, type JobQueue } from '@/modules/kernel';

import {
  createMailer,
  createOutboxHandlers,
  prepareReminderQueue,
  REMINDER_QUEUE,
  REMINDER_TOPIC,
  reminderDueAt,
  reminderJobId,
  type ReminderJob,
  runReminder,
  withReminderPlanning,
  workReminders,
} from '@/modules/notifications';
import { call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';

const NOW = '2026-03-01T12:00:00Z';
const now = () => new Date(NOW);
const silent = pino({ level: 'silent' });

let h: Harness;
let jobs: JobQueue;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  jobs = createJobQueue(h.database, { supervise: false });
  await jobs.start();
  await prepareReminderQueue(jobs);
}, 120_000);
afterAll(async () => {
  await jobs?.stop({ graceful: false, timeout: 1000 });
  await h.close();
});

const guestEmail = () => `guest-${Math.random().toString(36).slice(2, 8)}@guests.bookline.test`;
const book = (org: TestOrg, body: Record<string, unknown>) => call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body });
/** Delivers this organization's due messages with reminder planning (and the catcher as the mail transport). */
const deliver = (org: TestOrg) =>
  deliverOutbox(h.database.db, withReminderPlanning(createOutboxHandlers(silent, createMailer(h.database.db, { from: 'Bookline <b@bookline.test>' })), jobs, now), new Date(Date.now() + 3_600_000), 1000, {
    organizationId: org.id,
  });
const job = async (bookingId: string, start: string) => (await jobs.findJobs<ReminderJob>(REMINDER_QUEUE, { id: reminderJobId(bookingId, start) }))[0] ?? null;
const remindersQueued = async (org: TestOrg, bookingId: string) =>
  (await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, REMINDER_TOPIC)))).filter((r) => r.payload.bookingId === bookingId);

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, seconds = 30): Promise<T> {
  for (let i = 0; i < seconds * 10; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('when a reminder is due', () => {
  it('is hours before the start; none when turned off or when that moment has passed', () => {
    const start = new Date('2026-03-10T15:00:00Z');
    expect(reminderDueAt(start, 24, now())?.toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(reminderDueAt(start, 0, now())).toBeNull();
    expect(reminderDueAt(new Date('2026-03-02T10:00:00Z'), 24, now())).toBeNull();
  });

  it('a job id is a UUID fixed by booking and start', () => {
    const a = reminderJobId('bkg_1', '2026-03-10T10:00:00-05:00');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reminderJobId('bkg_1', '2026-03-10T15:00:00Z')).toBe(a);
    expect(reminderJobId('bkg_1', '2026-03-10T16:00:00Z')).not.toBe(a);
    expect(reminderJobId('bkg_2', '2026-03-10T15:00:00Z')).not.toBe(a);
  });
});

describe('planning from booking messages', () => {
  it('a confirmed booking plans one job 24 h before its start, however often its message is delivered', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const created = await book(org, { serviceId: service.id, start: '2026-03-10T10:00:00-05:00', customer: { name: 'Ana', email: guestEmail() } });
    expect(created.status).toBe(201);
    const id = created.json.booking.id as string;
    await deliver(org);
    const planned = await job(id, '2026-03-10T15:00:00Z');
    expect(planned?.data).toEqual({ organizationId: org.id, bookingId: id, startsAt: '2026-03-10T15:00:00.000Z' });
    expect(planned?.startAfter.toISOString()).toBe('2026-03-09T15:00:00.000Z');
    // The same message delivered again (a retry after a lost "sent" record) plans nothing new.
    await h.database.db.update(outbox).set({ status: 'pending' }).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'booking.created')));
    await deliver(org);
    const all = await jobs.findJobs<ReminderJob>(REMINDER_QUEUE, { data: { bookingId: id } });
    expect(all).toHaveLength(1);
  });

  it('a reschedule drops the old job and plans the new one; a cancellation drops it; a pending request plans none until confirmed', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { requiresConfirmation: true, cancellationNoticeMinutes: 60, reminderHours: 48 } });
    const created = await book(org, { serviceId: service.id, start: '2026-03-12T10:00:00-05:00', customer: { name: 'Ben', email: guestEmail() } });
    const id = created.json.booking.id as string;
    await deliver(org);
    expect(await job(id, '2026-03-12T15:00:00Z'), 'a pending request has no reminder').toBeNull();

    const base = `/api/v1/orgs/${org.slug}/bookings/${id}`;
    expect((await call(h, `${base}/confirm`, { cookie: org.owner.cookie, body: {} })).status).toBe(200);
    await deliver(org);
    expect((await job(id, '2026-03-12T15:00:00Z'))?.startAfter.toISOString()).toBe('2026-03-10T15:00:00.000Z');

    expect((await call(h, `${base}/reschedule`, { cookie: org.owner.cookie, body: { start: '2026-03-13T11:00:00-05:00' } })).status).toBe(200);
    await deliver(org);
    expect((await job(id, '2026-03-12T15:00:00Z'))?.state).toBe('cancelled');
    const moved = await job(id, '2026-03-13T16:00:00Z');
    expect(moved?.state).toBe('created');
    expect(moved?.startAfter.toISOString()).toBe('2026-03-11T16:00:00.000Z');

    expect((await call(h, `${base}/cancel`, { cookie: org.owner.cookie, body: { reason: 'Closed' } })).status).toBe(200);
    await deliver(org);
    expect((await job(id, '2026-03-13T16:00:00Z'))?.state).toBe('cancelled');
  });

  it('a service with reminders off (0 hours) plans none; reminderHours outside 0–336 is a 400', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { service: { reminderHours: 0 } });
    expect((service as { reminderHours?: number }).reminderHours).toBe(0);
    const created = await book(org, { serviceId: service.id, start: '2026-03-10T11:00:00-05:00', customer: { name: 'Cy', email: guestEmail() } });
    await deliver(org);
    expect(await jobs.findJobs(REMINDER_QUEUE, { data: { bookingId: created.json.booking.id } })).toHaveLength(0);
    const bad = await call(h, `/api/v1/orgs/${org.slug}/services/${service.id}`, { method: 'PATCH', cookie: org.owner.cookie, body: { reminderHours: 400 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details?.issues?.[0]?.path ?? bad.json.error.details).toBeDefined();
  });
});

describe('sending', () => {
  it('two workers given duplicate jobs for one booking queue one reminder email, delivered in the guest language with the manage link', { timeout: 90_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const email = guestEmail();
    const created = await book(org, { serviceId: service.id, start: '2026-03-10T09:00:00-05:00', customer: { name: 'Dora', email }, locale: 'es' });
    const id = created.json.booking.id as string;
    await deliver(org);
    const data: ReminderJob = { organizationId: org.id, bookingId: id, startsAt: '2026-03-10T14:00:00.000Z' };
    // The planned job plus two strays for the same start (a second planner, a replayed send), all due now.
    await jobs.deleteJob(REMINDER_QUEUE, reminderJobId(id, data.startsAt));
    const ids = [reminderJobId(id, data.startsAt), crypto.randomUUID(), crypto.randomUUID()];
    for (const jobId of ids) await jobs.send(REMINDER_QUEUE, data, { id: jobId });

    // A second app instance: its own pg-boss on the same database, working the same queue.
    const other = createJobQueue(h.database, { supervise: false });
    await other.start();
    try {
      await Promise.all([workReminders(jobs, h.database.db, { pollingIntervalSeconds: 0.5, clock: now }), workReminders(other, h.database.db, { pollingIntervalSeconds: 0.5, clock: now })]);
      await waitFor('the three jobs to complete', async () => {
        const states = await Promise.all(ids.map(async (j) => (await jobs.findJobs(REMINDER_QUEUE, { id: j }))[0]));
        return states.every((s) => s?.state === 'completed');
      });
    } finally {
      await jobs.offWork(REMINDER_QUEUE);
      await other.stop({ graceful: true, timeout: 5000 });
    }
    expect(await remindersQueued(org, id)).toHaveLength(1);
    const [row] = await h.database.db.select({ reminderSentFor: bookings.reminderSentFor }).from(bookings).where(eq(bookings.id, id));
    expect(row?.reminderSentFor?.toISOString()).toBe(data.startsAt);
    const audits = await h.database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, 'booking.reminder_queued')));
    expect(audits).toMatchObject([{ actorType: 'system', entityId: id }]);

    await deliver(org);
    const mails = await h.database.db.select().from(mailMessages).where(and(eq(mailMessages.organizationId, org.id), eq(mailMessages.topic, REMINDER_TOPIC)));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toContain(email);
    expect(mails[0]!.subject).toMatch(/^Recordatorio: /);
    expect(mails[0]!.text).toContain(created.json.manageUrl);
    // Run again (a job replayed after its reminder went): nothing more.
    expect(await runReminder(h.database.db, data, now())).toBe(false);
  });

  it('a job for a start the booking has left, or for a cancelled booking, queues nothing', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const created = await book(org, { serviceId: service.id, start: '2026-03-11T09:00:00-05:00', customer: { name: 'Eva', email: guestEmail() } });
    const id = created.json.booking.id as string;
    expect(await runReminder(h.database.db, { organizationId: org.id, bookingId: id, startsAt: '2026-03-11T15:00:00.000Z' }, now())).toBe(false);
    expect(await runReminder(h.database.db, { organizationId: org.id, bookingId: id, startsAt: '2026-03-11T14:00:00.000Z' }, new Date('2026-03-11T14:30:00Z'))).toBe(false);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'x' } })).status).toBe(200);
    expect(await runReminder(h.database.db, { organizationId: org.id, bookingId: id, startsAt: '2026-03-11T14:00:00.000Z' }, now())).toBe(false);
    // Another organization's booking id under this organization's job: nothing (and no error).
    const stranger = await createOrg(h);
    expect(await runReminder(h.database.db, { organizationId: stranger.id, bookingId: id, startsAt: '2026-03-11T14:00:00.000Z' }, now())).toBe(false);
    expect(await remindersQueued(org, id)).toHaveLength(0);
  });
});
