'use client';

import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Alert } from '@/ui/alert';
import { Badge, type BadgeTone } from '@/ui/badge';
import { Button, buttonClasses } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { TextareaField } from '@/ui/textarea-field';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';
import { ConflictAlternatives, takenAlternatives } from '@/app/_components/booking/conflict-alternatives';
import { api, call, sentence } from '@/app/_lib/api';
import { isLocale } from '@/i18n/locales';
import { type AlternativeDto, type BookingDto, cancelInput, type ManagedBookingDto, manageTokenSchema } from '@/modules/bookings/schemas';
import type { PublicService } from '@/modules/catalog/schemas';
import type { SlotDto } from '@/modules/scheduling/schemas';
import { dateInZone, formatDate, formatDateTime, formatRange, formatTime } from '../_lib/format';
import type { SiteOrg } from './booking-flow';
import { AddToCalendar } from '@/app/_components/booking/add-to-calendar';
import { BookingSummary, calendarEventOf, fieldTextsOf } from './booking-summary';
import { ReviewSection } from './review-form';
import { PartyDetails } from '@/app/_components/booking/party-details';
import { hasPartyFacts } from '@/app/_components/booking/party-facts';
import { PackageTerms } from './party/package-terms';
import { addonQuery } from './party/party-choice';
import { SlotPicker, useVisitorClock, useVisitorZone } from './slot-picker';

type Load =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'expired' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: ManagedBookingDto };

/** What the page needs of the booked service: its names and labels in the visitor's language, its price wording, how it is booked. */
type ServiceInfo = Pick<PublicService, 'id' | 'name' | 'resources' | 'bookingMode' | 'maxAdvanceDays' | 'priceFrom' | 'customFields' | 'package'>;

const statusTone: Record<BookingDto['status'], BadgeTone> = {
  pending: 'warning',
  confirmed: 'success',
  in_progress: 'brand',
  completed: 'neutral',
  cancelled: 'danger',
  rejected: 'danger',
  no_show: 'neutral',
  held: 'warning',
};

