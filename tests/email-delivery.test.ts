/**
 * Email (#12.1): the outbox worker sends booking and invitation emails over SMTP to a real SMTP
 * server on loopback (smtp-server), and what arrives is parsed back independently (mailparser,
 * ical.js): headers, both parts, the manage link, the .ics with its time zone across a DST
 * change. An unreachable server delays and retries, never loses the message, never fails the
 * booking; after the last try the message is a dead letter. Two deliverers running at once send
 * each message once. Without SMTP_URL, and always for example.com addresses and demo
 * organizations, mail goes to the built-in catcher.
 */
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailMessages, organizations, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { parseEnv } from '@/lib/env';
import { deliverOutbox, OUTBOX_MAX_ATTEMPTS } from '@/modules/kernel';
import { createMailer, createOutboxHandlers, type Mailer, transportNotice } from '@/modules/notifications';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup } from './support/scheduling';
import { closedPort, startSmtp } from './support/smtp';

const NOW = '2026-03-01T12:00:00Z';
const FROM = 'Bookline Test <bookings@bookline.test>';
const silent = pino({ level: 'silent' });

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock(NOW) });
  smtp = await startSmtp();
  mailer = createMailer(h.database.db, { smtpUrl: smtp.url, from: FROM, timeoutMs: 3000 });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await h.close();
});

const guestAddress = () => `guest-${Math.random().toString(36).slice(2, 8)}@guests.bookline.test`;
const book = (org: TestOrg, body: Record<string, unknown>) => call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body });
/** Delivers this organization's due messages as of `at`. */
const deliver = (org: TestOrg, with_: Mailer = mailer, at = new Date(Date.now() + 60_000)) =>
  deliverOutbox(h.database.db, createOutboxHandlers(silent, with_), at, 1000, { organizationId: org.id });
const to = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));

function calendarOf(mail: ParsedMail) {
  const ics = mail.attachments.find((a) => a.contentType === 'text/calendar');
  expect(ics, 'an .ics attachment').toBeDefined();
  const text = ics!.content.toString('utf8');
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = root.getFirstSubcomponent('vevent')!;
  return { text, root, vevent, event: new ICAL.Event(vevent), filename: ics!.filename };
}

