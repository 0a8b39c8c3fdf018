/**
 * The outbox topics that become emails. Each handler reads what its message needs in the
 * delivery's short transaction (booking, organization, recipients, the manage link rebuilt
 * from the booking id) and returns the send step, which the outbox runs after that
 * transaction has committed (kernel/outbox.ts): no lock or transaction is held while a mail
 * server answers.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingEvents, bookings, customers, members, organizations, outbox, resources, services, users } from '@/db/schema';
import { env } from '@/lib/env';
import { bookingEventUid, type CalendarEvent, icsFile, type IcsMethod } from '@/lib/ical';
import { manageLinkIn } from '@/modules/bookings';
import { emailOptOuts, type NotificationSettingsDto } from '@/modules/inbox';
import type { OutboxHandler, OutboxSend } from '@/modules/kernel';
import type { Mailer, OutgoingMail } from './mailer';
import { REMINDER_TOPIC } from './reminders';
import { type BookingFacts, type GuestMailKind, guestBookingMail, invitationMail, mailLocale, type OrgFacts, type RenderedMail, staffBookingMail, type StaffMailKind, waitlistMail, webhookDisabledMail } from './templates';

type OrgRow = typeof organizations.$inferSelect;

interface BookingRead {
  org: OrgRow;
  facts: BookingFacts;
  bookingId: string;
  status: string;
  source: string;
  /** The language the guest booked in, when the booking's first message recorded it. */
  guestLocale: string | null;
  /** Reschedules so far: the calendar event's SEQUENCE. */
  revisions: number;
}

async function readOrg(tx: Tx, organizationId: string): Promise<OrgRow | null> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
  return org ?? null;
}

async function readBooking(tx: Tx, organizationId: string, bookingId: string): Promise<BookingRead | null> {
  const org = await readOrg(tx, organizationId);
  if (!org) return null;
  const [row] = await tx
    .select({
      id: bookings.id,
      status: bookings.status,
      source: bookings.source,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      cancellationReason: bookings.cancellationReason,
      serviceName: services.name,
      resourceName: resources.name,
      guestName: customers.name,
      guestEmail: customers.email,
    })
    .from(bookings)
    .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.organizationId, bookings.organizationId), eq(resources.id, bookings.resourceId)))
    .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)));
  if (!row) return null;
  const [revisions] = await tx
    .select({ n: count() })
    .from(bookingEvents)
    .where(and(eq(bookingEvents.organizationId, organizationId), eq(bookingEvents.bookingId, bookingId), eq(bookingEvents.action, 'rescheduled')));
  // Bookings keep no language of their own: the booking.created message carries the one the
  // guest booked in, and later messages about the booking follow it.
  const [created] = await tx
    .select({ locale: sql<string | null>`${outbox.payload}->>'locale'` })
    .from(outbox)
    .where(and(eq(outbox.organizationId, organizationId), eq(outbox.topic, 'booking.created'), sql`${outbox.payload}->>'bookingId' = ${bookingId}`))
    .limit(1);
  return {
    org,
    guestLocale: created?.locale ?? null,
    bookingId: row.id,
    status: row.status,
    source: row.source,
    revisions: revisions?.n ?? 0,
    facts: {
      start: row.startsAt,
      end: row.endsAt,
      serviceName: row.serviceName,
      resourceName: row.resourceName,
      guestName: row.guestName,
      guestEmail: row.guestEmail,
      reason: row.cancellationReason,
    },
  };
}

/** The member setting that governs each staff alert (modules/inbox: each member chooses their emails). */
const staffMailSetting = {
  new: 'emailNewBookings',
  newPending: 'emailNewRequests',
  moved: 'emailNewRequests',
  cancelled: 'emailCancellations',
  rescheduled: 'emailReschedules',
} as const satisfies Record<StaffMailKind, keyof NotificationSettingsDto>;

/** Owners and admins, less those who turned this email off in their notification settings. */
async function staffRecipients(tx: Tx, organizationId: string, kind: StaffMailKind): Promise<{ email: string; name: string }[]> {
  const rows = await tx
    .select({ userId: members.userId, email: users.email, name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organizationId, organizationId), inArray(members.role, ['owner', 'admin'])));
  const optedOut = await emailOptOuts(tx, organizationId, staffMailSetting[kind]);
  return rows.filter((r) => !optedOut.has(r.userId)).map(({ email, name }) => ({ email, name }));
}

function orgFacts(org: OrgRow): OrgFacts {
  return { name: org.name, timezone: org.timezone, contact: org.contact as OrgFacts['contact'] };
}

function fromAddress(): string {
  return /<([^>]+)>/.exec(env().MAIL_FROM)?.[1] ?? env().MAIL_FROM;
}

