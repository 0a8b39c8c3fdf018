/**
 * Booking reminders on the job queue (kernel/jobs.ts, pg-boss).
 *
 * Planning: the booking messages the outbox already delivers (created, confirmed, cancelled,
 * rejected, rescheduled) also plan or drop the booking's reminder job. A job's id is derived
 * from (booking, start), so planning twice — an outbox retry, two instances — inserts one job
 * (pg-boss inserts with ON CONFLICT DO NOTHING); a reschedule cancels the job for the old start
 * and plans one for the new; a cancellation cancels it.
 *
 * Sending: the job locks the booking row and queues the reminder email (an outbox row) only if
 * the booking is still confirmed, still starts when the job was planned for, and has had no
 * reminder for that start (`bookings.reminder_sent_for`). The database, not the queue, is what
 * makes it once: a job run twice, or two jobs for one start, queue one email.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { bookings, outbox, services } from '@/db/schema';
import type { JobQueue } from '@/modules/kernel';
import { newId } from '@/lib/ids';
import { auditInsert, noRequest, type OutboxHandler, type OutboxHandlers } from '@/modules/kernel';

export const REMINDER_QUEUE = 'booking-reminder';
export const REMINDER_TOPIC = 'email.booking_reminder';

export interface ReminderJob {
  organizationId: string;
  bookingId: string;
  /** The start the reminder is for (ISO instant); a booking moved since makes the job a no-op. */
  startsAt: string;
}