describe('booking emails over SMTP', () => {
  it('the guest gets a confirmation with both parts, the manage link and an .ics in the business zone across a DST change; the owner gets an alert', { timeout: 60_000 }, async () => {
    const org = await createOrg(h, undefined, { timezone: 'America/Chicago' });
    const { service } = await bookableSetup(h, org);
    const email = guestAddress();
    // Monday 9 March 2026: the day after clocks went forward in Chicago (CST −6 → CDT −5).
    const created = await book(org, { serviceId: service.id, start: '2026-03-09T10:00:00-05:00', customer: { name: 'Ana Ruiz', email } });
    expect(created.status).toBe(201);
    expect(await deliver(org)).toBeGreaterThanOrEqual(1);

    const [guestMail] = to(email);
    expect(guestMail, 'the guest email arrived').toBeDefined();
    const m = guestMail!.parsed;
    expect(m.from?.value[0]).toMatchObject({ name: 'Bookline Test', address: 'bookings@bookline.test' });
    expect(m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : null).toBe(email);
    expect(m.subject).toMatch(/^Booking confirmed: /);
    expect(m.messageId).toMatch(/^<[0-9a-f]{24}\.obx_/);
    expect(m.headers.get('auto-submitted')).toBe('auto-generated');
    expect(m.text).toContain('Hello Ana Ruiz,');
    expect(m.text).toContain(created.json.manageUrl);
    expect(m.html).toContain(`href="${created.json.manageUrl.replace(/&/g, '&amp;')}"`);
    expect(m.text).toMatch(/Monday, March 9, 2026, 10:00\sAM – 11:00\sAM CDT/);

    const cal = calendarOf(m);
    expect(cal.root.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cal.event.uid).toBe(`${created.json.booking.id}@bookline`);
    expect(cal.event.sequence).toBe(0);
    expect(cal.text).toContain('DTSTART;TZID=America/Chicago:20260309T100000');
    expect(cal.text).toContain('DTEND;TZID=America/Chicago:20260309T110000');
    expect(cal.event.startDate.zone?.tzid).toBe('America/Chicago');
    expect(cal.event.startDate.toJSDate().toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(cal.event.endDate.toJSDate().toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // The VTIMEZONE carries the change: 8 March 02:00 −0600 → −0500.
    expect(cal.text).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500/);

    const [alert] = to(org.owner.email);
    expect(alert, 'the owner was alerted').toBeDefined();
    expect(alert!.parsed.subject).toMatch(/^New booking: .*\(Ana Ruiz\)$/);
    expect(alert!.parsed.text).toContain(email);
    expect(alert!.parsed.text).toContain(`/dashboard/${org.slug}/bookings/${created.json.booking.id}`);
    expect(alert!.parsed.html).toBeTruthy();

    const rows = await h.database.db.select().from(outbox).where(eq(outbox.organizationId, org.id));
    expect(rows.find((r) => r.topic === 'booking.created')).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    // A booking the staff enter themselves: the guest hears of it, the owners get no alert.
    const walkIn = guestAddress();
    const staffMade = await call(h, `/api/v1/orgs/${org.slug}/bookings`, { cookie: org.owner.cookie, body: { serviceId: service.id, start: '2026-03-09T12:00:00-05:00', customer: { name: 'Walk In', email: walkIn } } });
    expect(staffMade.status, staffMade.text).toBe(201);
    await deliver(org);
    expect(to(walkIn)).toHaveLength(1);
    expect(to(org.owner.email)).toHaveLength(1);

    // A guest who booked in Spanish gets their emails in Spanish, this one and later ones; the
    // owners' alert stays in the organization's language.
    const hispanic = guestAddress();
    const es = await book(org, { serviceId: service.id, start: '2026-03-09T14:00:00-05:00', customer: { name: 'Pilar', email: hispanic }, locale: 'es' });
    expect(es.status, es.text).toBe(201);
    await deliver(org);
    expect(to(hispanic)[0]!.parsed.subject).toMatch(/^Reserva confirmada: /);
    expect(to(org.owner.email).at(-1)!.parsed.subject).toMatch(/^New booking: /);
    expect((await call(h, `/api/v1/orgs/${org.slug}/bookings/${es.json.booking.id}/cancel`, { cookie: org.owner.cookie, body: { reason: 'Cerramos' } })).status).toBe(200);
    await deliver(org);
    expect(to(hispanic).at(-1)!.parsed.subject).toMatch(/^Reserva cancelada: /);
    expect((await book(org, { serviceId: service.id, start: '2026-03-09T15:00:00-05:00', customer: { name: 'X', email: guestAddress() }, locale: 'fr' })).status).toBe(400);
  });

  it('a pending request, its rescheduling (SEQUENCE 1) and its cancellation (METHOD:CANCEL, with the reason), in Spanish for a Spanish business', { timeout: 60_000 }, async () => {
    const org = await createOrg(h, undefined, { timezone: 'Europe/Madrid', locale: 'es' });
    const { service } = await bookableSetup(h, org, { service: { requiresConfirmation: true } });
    const email = guestAddress();
    // Monday 30 March 2026: the day after clocks went forward in Madrid (CET +1 → CEST +2).
    const created = await book(org, { serviceId: service.id, start: '2026-03-30T10:00:00+02:00', customer: { name: 'Lucía', email } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.booking.status).toBe('pending');
    await deliver(org);
    const received = to(email)[0]!.parsed;
    expect(received.subject).toMatch(/^Solicitud de reserva recibida: /);
    expect(received.text).toContain('Hola, Lucía:');
    expect(calendarOf(received).vevent.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(to(org.owner.email)[0]!.parsed.subject).toMatch(/^Nueva solicitud de reserva: /);

    const base = `/api/v1/orgs/${org.slug}/bookings/${created.json.booking.id}`;
    expect((await call(h, `${base}/reschedule`, { cookie: org.owner.cookie, body: { start: '2026-03-31T12:00:00+02:00' } })).status).toBe(200);
    await deliver(org);
    const moved = to(email).at(-1)!.parsed;
    expect(moved.subject).toMatch(/^Reserva cambiada: /);
    const movedCal = calendarOf(moved);
    expect(movedCal.root.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(movedCal.event.sequence).toBe(1);
    expect(movedCal.text).toContain('DTSTART;TZID=Europe/Madrid:20260331T120000');
    expect(movedCal.event.startDate.toJSDate().toISOString()).toBe('2026-03-31T10:00:00.000Z');

    expect((await call(h, `${base}/cancel`, { cookie: org.owner.cookie, body: { reason: 'Cerrado por obras' } })).status).toBe(200);
    await deliver(org);
    const cancelled = to(email).at(-1)!.parsed;
    expect(cancelled.subject).toMatch(/^Reserva cancelada: /);
    expect(cancelled.text).toContain('Motivo: Cerrado por obras');
    const cancelCal = calendarOf(cancelled);
    expect(cancelCal.root.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelCal.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelCal.event.uid).toBe(`${created.json.booking.id}@bookline`);
    expect(cancelCal.event.sequence).toBe(2);
  });

  it('an invitation email carries the accept link', { timeout: 30_000 }, async () => {
    const org = await createOrg(h);
    const invitee = guestAddress();
    const invited = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: invitee, role: 'staff' } });
    expect(invited.status).toBe(201);
    await deliver(org);
    const m = to(invitee)[0]!.parsed;
    expect(m.subject).toContain(`invited you to ${org.name}`);
    expect(m.text).toContain(invited.json.acceptUrl);
    expect(m.html).toContain('Accept the invitation');
  });
});

describe('delivery when the mail server is down', () => {
  it('retries later with backoff, keeps the message, never fails the booking; a dead letter after the last try', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const email = guestAddress();
    const down = createMailer(h.database.db, { smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from: FROM, timeoutMs: 2000 });
    const created = await book(org, { serviceId: service.id, start: '2026-03-10T10:00:00-05:00', customer: { name: 'Bo', email } });
    expect(created.status).toBe(201);

    const first = new Date('2026-03-01T12:01:00Z');
    await deliver(org, down, first);
    const [afterFail] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'booking.created')));
    expect(afterFail).toMatchObject({ status: 'pending', attempts: 1 });
    expect(afterFail!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(afterFail!.availableAt.getTime()).toBeGreaterThan(first.getTime());
    // Not due again until the backoff has passed.
    expect(await deliver(org, mailer, first)).toBe(0);
    expect(to(email)).toHaveLength(0);
    const booking = await call(h, `/api/v1/orgs/${org.slug}/bookings/${created.json.booking.id}`, { cookie: org.owner.cookie });
    expect(booking.json.status).toBe('confirmed');

    // The server is back: the next try after the backoff sends it.
    await deliver(org, mailer, new Date(first.getTime() + 3600_000));
    expect(to(email)).toHaveLength(1);
    const [afterSend] = await h.database.db.select().from(outbox).where(eq(outbox.id, afterFail!.id));
    expect(afterSend).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

    // A message that never gets through ends as 'failed' after OUTBOX_MAX_ATTEMPTS tries.
    const invited = await call(h, `/api/v1/orgs/${org.slug}/invitations`, { cookie: org.owner.cookie, body: { email: guestAddress(), role: 'viewer' } });
    expect(invited.status).toBe(201);
    let at = new Date(Date.now() + 60_000);
    for (let i = 0; i < OUTBOX_MAX_ATTEMPTS; i++) {
      await deliver(org, down, at);
      at = new Date(at.getTime() + 2 * 3600_000);
    }
    const [dead] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, org.id), eq(outbox.topic, 'email.invitation')));
    expect(dead).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS });
    expect(dead!.lastError).toBeTruthy();
    expect(await deliver(org, mailer, new Date(at.getTime() + 86_400_000))).toBe(0);
    down.close();
  });

  it('two deliverers running at once send each message once', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org, { staff: 3 });
    const emails: string[] = [];
    for (let i = 0; i < 6; i++) {
      const email = guestAddress();
      emails.push(email);
      const res = await book(org, { serviceId: service.id, start: `2026-03-1${i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 2}T1${Math.floor(i / 3)}:00:00-05:00`, customer: { name: `G${i}`, email } });
      expect(res.status).toBe(201);
    }
    const other = createMailer(h.database.db, { smtpUrl: smtp.url, from: FROM });
    const at = new Date(Date.now() + 60_000);
    const [a, b] = await Promise.all([deliver(org, mailer, at), deliver(org, other, at)]);
    expect(a + b).toBe(6);
    for (const email of emails) expect(to(email), email).toHaveLength(1);
    const ids = smtp.received.filter((m) => emails.some((e) => m.envelopeTo.includes(e))).map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(6);
    other.close();
  });
});