function calendarAttachment(read: BookingRead, method: IcsMethod, manageUrl: string | null, sequence: number): NonNullable<OutgoingMail['attachments']>[number] {
  const event: CalendarEvent = {
    uid: bookingEventUid(read.bookingId),
    title: `${read.facts.serviceName} · ${read.org.name}`,
    start: new Date(read.facts.start).toISOString(),
    end: new Date(read.facts.end).toISOString(),
    timezone: read.org.timezone,
    sequence,
    status: read.status === 'pending' ? 'tentative' : 'confirmed',
    description: manageUrl ?? undefined,
    url: manageUrl ?? undefined,
    organizer: { name: read.org.name, email: read.org.contact.email ?? fromAddress() },
    attendee: { name: read.facts.guestName, email: read.facts.guestEmail },
  };
  return { filename: method === 'cancel' ? 'cancel.ics' : 'booking.ics', content: icsFile(event, new Date(), method), contentType: `text/calendar; charset=utf-8; method=${method.toUpperCase()}` };
}

type Msg = Parameters<OutboxHandler>[0];

function mail(m: Msg, to: { email: string; name?: string }, rendered: RenderedMail, extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return { organizationId: m.organizationId, outboxId: m.id, topic: m.topic, to: to.email, toName: to.name, ...rendered, ...extra };
}

/** Sends each email in turn; a failure fails the try (the outbox retries the message). */
function sendAll(mailer: Mailer, mails: OutgoingMail[]): OutboxSend | undefined {
  if (mails.length === 0) return undefined;
  return async () => {
    for (const m of mails) await mailer.send(m);
  };
}

function guestMail(m: Msg, read: BookingRead, kind: GuestMailKind, manageUrl: string | null, ics: IcsMethod | null): OutgoingMail {
  const locale = mailLocale(m.payload.locale as string | undefined, read.guestLocale, read.org.locale);
  const rendered = guestBookingMail(kind, locale, orgFacts(read.org), read.facts, manageUrl);
  const sequence = read.revisions + (ics === 'cancel' ? 1 : 0);
  return mail(m, { email: read.facts.guestEmail, name: read.facts.guestName }, rendered, {
    catchOnly: read.org.isDemo,
    attachments: ics ? [calendarAttachment(read, ics, manageUrl, sequence)] : [],
  });
}

async function staffMails(tx: Tx, m: Msg, read: BookingRead, kind: StaffMailKind): Promise<OutgoingMail[]> {
  const locale = mailLocale(read.org.locale);
  const dashboardUrl = `${env().BASE_URL}/dashboard/${read.org.slug}/bookings/${read.bookingId}`;
  const rendered = staffBookingMail(kind, locale, orgFacts(read.org), read.facts, dashboardUrl);
  return (await staffRecipients(tx, m.organizationId, kind)).map((r) => mail(m, r, rendered, { catchOnly: read.org.isDemo }));
}

