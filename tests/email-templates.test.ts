/**
 * The emails' words (#12.1): each kind in English and Spanish, a plain-text and an HTML part,
 * the organization's contact details, and every value escaped in the HTML.
 */
import { describe, expect, it } from 'vitest';
import { guestBookingMail, invitationMail, mailLocale, staffBookingMail } from '@/modules/notifications/templates';

const org = { name: 'Tom & Jerry <Salon>', timezone: 'America/Chicago', contact: { phone: '+1 210 555 0100', email: 'hi@salon.test', address: { line1: '1 Main St', city: 'San Antonio' } } };
const booking = { start: '2026-03-09T15:00:00Z', end: '2026-03-09T16:00:00Z', serviceName: 'Cut <b>', resourceName: 'Alex', guestName: 'Ana "A" Ruiz', guestEmail: 'ana@guests.test', reason: 'Closed <today>' };
const link = 'https://book.test/s/bookings/manage?token=abc&x=1';

describe('email templates', () => {
  it('every guest kind has both parts in both languages, with the organization’s contact line', () => {
    const kinds = ['received', 'confirmed', 'rejected', 'cancelled', 'rescheduled', 'rescheduledPending', 'reminder'] as const;
    for (const locale of ['en', 'es'] as const) {
      const subjects = new Set<string>();
      for (const kind of kinds) {
        const m = guestBookingMail(kind, locale, org, booking, link);
        subjects.add(m.subject);
        expect(m.text, `${locale} ${kind}`).toContain('+1 210 555 0100 · hi@salon.test · 1 Main St, San Antonio');
        expect(m.html).toContain('Tom &amp; Jerry &lt;Salon&gt;');
        expect(m.html).not.toMatch(/<b>|<Salon>|<today>/);
        if (kind === 'rejected' || kind === 'cancelled') expect(m.text).not.toContain(link);
        else {
          expect(m.text).toContain(link);
          expect(m.html).toContain(`href="${link.replace('&', '&amp;')}"`);
        }
      }
      // A move that needs the business's confirmation again says so in the body, same subject.
      expect(subjects.size).toBe(kinds.length - 1);
      expect(guestBookingMail('rescheduledPending', locale, org, booking, link).text).not.toBe(guestBookingMail('rescheduled', locale, org, booking, link).text);
    }
    expect(guestBookingMail('reminder', 'en', org, booking, link).subject).toMatch(/^Reminder: Cut <b> on Mar 9, 2026, 10:00\sAM$/);
    expect(guestBookingMail('reminder', 'es', org, booking, link).subject).toMatch(/^Recordatorio: Cut <b> el 9 mar 2026/);
    expect(guestBookingMail('cancelled', 'es', org, booking, null).text).toContain('Motivo: Closed <today>');
    expect(guestBookingMail('cancelled', 'es', org, booking, null).html).toContain('Closed &lt;today&gt;');
  });

  it('staff alerts and invitations', () => {
    const alert = staffBookingMail('newPending', 'en', org, booking, 'https://book.test/dashboard/s/bookings/bkg_1');
    expect(alert.subject).toMatch(/^New booking request: Cut <b> on Mar 9, 2026, 10:00\sAM \(Ana "A" Ruiz\)$/);
    expect(alert.text).toContain('Guest: Ana "A" Ruiz <ana@guests.test>');
    expect(alert.html).toContain('Ana &quot;A&quot; Ruiz &lt;ana@guests.test&gt;');
    const invite = invitationMail('es', { orgName: 'Salón', inviter: 'Eva', role: 'admin', acceptUrl: 'https://book.test/invitations/accept?token=t', expiresAt: '2026-03-16T12:00:00Z', timezone: 'Europe/Madrid' });
    expect(invite.subject).toBe('Eva te ha invitado a Salón en Bookline');
    expect(invite.text).toContain('como administrador');
    expect(invite.text).toContain('https://book.test/invitations/accept?token=t');
  });

  it('picks the language: a supported one first, English otherwise', () => {
    expect(mailLocale(undefined, 'es-PA')).toBe('es');
    expect(mailLocale('fr', 'es')).toBe('es');
    expect(mailLocale('de')).toBe('en');
  });
});