describe('the mail catcher', () => {
  it('keeps every message when no SMTP_URL is set, with its raw source and attachment list', { timeout: 30_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const email = guestAddress();
    const catcher = createMailer(h.database.db, { from: FROM });
    expect(catcher.mode).toBe('catcher');
    const created = await book(org, { serviceId: service.id, start: '2026-03-11T10:00:00-05:00', customer: { name: 'Cy', email } });
    await deliver(org, catcher);
    const caught = await h.database.db.select().from(mailMessages).where(eq(mailMessages.organizationId, org.id));
    const guest = caught.find((c) => c.to.includes(email))!;
    expect(guest).toMatchObject({ topic: 'booking.created', from: FROM, attachments: [expect.objectContaining({ filename: 'booking.ics', contentType: expect.stringContaining('text/calendar') })] });
    expect(caught.some((c) => c.to.includes(org.owner.email))).toBe(true);
    const parsed = await simpleParser(guest.raw);
    expect(parsed.subject).toBe(guest.subject);
    expect(parsed.text).toContain(created.json.manageUrl);
    expect(parsed.attachments).toHaveLength(1);
    expect(to(email)).toHaveLength(0);
  });

  it('example.com guests and demo organizations never reach the SMTP server', { timeout: 30_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const docs = `guest-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await book(org, { serviceId: service.id, start: '2026-03-12T10:00:00-05:00', customer: { name: 'Doc', email: docs } });
    await deliver(org);
    expect(to(docs)).toHaveLength(0);
    expect(to(org.owner.email)).toHaveLength(1);
    expect((await h.database.db.select().from(mailMessages).where(eq(mailMessages.organizationId, org.id))).map((m) => m.to)).toEqual([`Doc <${docs}>`]);

    const demo = await createOrg(h);
    await h.database.db.update(organizations).set({ isDemo: true }).where(eq(organizations.id, demo.id));
    const setup = await bookableSetup(h, demo);
    const real = guestAddress();
    await book(demo, { serviceId: setup.service.id, start: '2026-03-12T10:00:00-05:00', customer: { name: 'Real', email: real } });
    await deliver(demo);
    expect(to(real)).toHaveLength(0);
    expect(to(demo.owner.email)).toHaveLength(0);
    expect(await h.database.db.select().from(mailMessages).where(eq(mailMessages.organizationId, demo.id))).toHaveLength(2);
  });
});

describe('the mail page API', () => {
  it('owners read the caught messages and the delivery states (dead letters with their error); a viewer may not, unless the organization is a demo', { timeout: 60_000 }, async () => {
    const org = await createOrg(h);
    const { service } = await bookableSetup(h, org);
    const viewer = await addMember(h, org, 'viewer');
    const catcher = createMailer(h.database.db, { from: FROM });
    const email = guestAddress();
    await book(org, { serviceId: service.id, start: '2026-03-13T10:00:00-05:00', customer: { name: 'Page Reader', email } });
    await deliver(org, catcher);
    const base = `/api/v1/orgs/${org.slug}`;

    const list = await call(h, `${base}/mail?pageSize=1`, { cookie: org.owner.cookie });
    expect(list.status).toBe(200);
    expect(list.json.pagination).toMatchObject({ total: 3, pageSize: 1, hasMore: true }); // guest, owner alert, viewer's invitation
    const all = await call(h, `${base}/mail`, { cookie: org.owner.cookie });
    const confirmation = all.json.data.find((m: { to: string }) => m.to.includes(email));
    expect(confirmation).toMatchObject({ topic: 'booking.created', subject: expect.stringMatching(/^Booking confirmed/), attachments: [expect.objectContaining({ filename: 'booking.ics' })] });
    const one = await call(h, `${base}/mail/${confirmation.id}`, { cookie: org.owner.cookie });
    expect(one.status).toBe(200);
    expect(one.json.raw).toContain('Content-Type: text/calendar');
    expect(one.json.html).toContain('<h1');
    expect(one.json.text).toContain('Hello Page Reader,');

    expect((await call(h, `${base}/mail`, { cookie: viewer.cookie })).status).toBe(403);
    expect((await call(h, `${base}/mail/${confirmation.id}`, { cookie: viewer.cookie })).status).toBe(403);
    const other = await createOrg(h);
    expect((await call(h, `/api/v1/orgs/${other.slug}/mail/${confirmation.id}`, { cookie: other.owner.cookie })).status).toBe(404);
    expect((await call(h, `${base}/mail/not-an-id`, { cookie: org.owner.cookie })).status).toBe(400);

    // A message that cannot be delivered shows as retrying, then failed, with its last error.
    const down = createMailer(h.database.db, { smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from: FROM, timeoutMs: 2000 });
    await call(h, `${base}/invitations`, { cookie: org.owner.cookie, body: { email: guestAddress(), role: 'staff' } });
    expect((await call(h, `${base}/mail-deliveries?state=pending`, { cookie: org.owner.cookie })).json.data).toHaveLength(1);
    let at = new Date(Date.now() + 60_000);
    await deliver(org, down, at);
    const retrying = await call(h, `${base}/mail-deliveries`, { cookie: org.owner.cookie });
    expect(retrying.json.data).toEqual([expect.objectContaining({ topic: 'email.invitation', state: 'retrying', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i), nextAttemptAt: expect.any(String) })]);
    for (let i = 1; i < OUTBOX_MAX_ATTEMPTS; i++) {
      at = new Date(at.getTime() + 2 * 3600_000);
      await deliver(org, down, at);
    }
    const failed = await call(h, `${base}/mail-deliveries?state=failed`, { cookie: org.owner.cookie });
    expect(failed.json.data).toEqual([expect.objectContaining({ state: 'failed', attempts: OUTBOX_MAX_ATTEMPTS, nextAttemptAt: null })]);
    expect((await call(h, `${base}/mail-deliveries?state=sent`, { cookie: org.owner.cookie })).json.pagination.total).toBe(2);
    expect((await call(h, `${base}/mail-deliveries?state=lost`, { cookie: org.owner.cookie })).status).toBe(400);
    down.close();

    // In a demo organization every member reads the mail (the demo accounts show what guests get).
    await h.database.db.update(organizations).set({ isDemo: true }).where(eq(organizations.id, org.id));
    const demoRead = await call(h, `${base}/mail`, { cookie: viewer.cookie });
    expect(demoRead.status, demoRead.text).toBe(200);
  });
});

describe('configuration', () => {
  it('an invalid SMTP_URL or MAIL_FROM stops the start with a message naming it; production without SMTP_URL warns', () => {
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => parseEnv({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(transportNotice({ NODE_ENV: 'production' })).toEqual({ level: 'warn', message: expect.stringMatching(/^SMTP_URL is not set: no email leaves this server/) });
    expect(transportNotice({ NODE_ENV: 'development' }).level).toBe('info');
    expect(transportNotice({ NODE_ENV: 'production', SMTP_URL: 'smtp://u:secret@mail.example.org:587' }).message).not.toContain('secret');
    expect(parseEnv({ SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Shop <shop@example.org>' })).toMatchObject({ SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'Shop <shop@example.org>' });
  });
});