/** The job's id: a UUID derived from the booking and its start, so planning is idempotent. */
export function reminderJobId(bookingId: string, startsAt: Date | string): string {
  const iso = typeof startsAt === 'string' ? new Date(startsAt).toISOString() : startsAt.toISOString();
  const h = createHash('sha256').update(`${bookingId}|${iso}`).digest('hex');
  // Shaped as an RFC 4122 name-based UUID (version 5 bits, variant 10).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * When the reminder for a booking starting at `start` goes out: `hours` before it, or null
 * when the service sends none (0) or that moment has already passed when the booking is
 * confirmed (a booking made inside the window was just confirmed by email; a reminder minutes
 * later tells the guest nothing).
 */
export function reminderDueAt(start: Date, hours: number, now: Date): Date | null {
  if (hours <= 0) return null;
  const at = new Date(start.getTime() - hours * 3_600_000);
  return at.getTime() > now.getTime() ? at : null;
}

/** The queue's options: a few retries (a database hiccup), then the job is given up. */
export async function prepareReminderQueue(jobs: JobQueue): Promise<void> {
  await jobs.createQueue(REMINDER_QUEUE, { retryLimit: 5, retryDelay: 30, retryBackoff: true });
}

type Plan = { kind: 'plan'; job: ReminderJob; at: Date } | { kind: 'drop'; ids: string[] };

/** What a booking message means for the booking's reminder job (read in the delivery's transaction). */
async function reminderPlan(tx: Tx, m: Parameters<OutboxHandler>[0], now: Date): Promise<Plan[]> {
  const bookingId = String(m.payload.bookingId ?? '');
  if (!bookingId) return [];
  const [row] = await tx
    .select({ status: bookings.status, startsAt: bookings.startsAt, reminderHours: services.reminderHours })
    .from(bookings)
    .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
    .where(and(eq(bookings.organizationId, m.organizationId), eq(bookings.id, bookingId)));
  if (!row) return [];
  const plans: Plan[] = [];
  // A move drops the job planned for where the booking was.
  const before = (m.payload.before as { start?: string } | undefined)?.start;
  if (m.topic === 'booking.rescheduled' && before && new Date(before).getTime() !== row.startsAt.getTime()) {
    plans.push({ kind: 'drop', ids: [reminderJobId(bookingId, before)] });
  }
  if (row.status === 'confirmed') {
    const at = reminderDueAt(row.startsAt, row.reminderHours, now);
    if (at) plans.push({ kind: 'plan', at, job: { organizationId: m.organizationId, bookingId, startsAt: row.startsAt.toISOString() } });
  } else if (row.status === 'cancelled' || row.status === 'rejected' || row.status === 'pending') {
    // Cancelled, rejected, or back to pending after a guest's move: no reminder for this start.
    plans.push({ kind: 'drop', ids: [reminderJobId(bookingId, row.startsAt)] });
  }
  return plans;
}

const planningTopics = new Set(['booking.created', 'booking.status_changed', 'booking.rescheduled']);

/**
 * Booking messages also plan (or drop) the booking's reminder job. The job is planned before
 * the message's own send step runs: planning is idempotent, an email is not, so a failure to
 * plan retries the message before any email of it has gone.
 */
export function withReminderPlanning<H extends OutboxHandlers>(handlers: H, jobs: JobQueue, clock: () => Date = () => new Date()): H {
  const wrapped: OutboxHandlers = { ...handlers };
  for (const topic of planningTopics) {
    const found = handlers[topic];
    if (found && typeof found !== 'function') continue; // account mail: no booking, no reminder
    const inner = found as OutboxHandler | undefined;
    wrapped[topic] = async (m, tx) => {
      const plans = await reminderPlan(tx, m, clock());
      const send = inner ? await inner(m, tx) : undefined;
      if (plans.length === 0) return send;
      return async () => {
        for (const p of plans) {
          if (p.kind === 'plan') await jobs.send(REMINDER_QUEUE, p.job, { id: reminderJobId(p.job.bookingId, p.job.startsAt), startAfter: p.at });
          else await jobs.cancel(REMINDER_QUEUE, p.ids);
        }
        if (send) await send();
      };
    };
  }
  return wrapped as H;
}

/**
 * Runs one reminder job: under the booking's row lock, queues the reminder email if the
 * booking still warrants it. Returns whether it queued one.
 */
export async function runReminder(db: Db, job: ReminderJob, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: bookings.status, startsAt: bookings.startsAt, reminderSentFor: bookings.reminderSentFor })
      .from(bookings)
      .where(and(eq(bookings.organizationId, job.organizationId), eq(bookings.id, job.bookingId)))
      .for('update');
    if (!row || row.status !== 'confirmed') return false;
    if (row.startsAt.getTime() !== new Date(job.startsAt).getTime()) return false; // moved: its own job reminds
    if (row.reminderSentFor?.getTime() === row.startsAt.getTime()) return false; // already reminded for this start
    if (row.startsAt.getTime() <= now.getTime()) return false; // a job that ran too late says nothing
    await tx
      .update(bookings)
      .set({ reminderSentFor: row.startsAt })
      .where(and(eq(bookings.organizationId, job.organizationId), eq(bookings.id, job.bookingId)));
    await tx.insert(outbox).values({
      id: newId('outbox'),
      organizationId: job.organizationId,
      topic: REMINDER_TOPIC,
      payload: { bookingId: job.bookingId, startsAt: row.startsAt.toISOString() },
      createdAt: now,
      availableAt: now,
    });
    const ctx = { db, tenant: null, actor: { type: 'system', name: 'reminders' } as const, now, request: noRequest };
    await auditInsert(tx, ctx, { organizationId: job.organizationId, action: 'booking.reminder_queued', entity: 'booking', entityId: job.bookingId, changes: { after: { reminderSentFor: row.startsAt.toISOString() } } });
    return true;
  });
}

/** Works the reminder queue in this instance (every instance may: the row lock decides). */
export async function workReminders(jobs: JobQueue, db: Db, options: { pollingIntervalSeconds?: number; clock?: () => Date } = {}): Promise<string> {
  const clock = options.clock ?? (() => new Date());
  return jobs.work<ReminderJob>(REMINDER_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10, batchSize: 10 }, async (batch) => {
    for (const job of batch) await runReminder(db, job.data, clock());
  });
}
