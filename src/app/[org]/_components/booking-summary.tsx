'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { CalendarEvent } from '@/app/_lib/calendar-event';
import { addressAnswer, answerText } from '@/app/_lib/field-answers';
import { dateInZone, daysBetween, formatDateTime, formatMoney, formatRange } from '../_lib/format';
import type { ManagedBookingDto } from '@/modules/bookings/schemas';
import type { CustomFieldDto } from '@/modules/catalog/schemas';

/**
 * What was booked: the time in the visitor's zone and, when it differs, the business's; the
 * resource (the one assigned when the guest chose "any"); seats; the price (a stay's total for
 * its nights); the answers given.
 */
/** The labels BookingSummary shows for a service's questions and their options, in the language the service was read in. */
export function fieldTextsOf(fields: readonly CustomFieldDto[]) {
  return {
    fieldLabels: Object.fromEntries(fields.map((f) => [f.key, f.label])),
    optionLabels: Object.fromEntries(fields.flatMap((f) => (f.options && f.optionLabels ? [[f.key, Object.fromEntries(f.options.map((o, i) => [o, f.optionLabels![i] ?? o]))]] : []))),
  };
}

export function BookingSummary({
  booking,
  visitorZone,
  stays,
  showResource,
  priceFrom,
  fieldLabels,
  optionLabels,
  extra,
}: {
  /** A booking as the public answers present it (times ISO 8601, in the organization's zone). */
  booking: ManagedBookingDto['booking'];
  visitorZone: string;
  stays: boolean;
  showResource: boolean;
  priceFrom?: boolean;
  /** The service's field labels by key, when known. */
  fieldLabels?: Record<string, string>;
  /** By key, what to show for each option value (the service's options in the visitor's language). */
  optionLabels?: Record<string, Record<string, string>>;
  extra?: ReactNode;
}) {
  const t = useTranslations('booking');
  const locale = useLocale();
  const orgZone = booking.timezone;
  const price = formatMoney(booking.priceMinor, booking.currency, locale);
  const fieldEntries = Object.entries(booking.fields ?? {});

  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
      {booking.serviceName ? <Row term={t('summaryService')}>{booking.serviceName}</Row> : null}
      {stays ? (
        <>
          <Row term={t('summaryCheckIn')}>{formatDateTime(booking.start, locale, orgZone)}</Row>
          <Row term={t('summaryCheckOut')}>{formatDateTime(booking.end, locale, orgZone)}</Row>
          <Row term={t('summaryZone')}>{t('zoneStay', { zone: orgZone })}</Row>
          <Row term={t('summaryNights')}>{t('nights', { count: Math.max(1, daysBetween(dateInZone(booking.start, orgZone), dateInZone(booking.end, orgZone))) })}</Row>
        </>
      ) : (
        <Row term={t('summaryWhen')}>
          <span className="block first-letter:uppercase">{formatRange(booking.start, booking.end, locale, visitorZone)}</span>
          {visitorZone !== orgZone ? (
            <span className="mt-0.5 block text-slate-600">
              {t('yourZone', { zone: visitorZone })} · {t('businessTime', { time: formatRange(booking.start, booking.end, locale, orgZone), zone: orgZone })}
            </span>
          ) : null}
        </Row>
      )}
      {showResource && booking.resourceName ? <Row term={t('summaryWith')}>{booking.resourceName}</Row> : null}
      {booking.seats > 1 ? <Row term={t('summarySeats')}>{booking.seats}</Row> : null}
      <Row term={stays ? t('summaryTotal') : t('summaryPrice')}>
        {priceFrom ? (
          <>
            {t('priceFrom', { price })}
            <span className="block text-slate-600">{t('priceFromNote')}</span>
          </>
        ) : (
          price
        )}
      </Row>
      {fieldEntries.map(([key, value]) => (
        <Row key={key} term={fieldLabels?.[key] ?? humanize(key)}>
          {(typeof value === 'string' ? optionLabels?.[key]?.[value] : undefined) ?? answerText(value, { yes: t('yes'), no: t('no') })}
        </Row>
      ))}
      {booking.message ? (
        <Row term={t('summaryMessage')}>
          <span className="whitespace-pre-line">{booking.message}</span>
        </Row>
      ) : null}
      {extra}
    </dl>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-900">{term}</dt>
      <dd className="text-slate-700">{children}</dd>
    </>
  );
}

/** Answers are stored by key; without the service's labels, "vehicle_type" reads "Vehicle type". */
function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The booking as a calendar event; its place is the address the guest gave, if any. */
export function calendarEventOf(booking: ManagedBookingDto['booking'], serviceName: string, orgName: string, link: string, timezone?: string): CalendarEvent {
  const location = addressAnswer(booking.fields);
  return {
    uid: `${booking.id}@bookline`,
    title: `${booking.serviceName ?? serviceName} · ${orgName}`,
    start: booking.start,
    end: booking.end,
    // In the business's zone (with its VTIMEZONE), as the emails' attachments are.
    ...(timezone ? { timezone } : {}),
    description: link,
    ...(location ? { location } : {}),
  };
}