/** The guest's page behind the manage link: see the booking, cancel it or move it while the service allows. */
export function ManageBooking({
  org,
  token,
  contact,
  initial,
}: {
  org: SiteOrg;
  token: string;
  contact?: { email?: string; phone?: string };
  /** What the page already read for this token: the booking, or that its link expired. */
  initial?: ManagedBookingDto | 'expired';
}) {
  const t = useTranslations('manage');
  const tb = useTranslations('booking');
  const locale = useLocale();
  const visitorZone = useVisitorZone();
  useVisitorClock();
  // The server's rule for a manage token: anything else cannot be a booking.
  const validToken = manageTokenSchema.safeParse(token).success;
  const [load, setLoad] = useState<Load>(
    initial === 'expired' ? { status: 'expired' } : initial ? { status: 'ready', data: initial } : validToken ? { status: 'loading' } : { status: 'not-found' },
  );
  const [service, setService] = useState<ServiceInfo | null | 'missing'>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mode, setMode] = useState<'view' | 'cancel' | 'reschedule'>('view');
  const noticeRef = useRef<HTMLDivElement>(null);

  const fetchBooking = useCallback(async () => {
    if (!validToken) return;
    const res = await call(api.public.bookings[':token'].$get({ param: { token } }));
    if (res.ok) {
      // A link names its organization in the path: a token of another one is not found here.
      setLoad(res.data.organization.slug === org.slug ? { status: 'ready', data: res.data } : { status: 'not-found' });
    } else if (res.status === 410) {
      // A replaced link, or one past its expiry (the server's GONE, details.reason 'link_expired').
      setLoad({ status: 'expired' });
    } else if (res.status === 404 || res.status === 400) {
      setLoad({ status: 'not-found' });
    } else {
      setLoad({ status: 'error', message: res.status === 0 ? tb('networkError') : res.status >= 500 ? tb('serverError') : res.error.message });
    }
  }, [validToken, token, org.slug, tb]);

  // Read here only when the page did not (later reads follow a cancel or a move).
  const readOnOpen = !initial;
  useEffect(() => {
    if (readOnOpen) void fetchBooking();
  }, [fetchBooking, readOnOpen]);

  const booking = load.status === 'ready' ? load.data.booking : null;
  const serviceId = booking?.serviceId;
  useEffect(() => {
    if (!serviceId) return;
    let live = true;
    void call(api.public.orgs[':slug'].services[':idOrSlug'].$get({ param: { slug: org.slug, idOrSlug: serviceId }, query: { lang: isLocale(locale) ? locale : undefined } })).then((res) => {
      if (live) setService(res.ok ? res.data : 'missing');
    });
    return () => {
      live = false;
    };
  }, [serviceId, org.slug, locale]);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  function finished(message: string) {
    setMode('view');
    setNotice(message); // focus moves to it: no live-region copy, it would be read twice
    void fetchBooking();
  }

  if (load.status === 'not-found') {
    return (
      <EmptyState
        title={t('notFoundTitle')}
        description={t('notFoundBody', { org: org.name })}
        action={
          <a href={`/${org.slug}`} className={buttonClasses({ variant: 'secondary' })}>
            {t('backToSite', { org: org.name })}
          </a>
        }
      />
    );
  }
  if (load.status === 'expired') {
    return (
      <EmptyState
        title={t('expiredTitle')}
        description={t('expiredBody', { org: org.name })}
        action={
          <a href={`/${org.slug}`} className={buttonClasses({ variant: 'secondary' })}>
            {t('backToSite', { org: org.name })}
          </a>
        }
      />
    );
  }
  if (load.status === 'error') {
    return (
      <Alert tone="error" title={t('loadError')} role="alert">
        <p>{load.message}</p>
        <Button
          variant="secondary"
          size="sm"
          className="mt-2"
          onClick={() => {
            setLoad({ status: 'loading' });
            void fetchBooking();
          }}
        >
          {tb('retry')}
        </Button>
      </Alert>
    );
  }
  if (load.status === 'loading' || !visitorZone || !booking) {
    return (
      <LoadingRegion label={t('loading')}>
        <Card>
          <Skeleton className="h-6 w-40" />
          <div className="mt-5 space-y-3">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-4 w-full max-w-md" />
            ))}
          </div>
        </Card>
      </LoadingRegion>
    );
  }

  // The service as read in the visitor's language names it (the booking keeps the organization's wording).
  const shownService = service !== null && service !== 'missing' ? service : null;
  const localized = shownService
    ? { ...booking, serviceName: shownService.name, resourceName: shownService.resources.find((r) => r.id === booking.resourceId)?.name ?? booking.resourceName }
    : booking;

  const { canCancel, canReschedule, changeDeadline, linkExpiresAt } = load.data;
  const stays = service !== null && service !== 'missing' ? service.bookingMode === 'multi_day' : false;
  const open = booking.status === 'pending' || booking.status === 'confirmed';
  const deadlinePassed = open && !canCancel && !canReschedule;

  return (
    <div className="space-y-6">
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} className="focus:outline-none">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}

      <Card as="section" aria-labelledby="manage-status">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="manage-status" className="text-lg font-semibold text-slate-900">
            {t('statusHeading')}
          </h2>
          <Badge tone={statusTone[booking.status]} className="text-sm">
            {t(`status.${booking.status}`)}
          </Badge>
        </div>
        <p className="mt-2 text-sm text-slate-700">{t(`statusBody.${booking.status}`, { org: org.name })}</p>
        {booking.status === 'cancelled' && booking.cancellationReason ? (
          <p className="mt-1 text-sm text-slate-700">{t('cancelReasonShown', { reason: booking.cancellationReason })}</p>
        ) : null}
        <div className="mt-5 border-t border-slate-200 pt-5">
          <BookingSummary
            booking={localized}
            visitorZone={visitorZone}
            stays={stays}
            showResource
            priceFrom={service !== null && service !== 'missing' ? service.priceFrom : false}
            {...(shownService ? fieldTextsOf(shownService.customFields) : {})}
          />
        </div>
        {hasPartyFacts(booking) ? (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <PartyDetails
              booking={booking}
              zone={org.timezone}
              balanceDueAt={shownService?.package && shownService.package.balanceDueDays > 0 ? new Date(Date.parse(booking.start) - shownService.package.balanceDueDays * 86_400_000).toISOString() : null}
            />
          </div>
        ) : null}
        {shownService?.package ? (
          <div className="mt-4">
            <PackageTerms pkg={shownService.package} currency={booking.currency} headingId="manage-terms" />
          </div>
        ) : null}
        {booking.status === 'pending' || booking.status === 'confirmed' ? (
          <div className="mt-4">
            <AddToCalendar event={calendarEventOf(booking, localized.serviceName ?? '', org.name, typeof window === 'undefined' ? '' : window.location.href, org.timezone)} fileName={`${org.slug}-booking.ics`} />
          </div>
        ) : null}
        <div className="mt-5 border-t border-slate-200 pt-4 text-sm text-slate-700">
          {canCancel || canReschedule ? (
            <p>{t('deadline', { date: formatDateTime(changeDeadline, locale, visitorZone) })}</p>
          ) : deadlinePassed ? (
            <>
              <p>{t('deadlinePassed', { date: formatDateTime(changeDeadline, locale, visitorZone), org: org.name })}</p>
              <BusinessContact org={org.name} contact={contact} />
            </>
          ) : booking.status === 'cancelled' ? (
            <p>{t('alreadyCancelled', { org: org.name })}</p>
          ) : (
            <p>{t('notChangeable', { org: org.name })}</p>
          )}
          <p className="mt-1 text-slate-600">{t('linkExpires', { date: formatDate(dateInZone(linkExpiresAt, visitorZone), locale, { day: 'numeric', month: 'long', year: 'numeric' }) })}</p>
        </div>
        {mode === 'view' && (canCancel || canReschedule) ? (
          <div className="mt-4 flex flex-wrap gap-3">
            {canReschedule ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setNotice(null);
                  setMode('reschedule');
                }}
              >
                {t('rescheduleButton')}
              </Button>
            ) : null}
            {canCancel ? (
              <Button
                variant="danger"
                onClick={() => {
                  setNotice(null);
                  setMode('cancel');
                }}
              >
                {t('cancelButton')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </Card>

      {booking.status === 'completed' ? <ReviewSection token={token} orgName={org.name} challenge={{ slug: org.slug, enabled: !!org.publicFormChallenge }} /> : null}

      {mode === 'cancel' && canCancel ? <CancelForm token={token} onDone={() => finished(t('cancelled'))} onClose={() => setMode('view')} onStale={() => void fetchBooking()} /> : null}

      {mode === 'reschedule' && canReschedule ? (
        service === null ? (
          <LoadingRegion label={t('loading')}>
            <Card>
              <Skeleton className="h-6 w-48" />
              <Skeleton className="mt-4 h-64 w-full" />
            </Card>
          </LoadingRegion>
        ) : service === 'missing' ? (
          <Alert tone="warning">
            <p>{t('rescheduleUnavailable', { org: org.name })}</p>
            <Button variant="secondary" size="sm" className="mt-2" onClick={() => setMode('view')}>
              {t('close')}
            </Button>
          </Alert>
        ) : (
          <RescheduleForm
            token={token}
            org={org}
            service={service}
            resourceId={booking.resourceId}
            currentStart={booking.start}
            addons={addonQuery(booking.addons.flatMap((a) => (a.addonId && a.extraMinutes > 0 ? [{ addonId: a.addonId, quantity: a.quantity }] : [])))}
            visitorZone={visitorZone}
            onDone={(start, end) =>
              finished(
                t('rescheduled', {
                  time: service.bookingMode === 'multi_day' ? formatRange(start, end, locale, org.timezone) : formatRange(start, end, locale, visitorZone),
                }),
              )
            }
            onClose={() => setMode('view')}
            onStale={() => void fetchBooking()}
          />
        )
      ) : null}
    </div>
  );
}

function CancelForm({ token, onDone, onClose, onStale }: { token: string; onDone: () => void; onClose: () => void; onStale: () => void }) {
  const t = useTranslations('manage');
  const tb = useTranslations('booking');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    reasonRef.current?.focus();
  }, []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    // The server's own rule for a reason (required, bounded), said in the visitor's language.
    const checked = cancelInput.safeParse({ reason });
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      return fieldError(issue.code === 'too_small' ? t('errReasonRequired') : issue.code === 'too_big' ? tb('errMaxLength', { max: Number(issue.maximum) }) : sentence(issue.message));
    }
    setError(null);
    setFailure(null);
    setBusy(true);
    const res = await call(api.public.bookings[':token'].cancel.$post({ param: { token }, json: { reason: reason.trim() } }));
    setBusy(false);
    if (res.ok) return onDone();
    if (res.status === 400 && res.fields.reason) return fieldError(sentence(res.fields.reason));
    if (res.status === 409 || res.status === 422 || res.status === 404 || res.status === 410) onStale();
    setFailure(res.status === 0 ? tb('networkError') : res.status >= 500 ? tb('serverError') : res.error.message);
  }

  function fieldError(message: string) {
    setError(message);
    reasonRef.current?.focus();
  }

  return (
    <Card as="section" aria-labelledby="cancel-title">
      <h2 id="cancel-title" className="text-lg font-semibold text-slate-900">
        {t('cancelHeading')}
      </h2>
      <form noValidate onSubmit={onSubmit} className="mt-4 space-y-4">
        <TextareaField
          ref={reasonRef}
          id="cancel-reason"
          label={t('reasonLabel')}
          hint={t('reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={error}
          aria-required="true"
        />
        {failure ? (
          <Alert tone="error" role="alert">
            {failure}
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant="danger" loading={busy} loadingText={t('cancelling')}>
            {t('confirmCancel')}
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t('keepBooking')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function RescheduleForm({
  token,
  org,
  service,
  resourceId,
  currentStart,
  addons,
  visitorZone,
  onDone,
  onClose,
  onStale,
}: {
  token: string;
  org: SiteOrg;
  service: ServiceInfo;
  resourceId: string;
  currentStart: string;
  /** The booking's add-ons that lengthen it: a new time must fit the same length. */
  addons: string;
  visitorZone: string;
  onDone: (start: string, end: string) => void;
  onClose: () => void;
  onStale: () => void;
}) {
  const t = useTranslations('manage');
  const tb = useTranslations('booking');
  const locale = useLocale();
  const stays = service.bookingMode === 'multi_day';
  const zone = stays ? org.timezone : visitorZone;
  const [slot, setSlot] = useState<SlotDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ taken: Pick<SlotDto, 'start' | 'end'>; alternatives: AlternativeDto[] } | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const describe = (s: Pick<SlotDto, 'start' | 'end'>) => formatRange(s.start, s.end, locale, zone);

  async function move(target: Pick<SlotDto, 'start' | 'end'>) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const res = await call(api.public.bookings[':token'].reschedule.$post({ param: { token }, json: { start: target.start, ...(stays ? { end: target.end } : {}) } }));
    setBusy(false);
    if (res.ok) return onDone(target.start, target.end);
    const alternatives = takenAlternatives(res);
    if (alternatives) {
      // The booking keeps its resource: only the times it is free then can take it (the API
      // never offers the booking's own time).
      setConflict({ taken: target, alternatives: alternatives.filter((a) => a.resourceIds.includes(resourceId)) });
      setSlot(null);
      setReloadToken((n) => n + 1);
      return;
    }
    if (res.status === 409 || res.status === 410) onStale();
    if (res.status === 422) {
      setSlot(null);
      setReloadToken((n) => n + 1);
      if ((res.error.details as { rule?: unknown } | undefined)?.rule === 'cancellation_notice') onStale();
    }
    setFailure(res.status === 0 ? tb('networkError') : res.status >= 500 ? tb('serverError') : res.error.message);
  }

  return (
    <Card as="section" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
        {t('rescheduleHeading')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {t('currentTime', {
          time: stays
            ? formatDate(dateInZone(currentStart, org.timezone), locale)
            : `${formatDate(dateInZone(currentStart, visitorZone), locale)}, ${formatTime(currentStart, locale, visitorZone)}`,
        })}
      </p>
      <div className="mt-5">
        <SlotPicker
          idPrefix="reschedule"
          orgSlug={org.slug}
          orgTimezone={org.timezone}
          serviceId={service.id}
          bookingMode={service.bookingMode}
          maxAdvanceDays={service.maxAdvanceDays}
          resourceId={resourceId}
          reloadToken={reloadToken}
          startFrom={currentStart}
          addons={addons}
          selected={slot}
          onSelect={(s) => {
            setSlot(s);
            setFailure(null);
            setConflict(null);
          }}
        />
      </div>

      {conflict ? (
        <div className="mt-5">
          <ConflictAlternatives
            alternatives={conflict.alternatives}
            takenLabel={describe(conflict.taken)}
            zone={zone}
            stays={stays}
            chosenResourceId={resourceId}
            disabled={busy}
            onChoose={(alt) => {
              setSlot({ start: alt.start, end: alt.end, resourceIds: alt.resourceIds, remaining: alt.remaining });
              void move(alt);
            }}
          />
        </div>
      ) : null}

      {failure ? (
        <Alert tone="error" role="alert" className="mt-5">
          {failure}
        </Alert>
      ) : null}

      <div className="mt-5 border-t border-slate-200 pt-4">
        <p className="text-sm text-slate-800">
          {slot ? (
            <>
              <span className="font-medium">{t('newTime')}</span> <span className="first-letter:uppercase">{describe(slot)}</span>
            </>
          ) : (
            t('rescheduleChoose')
          )}
        </p>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button disabled={!slot} loading={busy} loadingText={t('rescheduling')} onClick={() => slot && void move(slot)}>
          {t('rescheduleConfirm')}
        </Button>
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          {t('keepTime')}
        </Button>
      </div>
    </Card>
  );
}

/** Where the page tells the guest to contact the business: its phone and email, as links. */
function BusinessContact({ org, contact }: { org: string; contact?: { email?: string; phone?: string } }) {
  const t = useTranslations('manage');
  if (!contact?.phone && !contact?.email) return null;
  return (
    <p className="mt-2">
      {t('contactBusiness', { org })}{' '}
      {contact.phone ? (
        <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
          <span className="sr-only">{t('phone')}: </span>
          {contact.phone}
        </a>
      ) : null}
      {contact.phone && contact.email ? ' · ' : null}
      {contact.email ? (
        <a href={`mailto:${contact.email}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
          <span className="sr-only">{t('email')}: </span>
          {contact.email}
        </a>
      ) : null}
    </p>
  );
}
