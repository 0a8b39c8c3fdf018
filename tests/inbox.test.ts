/**
 * The notification centre: the outbox turns booking events into each team member's
 * notifications (once, even when a delivery is retried), and each member reads, marks read and
 * chooses their emails for themself only.
 */
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mailMessages, notifications, outbox } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { newId } from '@/lib/ids';
import { recordNotifications } from '@/modules/inbox';
import { deliverOutbox } from '@/modules/kernel';
import { createMailer, createOutboxHandlers } from '@/modules/notifications';
import { withWebhookFanOut } from '@/modules/webhooks';
import { addMember, call, createOrg, type TestOrg } from './support/factories';
import { createHarness, type Harness } from './support/harness';
import { bookableSetup, guest } from './support/scheduling';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock: fixedClock('2026-06-01T12:00:00Z') });
});
afterAll(() => h.close());

const handlers = createOutboxHandlers(pino({ level: 'silent' }));
const deliver = (org: TestOrg) => deliverOutbox(h.database.db, handlers, new Date('2026-06-01T13:00:00Z'), 1000, { organizationId: org.id });
const v1 = (org: TestOrg) => `/api/v1/orgs/${org.slug}`;

async function team() {
  const org = await createOrg(h);
  const [admin, manager, staff, otherStaff, viewer, member] = [
    await addMember(h, org, 'admin'),
    await addMember(h, org, 'manager'),
    await addMember(h, org, 'staff'),
    await addMember(h, org, 'staff'),
    await addMember(h, org, 'viewer'),
    await addMember(h, org, 'member'),
  ];
  const { service, resources } = await bookableSetup(h, org, { resource: { userId: staff.id }, service: { requiresConfirmation: true, minNoticeMinutes: 0 } });
  return { org, admin, manager, staff, otherStaff, viewer, member, service, resource: resources[0]! };
}