export function createEmailHandlers(mailer: Mailer): Record<string, OutboxHandler> {
  return {
    'booking.created': async (m, tx) => {
      const read = await readBooking(tx, m.organizationId, String(m.payload.bookingId));
      if (!read) return undefined; // the booking is gone (its organization deleted): nothing to say
      const pending = read.status === 'pending';
      const link = await manageLinkIn(tx, m.organizationId, read.bookingId, new Date());
      // Staff hear of bookings guests and members make; one staff entered needs no alert.
      const alerts = read.source === 'staff' ? [] : await staffMails(tx, m, read, pending ? 'newPending' : 'new');
      return sendAll(mailer, [guestMail(m, read, pending ? 'received' : 'confirmed', link, 'request'), ...alerts]);
    },
    'booking.status_changed': async (m, tx) => {
      const to = String(m.payload.to);
      if (to !== 'confirmed' && to !== 'rejected' && to !== 'cancelled') return undefined; // started, completed, no-show: the guest was there
      const read = await readBooking(tx, m.organizationId, String(m.payload.bookingId));
      if (!read) return undefined;
      if (to === 'cancelled' && typeof m.payload.reason === 'string' && m.payload.reason) read.facts.reason = m.payload.reason;
      const link = to === 'confirmed' ? await manageLinkIn(tx, m.organizationId, read.bookingId, new Date()) : null;
      const ics: IcsMethod | null = to === 'confirmed' ? 'request' : to === 'cancelled' ? 'cancel' : null;
      // A guest or club member who cancels tells the business too; a cancellation by staff needs no alert.
      const alerts = to === 'cancelled' && (m.payload.by === 'guest' || m.payload.by === 'member') ? await staffMails(tx, m, read, 'cancelled') : [];
      return sendAll(mailer, [guestMail(m, read, to, link, ics), ...alerts]);
    },
    'booking.rescheduled': async (m, tx) => {
      const read = await readBooking(tx, m.organizationId, String(m.payload.bookingId));
      if (!read) return undefined;
      const link = await manageLinkIn(tx, m.organizationId, read.bookingId, new Date());
      // A guest's move the business must confirm is alerted by booking.awaiting_confirmation; any other guest move here.
      const alerts = (m.payload.by === 'guest' || m.payload.by === 'member') && m.payload.reconfirm !== true ? await staffMails(tx, m, read, 'rescheduled') : [];
      return sendAll(mailer, [guestMail(m, read, read.status === 'pending' ? 'rescheduledPending' : 'rescheduled', link, 'request'), ...alerts]);
    },
    'booking.awaiting_confirmation': async (m, tx) => {
      const read = await readBooking(tx, m.organizationId, String(m.payload.bookingId));
      if (!read) return undefined;
      return sendAll(mailer, await staffMails(tx, m, read, 'moved'));
    },
    [REMINDER_TOPIC]: async (m, tx) => {
      const read = await readBooking(tx, m.organizationId, String(m.payload.bookingId));
      // Cancelled or moved since the job queued it: the new start has a reminder of its own.
      if (!read || read.status !== 'confirmed' || new Date(read.facts.start).getTime() !== Date.parse(String(m.payload.startsAt))) return undefined;
      const link = await manageLinkIn(tx, m.organizationId, read.bookingId, new Date());
      return sendAll(mailer, [guestMail(m, read, 'reminder', link, null)]);
    },
    // The member the waitlist holds a time for (or whose hold expired): the hold's customer is them.
    'waitlist.offered': async (m, tx) => {
      const read = await readBooking(tx, m.organizationId, String(m.payload.bookingId));
      if (!read) return undefined;
      const portalUrl = `${env().BASE_URL}/dashboard/${read.org.slug}/book`;
      const rendered = waitlistMail('offered', mailLocale(read.org.locale), orgFacts(read.org), read.facts, { holdExpiresAt: String(m.payload.holdExpiresAt ?? ''), portalUrl });
      return sendAll(mailer, [mail(m, { email: read.facts.guestEmail, name: read.facts.guestName }, rendered, { catchOnly: read.org.isDemo })]);
    },
    'waitlist.hold_expired': async (m, tx) => {
      const read = await readBooking(tx, m.organizationId, String(m.payload.bookingId));
      if (!read) return undefined;
      const portalUrl = `${env().BASE_URL}/dashboard/${read.org.slug}/book`;
      const rendered = waitlistMail('expired', mailLocale(read.org.locale), orgFacts(read.org), read.facts, { holdExpiresAt: null, portalUrl });
      return sendAll(mailer, [mail(m, { email: read.facts.guestEmail, name: read.facts.guestName }, rendered, { catchOnly: read.org.isDemo })]);
    },
    'email.webhook_disabled': async (m, tx) => {
      const org = await readOrg(tx, m.organizationId);
      if (!org) return undefined;
      const p = m.payload as { url?: string; consecutiveFailures?: number; lastError?: string | null; disabledAt?: string };
      const rendered = webhookDisabledMail(mailLocale(org.locale), orgFacts(org), {
        url: String(p.url ?? ''),
        failures: Number(p.consecutiveFailures ?? 0),
        lastError: p.lastError ?? null,
        disabledAt: p.disabledAt ?? new Date().toISOString(),
        webhooksUrl: `${env().BASE_URL}/dashboard/${org.slug}/webhooks`,
      });
      const owners = await tx
        .select({ email: users.email, name: users.name })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(and(eq(members.organizationId, m.organizationId), eq(members.role, 'owner')));
      return sendAll(mailer, owners.map((o) => mail(m, o, rendered, { catchOnly: org.isDemo })));
    },
    'email.invitation': async (m, tx) => {
      const org = await readOrg(tx, m.organizationId);
      if (!org) return undefined;
      const p = m.payload as { to: string; organizationName?: string; role: string; invitedBy?: string; acceptUrl: string; expiresAt: string; locale?: string };
      const rendered = invitationMail(mailLocale(p.locale, org.locale), {
        orgName: org.name,
        inviter: p.invitedBy ?? org.name,
        role: p.role,
        acceptUrl: p.acceptUrl,
        expiresAt: p.expiresAt,
        timezone: org.timezone,
      });
      return sendAll(mailer, [mail(m, { email: p.to }, rendered, { catchOnly: org.isDemo })]);
    },
  };
}