async function guestBooks(org: TestOrg, serviceId: string, start = '2026-06-02T10:00:00-05:00') {
  const res = await call(h, `/api/v1/public/orgs/${org.slug}/bookings`, { body: { serviceId, start, customer: { ...guest(), name: 'Marta Inbox' } } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { booking: { id: string }; manageToken: string };
}

describe('notification centre', () => {
  it("a guest's request reaches the owner, admin, manager and the booked staff member — not other staff, viewers or club members", async () => {
    const t = await team();
    const { booking } = await guestBooks(t.org, t.service.id);
    await deliver(t.org);
    const inboxOf = async (cookie: string) => (await call(h, `${v1(t.org)}/notifications`, { cookie })).json;
    for (const who of [t.org.owner, t.admin, t.manager, t.staff]) {
      const inbox = await inboxOf(who.cookie);
      expect(inbox.unread, who.email).toBe(1);
      expect(inbox.data[0]).toMatchObject({ kind: 'booking.requested', entity: 'booking', entityId: booking.id, readAt: null, data: { customer: 'Marta Inbox', timezone: 'America/Chicago' } });
      expect((await call(h, `${v1(t.org)}/notifications/unread-count`, { cookie: who.cookie })).json).toEqual({ unread: 1 });
    }
    for (const who of [t.otherStaff, t.viewer, t.member]) expect((await inboxOf(who.cookie)).unread, who.email).toBe(0);
  });

  it('a retried delivery writes nothing twice; a cancellation and a move are notified too', async () => {
    const t = await team();
    const { booking, manageToken } = await guestBooks(t.org, t.service.id);
    const [message] = await h.database.db.select().from(outbox).where(and(eq(outbox.organizationId, t.org.id), eq(outbox.topic, 'booking.created')));
    const tenantMessage = { ...message!, organizationId: t.org.id };
    await h.database.db.transaction((tx) => recordNotifications(tx, tenantMessage, new Date()));
    await h.database.db.transaction((tx) => recordNotifications(tx, tenantMessage, new Date()));
    await deliver(t.org);
    const rows = await h.database.db.select().from(notifications).where(and(eq(notifications.organizationId, t.org.id), eq(notifications.userId, t.org.owner.id)));
    expect(rows).toHaveLength(1);

    expect((await call(h, `/api/v1/public/bookings/${manageToken}/reschedule`, { body: { start: '2026-06-03T11:00:00-05:00' } })).status).toBe(200);
    expect((await call(h, `${v1(t.org)}/bookings/${booking.id}/cancel`, { cookie: t.org.owner.cookie, body: { reason: 'Closed that day' } })).status).toBe(200);
    await deliver(t.org);
    const inbox = (await call(h, `${v1(t.org)}/notifications`, { cookie: t.admin.cookie })).json;
    expect(inbox.data.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['booking.requested', 'booking.rescheduled', 'booking.cancelled']));
  });

  it('marks one read and then all read, audited; another member’s or organization’s notification is a 404', async () => {
    const t = await team();
    await guestBooks(t.org, t.service.id, '2026-06-02T10:00:00-05:00');
    await guestBooks(t.org, t.service.id, '2026-06-02T11:00:00-05:00');
    await guestBooks(t.org, t.service.id, '2026-06-02T12:00:00-05:00');
    await deliver(t.org);
    const owner = t.org.owner.cookie;
    const page = (await call(h, `${v1(t.org)}/notifications?pageSize=2`, { cookie: owner })).json;
    expect(page).toMatchObject({ unread: 3, pagination: { total: 3, totalPages: 2, hasMore: true } });
    const first = page.data[0].id as string;

    // Not the admin's to read, and not visible from another organization.
    expect((await call(h, `${v1(t.org)}/notifications/${first}/read`, { cookie: t.admin.cookie, method: 'POST' })).status).toBe(404);
    const other = await createOrg(h, t.org.owner);
    expect((await call(h, `${v1(other)}/notifications/${first}/read`, { cookie: owner, method: 'POST' })).status).toBe(404);

    const read = await call(h, `${v1(t.org)}/notifications/${first}/read`, { cookie: owner, method: 'POST' });
    expect(read.status).toBe(200);
    expect(read.json.readAt).toBe('2026-06-01T12:00:00.000Z');
    // Again: nothing changes, nothing more is audited.
    expect((await call(h, `${v1(t.org)}/notifications/${first}/read`, { cookie: owner, method: 'POST' })).status).toBe(200);
    expect((await call(h, `${v1(t.org)}/notifications?unread=true`, { cookie: owner })).json.pagination.total).toBe(2);
    expect((await call(h, `${v1(t.org)}/notifications?unread=false`, { cookie: owner })).json.data.map((n: { id: string }) => n.id)).toEqual([first]);

    const all = await call(h, `${v1(t.org)}/notifications/read-all`, { cookie: owner, method: 'POST' });
    expect(all.json).toEqual({ marked: 2, unread: 0 });
    // The admin's own are untouched.
    expect((await call(h, `${v1(t.org)}/notifications/unread-count`, { cookie: t.admin.cookie })).json.unread).toBe(3);

    const audits = await h.database.db.select().from(auditLog).where(eq(auditLog.organizationId, t.org.id));
    expect(audits.filter((a) => a.action === 'notification.read')).toHaveLength(1);
    expect(audits.find((a) => a.action === 'notification.read_all')?.changes).toEqual({ after: { marked: 2 } });
  });

  it('email choices: defaults on, each member their own, bad input is a 400 naming the field', async () => {
    const t = await team();
    const path = `${v1(t.org)}/notification-settings`;
    expect((await call(h, path, { cookie: t.staff.cookie })).json).toEqual({ emailNewRequests: true, emailNewBookings: true, emailCancellations: true, emailReschedules: true });
    const saved = await call(h, path, { method: 'PATCH', cookie: t.staff.cookie, body: { emailCancellations: false } });
    expect(saved.json).toMatchObject({ emailCancellations: false, emailNewRequests: true });
    expect((await call(h, path, { cookie: t.staff.cookie })).json.emailCancellations).toBe(false);
    expect((await call(h, path, { cookie: t.admin.cookie })).json.emailCancellations).toBe(true);
    for (const body of [{ emailCancellations: 'no' }, { emailEverything: true }, {}]) {
      const res = await call(h, path, { method: 'PATCH', cookie: t.staff.cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION');
    }
    expect((await call(h, `${v1(t.org)}/notifications?page=0`, { cookie: t.staff.cookie })).status).toBe(400);
    expect((await call(h, `${v1(t.org)}/notifications?unread=maybe`, { cookie: t.staff.cookie })).status).toBe(400);
    expect((await call(h, `${v1(t.org)}/notifications/ntf_nope/read`, { cookie: t.staff.cookie, method: 'POST' })).status).toBe(400);
  });

  it("the server's handler chain (webhook fan-out, then notifications and email) does all three for one booking", async () => {
    const t = await team();
    const { booking } = await guestBooks(t.org, t.service.id);
    const catcher = createMailer(h.database.db, { from: 'Bookline <no-reply@bookline.test>' });
    const chain = withWebhookFanOut(createOutboxHandlers(pino({ level: 'silent' }), catcher));
    await deliverOutbox(h.database.db, chain, new Date('2026-06-01T13:00:00Z'), 1000, { organizationId: t.org.id });
    const mail = await h.database.db.select().from(mailMessages).where(eq(mailMessages.organizationId, t.org.id));
    // The guest's "request received" and the team's alert.
    expect(mail.length).toBeGreaterThanOrEqual(2);
    const rows = await h.database.db.select().from(notifications).where(and(eq(notifications.organizationId, t.org.id), eq(notifications.entityId, booking.id)));
    expect(rows.length).toBe(4);
  });

  it("a guest's cancellation and move alert the owners and admins by email, except those who turned that email off", async () => {
    const t = await team();
    const { manageToken } = await guestBooks(t.org, t.service.id);
    const second = await guestBooks(t.org, t.service.id, '2026-06-02T12:00:00-05:00');
    const catcher = createMailer(h.database.db, { from: 'Bookline <no-reply@bookline.test>' });
    const chain = createOutboxHandlers(pino({ level: 'silent' }), catcher);
    const deliverMail = () => deliverOutbox(h.database.db, chain, new Date('2026-06-01T13:00:00Z'), 1000, { organizationId: t.org.id });
    await deliverMail();
    expect((await call(h, `${v1(t.org)}/notification-settings`, { method: 'PATCH', cookie: t.org.owner.cookie, body: { emailCancellations: false } })).status).toBe(200);
    expect((await call(h, `/api/v1/public/bookings/${manageToken}/cancel`, { body: { reason: 'Sick' } })).status).toBe(200);
    expect((await call(h, `/api/v1/public/bookings/${second.manageToken}/reschedule`, { body: { start: '2026-06-03T12:00:00-05:00' } })).status).toBe(200);
    await deliverMail();
    const mail = await h.database.db.select().from(mailMessages).where(eq(mailMessages.organizationId, t.org.id));
    const to = (subject: RegExp) => mail.filter((m) => subject.test(m.subject)).map((m) => /<(.+)>/.exec(m.to)?.[1] ?? m.to).sort();
    expect(to(/^Cancelled: /)).toEqual([t.admin.email]);
    expect(to(/^Moved: /)).toEqual([t.admin.email, t.org.owner.email].sort());
  });

  it('a disabled webhook endpoint emails the owners and notifies owners and admins', async () => {
    const t = await team();
    await h.database.db.insert(outbox).values({
      id: newId('outbox'),
      organizationId: t.org.id,
      topic: 'email.webhook_disabled',
      payload: { endpointId: 'wep_x', url: 'https://hooks.example.com/in', consecutiveFailures: 20, lastError: 'HTTP 500', disabledAt: '2026-06-01T12:00:00.000Z' },
      createdAt: new Date('2026-06-01T12:00:00Z'),
      availableAt: new Date('2026-06-01T12:00:00Z'),
    });
    const catcher = createMailer(h.database.db, { from: 'Bookline <no-reply@bookline.test>' });
    await deliverOutbox(h.database.db, createOutboxHandlers(pino({ level: 'silent' }), catcher), new Date('2026-06-01T13:00:00Z'), 1000, { organizationId: t.org.id });
    // The team's invitations went out in the same delivery; the alert is the one about the webhook.
    const mail = (await h.database.db.select().from(mailMessages).where(eq(mailMessages.organizationId, t.org.id))).filter((m) => m.topic === 'email.webhook_disabled');
    expect(mail.map((m) => [m.subject, /<(.+)>/.exec(m.to)?.[1]])).toEqual([['Webhook endpoint disabled: https://hooks.example.com/in', t.org.owner.email]]);
    expect(mail[0]!.text).toContain('HTTP 500');
    for (const who of [t.org.owner, t.admin]) {
      const inbox = (await call(h, `${v1(t.org)}/notifications`, { cookie: who.cookie })).json;
      expect(inbox.data[0]).toMatchObject({ kind: 'webhook.disabled', entity: 'webhook_endpoint', entityId: 'wep_x', data: { url: 'https://hooks.example.com/in', failures: '20' } });
    }
    expect((await call(h, `${v1(t.org)}/notifications`, { cookie: t.manager.cookie })).json.unread).toBe(0);
  });
});
