'use client';

import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ConflictAlternatives, takenAlternatives } from '@/app/_components/booking/conflict-alternatives';
import { checkAnswers, CustomFieldInputs, type DraftAnswer, type DraftAnswers, emptyAnswers, useProblemText } from '@/app/_components/booking/custom-fields';
import { api, call, sentence, type SuccessOf } from '@/app/_lib/api';
import { MARKUP_MESSAGE } from '@/lib/text';
import { type AlternativeDto, type PublicBookingInput, publicBookingInput } from '@/modules/bookings/schemas';
import type { PublicResource, PublicService } from '@/modules/catalog/schemas';
import type { PublicProfile } from '@/modules/organizations/schemas';
import type { SlotDto } from '@/modules/scheduling/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';
import { cx } from '@/ui/class-names';
import { TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { formatDateTime, formatRange } from '../_lib/format';
import { AddToCalendar } from '@/app/_components/booking/add-to-calendar';
import { BookingSummary, calendarEventOf, fieldTextsOf } from './booking-summary';
import { SlotTakenNotice, type TakenSelection } from './live-slots';
import { PriceQuote } from './price-quote';
import { PackageTerms } from './party/package-terms';
import { addonChoices, durationAddons, initialChoice, type PartyChoice } from './party/party-choice';
import { PartyOptions } from './party/party-options';
import { PartySummary } from './party/party-summary';
import { type AssetsT, capacityText, maintenanceText as maintenanceNotice, stayTimesText } from './resource-facts';
import { SlotPicker, useVisitorClock, useVisitorZone } from './slot-picker';
import { FormChallengeStatus, useChallengeRefusal, useFormChallenge } from './form-challenge';
import { useFunnelSteps } from './use-funnel-steps';

/** What the site's client components know of the organization. */
export type SiteOrg = Pick<PublicProfile, 'slug' | 'name' | 'timezone' | 'currency'> & {
  /** The organization asks its public forms for a solved challenge (form-challenge.tsx). */
  publicFormChallenge?: boolean;
};

/** What the booking flow needs of a service (a subset of the public service, so less crosses to the browser). */
export type BookableService = Pick<
  PublicService,
  | 'id'
  | 'slug'
  | 'name'
  | 'bookingMode'
  | 'durationMinutes'
  | 'maxAdvanceDays'
  | 'capacity'
  | 'requiresConfirmation'
  | 'priceMinor'
  | 'priceFrom'
  | 'currency'
  | 'customFields'
  | 'cancellationNoticeMinutes'
  | 'package'
  | 'addons'
> & { resources: Pick<PublicResource, 'id' | 'name' | 'kind' | 'description' | 'photos' | 'capacity' | 'checkInTime' | 'checkOutTime' | 'maintenance'>[] };

const createBooking = api.public.orgs[':slug'].bookings.$post;
type Created = SuccessOf<Awaited<ReturnType<typeof createBooking>>>;

type Outcome =
  | { type: 'conflict'; taken: SlotDto; alternatives: AlternativeDto[] }
  | { type: 'rule'; message: string }
  | { type: 'retryable'; message: string }
  | { type: 'error'; message: string };

interface Attempt {
  slot: SlotDto;
  resourceId: string | null;
}

type Done = Created;

/** What the visitor types besides the service's own questions, kept as typed. */
interface Contact {
  name: string;
  email: string;
  phone: string;
  message: string;
  seats: string;
}

const CONTACT_PATHS = ['customer.name', 'customer.email', 'customer.phone', 'message', 'seats'];
const RULES_WITH_OTHER_TIMES = ['min_notice', 'max_advance', 'not_offered', 'maintenance'];

/** `details` of a 422 for a time inside a maintenance window (bookings/alternatives.ts). */
interface MaintenanceDetails {
  resourceId?: string;
  resourceName?: string;
  blackout?: { reason?: string | null; translations?: Partial<Record<string, { reason?: string }>>; until?: string };
}

/** A random Idempotency-Key; getRandomValues works on plain-HTTP installs too, unlike randomUUID. */
function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `bkl-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The public booking flow: resource, date and time (or stay dates), details, submit. The details
 * are checked with the server's own schemas (the public booking request, the customer contact
 * and the service's `fieldAnswersSchema`), problems keyed by the API's paths so a 400 lands on
 * the same inputs. One Idempotency-Key per distinct request, kept while the same request is
 * retried, so a double click or a retry after a dropped connection cannot book twice.
 */
export function BookingFlow({
  org,
  service,
  priceLabel,
  signedIn,
}: {
  org: SiteOrg;
  service: BookableService;
  priceLabel: string;
  /** A signed-in visitor (a club member, a returning customer): their name and email start filled in. */
  signedIn?: { name: string; email: string } | null;
}) {
  const t = useTranslations('booking');
  const problemText = useProblemText();
  const locale = useLocale();
  const visitorZone = useVisitorZone();
  useVisitorClock();
  const stays = service.bookingMode === 'multi_day';
  const idPrefix = 'book';

  const [resourceId, setResourceId] = useState<string | null>(null);
  const [slot, setSlot] = useState<SlotDto | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [contact, setContact] = useState<Contact>({ name: signedIn?.name ?? '', email: signedIn?.email ?? '', phone: '', message: '', seats: '1' });
  const [answers, setAnswers] = useState<DraftAnswers>(() => emptyAnswers(service.customFields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A package's guests and the add-ons taken: they price the booking and may lengthen it.
  const [party, setParty] = useState<PartyChoice>(() => initialChoice(service.package));
  // What the server said is left of an add-on when it refused a booking (409 addon_sold_out): newer than the page's count.
  const [addonLeft, setAddonLeft] = useState<Record<string, number>>({});
  const shownAddons = service.addons.map((a) => (a.id in addonLeft ? { ...a, left: addonLeft[a.id]! } : a));
  const partyPriced = service.package !== null || service.addons.length > 0;
  const longerBy = durationAddons(party, service.addons);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const [done, setDone] = useState<Done | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Live: the chosen time was taken by another visitor before this one sent (issue #13).
  const [taken, setTaken] = useState<TakenSelection | null>(null);
  const tLive = useTranslations('live.slotTaken');
  const tPortal = useTranslations('portalPage');
  const tParty = useTranslations('party');
  const tAssets = useTranslations('assets') as unknown as AssetsT;

  // The organization's proof-of-work challenge, solved while the visitor fills the form.
  const challenge = useFormChallenge(org.slug, !!org.publicFormChallenge);
  const challengeRefusal = useChallengeRefusal();
  const busy = useRef(false);
  const attempt = useRef<{ fingerprint: string; key: string } | null>(null);
  const lastAttempt = useRef<Attempt | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useFunnelSteps(org.slug, service.id, slot !== null);

  const resourceName = (id: string) => service.resources.find((r) => r.id === id)?.name;
  const orgZone = org.timezone;
  const zone = stays ? orgZone : (visitorZone ?? orgZone);
  const showResourceChoice = service.resources.length > 1;

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  /** A notice period in words: whole days, else whole hours, else minutes. */
  function noticeText(minutes: number): string {
    if (minutes % 1440 === 0) return t('noticeDays', { count: minutes / 1440 });
    if (minutes % 60 === 0) return t('noticeHours', { count: minutes / 60 });
    return t('noticeMinutes', { count: minutes });
  }

  function fieldId(path: string): string {
    return `${idPrefix}-${path.replace(/\./g, '-')}`;
  }

  function focusFirstError(paths: string[]) {
    const order = [...CONTACT_PATHS.slice(0, 3), ...service.customFields.map((f) => `fields.${f.key}`), 'seats', 'message'];
    const first = order.find((p) => paths.some((q) => q === p || q.startsWith(`${p}.`))) ?? paths[0];
    if (!first) return;
    const path = paths.find((q) => q === first || q.startsWith(`${first}.`)) ?? first;
    // An address is a group of inputs: its own problem goes to its first part.
    requestAnimationFrame(() => (document.getElementById(fieldId(path)) ?? document.getElementById(fieldId(`${path}.street`)))?.focus());
  }

  function setValue(key: keyof Contact, value: string) {
    setContact((v) => ({ ...v, [key]: value }));
  }

  function setAnswer(key: string, value: DraftAnswer) {
    setAnswers((v) => ({ ...v, [key]: value }));
  }

  function chooseSlot(next: SlotDto) {
    setTaken(null);
    setSlot(next);
    setDetailsOpen(true);
    setOutcome(null);
    setAnnouncement(t('slotChosen', { time: describe(next) }));
  }

  /** New guests or add-ons; add-ons that change the length make the chosen time one to pick again. */
  function changeParty(next: PartyChoice) {
    const longer = durationAddons(next, service.addons);
    setParty(next);
    if (longer !== longerBy && slot) {
      setSlot(null);
      setTaken(null);
      setAnnouncement(tParty('slotCleared'));
    }
  }

  function chooseResource(id: string | null) {
    setResourceId(id);
    setSlot(null);
    setTaken(null);
  }

  function selectedTaken(next: TakenSelection) {
    if (busy.current) return; // the answer to the request being sent says it (a 409 with alternatives)
    setSlot(null);
    setTaken(next);
    setAnnouncement(tLive('announce', { time: describe(next.slot) }));
  }

  function describe(s: Pick<SlotDto, 'start' | 'end'>): string {
    return stays ? formatRange(s.start, s.end, locale, orgZone) : formatRange(s.start, s.end, locale, zone);
  }

  function keyFor(payload: unknown): string {
    const fingerprint = JSON.stringify(payload);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { fingerprint, key: newIdempotencyKey() };
    return attempt.current.key;
  }

  /** A problem the request's schema found, said in the visitor's language. */
  function issueText(path: string, issue: z.core.$ZodIssue, maxSeats: number): string {
    if (path === 'seats') return t('errSeats', { max: maxSeats });
    const typed = path === 'customer.name' ? contact.name : path === 'customer.email' ? contact.email : path === 'customer.phone' ? contact.phone : null;
    if (typed !== null && typed.trim() === '') return t('errRequired');
    if (issue.code === 'too_big') return t('errMaxLength', { max: Number(issue.maximum) });
    if (issue.message === MARKUP_MESSAGE) return t('errMarkup');
    if (path === 'customer.email') return t('errEmail');
    if (path === 'customer.phone') return t('errPhone');
    return sentence(issue.message);
  }

  /** The request as the API takes it, or the problems by API path — the server's own rules. */
  function check(chosen: Attempt, maxSeats: number | null): { ok: true; body: PublicBookingInput } | { ok: false; errors: Record<string, string> } {
    const found: Record<string, string> = {};
    const checked = checkAnswers(service.customFields, answers);
    if (!checked.ok) for (const [path, problem] of Object.entries(checked.problems)) found[path] = problemText(problem);
    const phone = contact.phone.trim();
    const body: PublicBookingInput = {
      serviceId: service.id,
      start: chosen.slot.start,
      ...(stays ? { end: chosen.slot.end } : {}),
      ...(chosen.resourceId ? { resourceId: chosen.resourceId } : {}),
      customer: { name: contact.name.trim(), email: contact.email.trim(), ...(phone ? { phone } : {}) },
      fields: checked.ok ? checked.answers : {},
      message: contact.message.trim(),
      // The guest's emails come in the language they booked in.
      locale: locale === 'es' ? 'es' : 'en',
      ...(maxSeats !== null ? { seats: contact.seats.trim() === '' ? Number.NaN : Number(contact.seats) } : {}),
      ...(service.addons.length > 0 ? { addons: addonChoices(party) } : {}),
      ...(service.package ? { children: party.children, adults: party.adults } : {}),
    };
    const parsed = publicBookingInput.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        found[path] ??= issueText(path, issue, maxSeats ?? 1);
      }
    }
    // The seats left at this time come from the availability answer, not from the schema.
    if (maxSeats !== null && !found.seats && Number(contact.seats) > maxSeats) found.seats = t('errSeats', { max: maxSeats });
    return Object.keys(found).length > 0 ? { ok: false, errors: found } : { ok: true, body };
  }

  async function submit(request?: Attempt) {
    if (busy.current) return;
    const chosen = request ?? (slot ? { slot, resourceId } : null);
    if (!chosen) {
      setOutcome({ type: 'error', message: t(stays ? 'chooseStayFirst' : 'chooseTimeFirst') });
      return;
    }
    const checked = check(chosen, service.capacity > 1 ? Math.min(service.capacity, chosen.slot.remaining || service.capacity) : null);
    if (!checked.ok) {
      const paths = Object.keys(checked.errors);
      setErrors(checked.errors);
      setAnnouncement(t('errSummary', { count: paths.length }));
      focusFirstError(paths);
      return;
    }
    setErrors({});
    const payload = checked.body;
    const key = keyFor(payload);
    lastAttempt.current = chosen;
    busy.current = true;
    setSubmitting(true);
    setOutcome(null);
    setAnnouncement(t(service.requiresConfirmation ? 'sendingRequest' : 'booking'));
    const result = await call(createBooking({ param: { slug: org.slug }, header: { 'idempotency-key': key }, json: payload }, { headers: await challenge.headers() }));
    busy.current = false;
    setSubmitting(false);

    if (result.ok) {
      attempt.current = null;
      setDone(result.data); // focus moves to its heading
      setAnnouncement('');
      // The confirmation gets its own address: the manage link (a reload or a bookmark opens the
      // booking instead of an empty form). Same origin, so the history entry is replaced in place.
      const manage = new URL(result.data.manageUrl, window.location.href);
      if (manage.origin === window.location.origin) window.history.replaceState(null, '', `${manage.pathname}${manage.search}`);
      // A package's deposit is paid on its order's page: the parent goes there (back returns to the booking).
      if (result.data.deposit) {
        const pay = new URL(result.data.deposit.statusUrl, window.location.href);
        window.location.assign(`${pay.pathname}${pay.search}`);
      }
      return;
    }
    const alternatives = takenAlternatives(result);
    if (alternatives) {
      setSlot(null);
      setReloadToken((n) => n + 1);
      setOutcome({ type: 'conflict', taken: chosen.slot, alternatives }); // focus moves to it
      setAnnouncement('');
      return;
    }
    // An add-on ran out meanwhile: say which and how many are left, show the new count; everything typed stays.
    const soldOut = result.status === 409 ? (result.error.details as { reason?: unknown; addonId?: unknown; left?: unknown } | undefined) : undefined;
    if (soldOut?.reason === 'addon_sold_out' && typeof soldOut.addonId === 'string' && typeof soldOut.left === 'number') {
      const { addonId, left } = soldOut;
      setAddonLeft((prev) => ({ ...prev, [addonId]: left }));
      const name = service.addons.find((a) => a.id === addonId)?.name ?? '';
      setOutcome({ type: 'error', message: tParty('addons.soldOutError', { name, left }) });
      setAnnouncement('');
      return;
    }
    if (result.status === 400) {
      const known = Object.entries(result.fields).filter(([path]) => CONTACT_PATHS.includes(path) || path.startsWith('fields.'));
      if (known.length > 0) {
        // The shape checks have translated messages; anything else keeps the server's words.
        const translated: Record<string, string> = { 'customer.email': t('errEmail'), 'customer.phone': t('errPhone') };
        // The name is plain text: say so in the visitor's language rather than the API's.
        if (result.fields['customer.name'] === MARKUP_MESSAGE) translated['customer.name'] = t('errMarkup');
        setErrors(Object.fromEntries(known.map(([p, m]) => [p, translated[p] ?? sentence(m)])));
        setAnnouncement(t('errSummary', { count: known.length }));
        focusFirstError(known.map(([p]) => p));
        return;
      }
      setOutcome({ type: 'error', message: result.error.message });
      setAnnouncement('');
      return;
    }
    if (result.status === 422) {
      const rule = (result.error.details as { rule?: unknown } | undefined)?.rule;
      const message =
        rule === 'min_notice'
          ? t('ruleMinNotice')
          : rule === 'max_advance'
            ? t('ruleMaxAdvance')
            : rule === 'not_offered'
              ? t('ruleNotOffered')
              : rule === 'maintenance'
                ? maintenanceText(result.error.details as MaintenanceDetails)
                : result.error.message;
      if (typeof rule === 'string' && RULES_WITH_OTHER_TIMES.includes(rule)) {
        setSlot(null);
        setReloadToken((n) => n + 1);
      }
      setOutcome({ type: 'rule', message });
      setAnnouncement('');
      return;
    }
    if (result.status === 0 || result.status >= 500) {
      const message = result.status === 0 ? t('networkError') : t('serverError');
      setOutcome({ type: 'retryable', message });
      setAnnouncement('');
      return;
    }
    const refused = challengeRefusal(result);
    if (refused) {
      setOutcome({ type: 'retryable', message: refused });
      setAnnouncement('');
      return;
    }
    // Members-only organizations refuse guests (their page shows no form; a stale one might).
    const members = result.status === 403 && (result.error.details as { reason?: unknown } | undefined)?.reason === 'members_only';
    setOutcome({ type: 'error', message: members ? tPortal('result.membersOnly', { organization: org.name }) : result.error.message });
    setAnnouncement('');
  }

  /** "Casa Pedasí is in maintenance until …: reason", in the visitor's language where the business translated the reason. */
  function maintenanceText(details: MaintenanceDetails): string {
    const blocked = details.blackout;
    if (!blocked?.until) return t('ruleNotOffered');
    const name = (details.resourceId ? resourceName(details.resourceId) : undefined) ?? details.resourceName ?? '';
    const reason = blocked.translations?.[locale]?.reason?.trim() || blocked.reason?.trim() || '';
    const until = formatDateTime(blocked.until, locale, orgZone);
    return reason ? t('ruleMaintenance', { name, until, reason }) : t('ruleMaintenanceNoReason', { name, until });
  }

  /** An alternative names the resource it would be booked on (the chosen one when free then): book that one. */
  function chooseAlternative(alt: AlternativeDto) {
    const next: SlotDto = { start: alt.start, end: alt.end, resourceIds: alt.resourceIds, remaining: alt.remaining };
    if (resourceId !== null) setResourceId(alt.resourceId);
    setSlot(next);
    void submit({ slot: next, resourceId: alt.resourceId });
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void submit();
  }

  if (done) {
    const pending = done.booking.status === 'pending';
    return (
      <div>
        <LiveRegion className="sr-only">{announcement}</LiveRegion>
        <div className="flex items-start gap-3">
          <span aria-hidden="true" className={cx('mt-0.5 grid size-8 shrink-0 place-items-center rounded-full', pending ? 'bg-amber-100 text-amber-800' : 'bg-emerald-100 text-emerald-800')}>
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
              <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
            </svg>
          </span>
          <div>
            <h3 ref={doneRef} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
              {pending ? t('pendingTitle') : t('confirmedTitle')}
            </h3>
            <p className="mt-1 text-slate-700">{pending ? t('pendingBody', { org: org.name, email: contact.email.trim() }) : t('confirmedBody', { email: contact.email.trim() })}</p>
          </div>
        </div>
        <div className="mt-6 rounded-md border border-slate-200 p-4">
          <BookingSummary
            booking={{ ...done.booking, serviceName: service.name, resourceName: resourceName(done.booking.resourceId) ?? done.booking.resourceName }}
            visitorZone={visitorZone ?? orgZone}
            stays={stays}
            showResource
            priceFrom={service.priceFrom}
            {...fieldTextsOf(service.customFields)}
            extra={
              <>
                <dt className="font-medium text-slate-900">{t('summaryStatus')}</dt>
                <dd className="text-slate-700">{pending ? t('statusPending') : t('statusConfirmed')}</dd>
              </>
            }
          />
        </div>
        <div className="mt-4">
          <AddToCalendar event={calendarEventOf(done.booking, service.name, org.name, done.manageUrl, org.timezone)} fileName={`${org.slug}-booking.ics`} />
        </div>
        <div className="mt-6 rounded-md border border-indigo-200 bg-indigo-50 p-4">
          <h4 className="text-sm font-semibold text-indigo-950">{t('manageHeading')}</h4>
          <p className="mt-1 text-sm text-indigo-950">
            {Date.parse(done.booking.start) - service.cancellationNoticeMinutes * 60_000 <= Date.now()
              ? t('manageBodyClosed', { notice: noticeText(service.cancellationNoticeMinutes), org: org.name })
              : t('manageBody')}
          </p>
          <a href={done.manageUrl} className={buttonClasses({ className: 'mt-3' })}>
            {t('manageLink')}
          </a>
        </div>
        <p className="mt-6 text-sm">
          <a href={`/${org.slug}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
            {t('bookAnother', { org: org.name })}
          </a>
        </p>
      </div>
    );
  }

  const maxSeats = service.capacity > 1 ? Math.min(service.capacity, slot?.remaining || service.capacity) : null;
  const typedSeats = Number(contact.seats.trim() || Number.NaN);
  const seatsForQuote = maxSeats === null ? 1 : Number.isInteger(typedSeats) && typedSeats >= 1 && typedSeats <= maxSeats ? typedSeats : null;

  return (
    <div className="space-y-8">
      <LiveRegion className="sr-only">{announcement}</LiveRegion>

      {showResourceChoice ? (
        <fieldset>
          <legend className="text-base font-semibold text-slate-900">{service.resources.every((r) => r.kind === 'staff') ? t('whoStaff') : t('whoOther')}</legend>
          <div className="mt-3 grid gap-2 sm:grid-cols-2">
            <ResourceOption
              id={`${idPrefix}-resource-any`}
              name={t('anyAvailable')}
              description={service.resources.every((r) => r.kind === 'staff') ? t('anyAvailableHint') : t('anyAvailableHintOther')}
              checked={resourceId === null}
              onChange={() => chooseResource(null)}
            />
            {service.resources.map((r) => (
              <ResourceOption
                key={r.id}
                id={`${idPrefix}-resource-${r.id}`}
                name={r.name}
                description={[r.description, capacityText(tAssets, r), stayTimesText(tAssets, r, locale), maintenanceNotice(tAssets, r, locale, orgZone)].filter(Boolean).join(' · ')}
                checked={resourceId === r.id}
                onChange={() => chooseResource(r.id)}
              />
            ))}
          </div>
        </fieldset>
      ) : service.resources.length === 1 ? (
        // Its facts (photos, capacity, maintenance) are on the service page's card just above.
        <p className="text-sm text-slate-700">{t('withOnly', { name: service.resources[0]!.name })}</p>
      ) : null}

      <section aria-labelledby={`${idPrefix}-policy`} className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
        <h3 id={`${idPrefix}-policy`} className="font-semibold text-slate-900">
          {t('policyTitle')}
        </h3>
        <p className="mt-1">{service.cancellationNoticeMinutes > 0 ? t('policyNotice', { notice: noticeText(service.cancellationNoticeMinutes) }) : t('policyUntilStart')}</p>
      </section>

      {service.package ? <PackageTerms pkg={service.package} currency={service.currency} headingId={`${idPrefix}-terms`} /> : null}

      {partyPriced ? (
        <section aria-labelledby={`${idPrefix}-party`}>
          <h3 id={`${idPrefix}-party`} className="sr-only">
            {tParty(service.package ? 'stepParty' : 'stepAddons')}
          </h3>
          <PartyOptions
            idPrefix={idPrefix}
            pkg={service.package}
            addons={shownAddons}
            currency={service.currency}
            value={party}
            onChange={changeParty}
            seats={Number.isInteger(Number(contact.seats)) && Number(contact.seats) > 0 ? Number(contact.seats) : 1}
          />
        </section>
      ) : null}

      <section aria-labelledby={`${idPrefix}-when`}>
        <h3 id={`${idPrefix}-when`} className="mb-3 text-base font-semibold text-slate-900">
          {stays ? t('stepStay') : t('stepWhen')}
        </h3>
        <SlotPicker
          idPrefix={idPrefix}
          orgSlug={org.slug}
          orgTimezone={orgZone}
          serviceId={service.id}
          bookingMode={service.bookingMode}
          maxAdvanceDays={service.maxAdvanceDays}
          resourceId={resourceId}
          reloadToken={reloadToken}
          addons={longerBy}
          selected={slot}
          onSelect={chooseSlot}
          resourceName={resourceName}
          onSelectedTaken={selectedTaken}
        />
      </section>

      {taken && outcome?.type !== 'conflict' ? (
        <SlotTakenNotice
          taken={taken}
          takenLabel={describe(taken.slot)}
          zone={zone}
          stays={stays}
          chosenResourceId={resourceId}
          onChoose={(next, onResource) => {
            if (resourceId !== null) setResourceId(onResource);
            chooseSlot(next);
          }}
        />
      ) : null}

      {outcome?.type === 'conflict' ? (
        <ConflictAlternatives
          headingRef={outcomeRef}
          alternatives={outcome.alternatives}
          takenLabel={describe(outcome.taken)}
          zone={zone}
          stays={stays}
          chosenResourceId={resourceId}
          disabled={submitting}
          onChoose={chooseAlternative}
        />
      ) : null}

      {detailsOpen ? (
        <form noValidate onSubmit={onSubmit} aria-labelledby={`${idPrefix}-details`} className="space-y-5">
          <h3 id={`${idPrefix}-details`} className="text-base font-semibold text-slate-900">
            {t('stepDetails')}
          </h3>

          <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset">
            {slot ? (
              <>
                <p>
                  <span className="font-medium">{t('yourChoice')}</span> <span className="first-letter:uppercase">{describe(slot)}</span>
                  {!stays && visitorZone && visitorZone !== orgZone ? (
                    <span className="block text-slate-600">{t('businessTime', { time: formatRange(slot.start, slot.end, locale, orgZone), zone: orgZone })}</span>
                  ) : null}
                </p>
                {resourceId ? <p className="mt-0.5">{t('withName', { name: resourceName(resourceId) ?? '' })}</p> : null}
                {partyPriced ? (
                  <PartySummary
                    orgSlug={org.slug}
                    orgZone={orgZone}
                    serviceId={service.id}
                    serviceName={service.name}
                    pkg={service.package}
                    addons={service.addons}
                    slot={slot}
                    resourceId={resourceId}
                    choice={party}
                    seats={seatsForQuote}
                    zone={zone}
                  />
                ) : (
                  <PriceQuote orgSlug={org.slug} service={service} slot={slot} resourceId={resourceId} seats={seatsForQuote} fallback={priceLabel} />
                )}
              </>
            ) : (
              <p>{t(stays ? 'chooseStayFirst' : 'chooseTimeFirst')}</p>
            )}
          </div>

          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id={fieldId('customer.name')}
              label={t('name')}
              autoComplete="name"
              value={contact.name}
              onChange={(e) => setValue('name', e.target.value)}
              error={errors['customer.name']}
              aria-required="true"
            />
            <TextField
              id={fieldId('customer.email')}
              type="email"
              label={t('email')}
              autoComplete="email"
              inputMode="email"
              value={contact.email}
              onChange={(e) => setValue('email', e.target.value)}
              error={errors['customer.email']}
              aria-required="true"
            />
            <TextField
              id={fieldId('customer.phone')}
              type="tel"
              label={t('optionalLabel', { label: t('phone') })}
              autoComplete="tel"
              value={contact.phone}
              onChange={(e) => setValue('phone', e.target.value)}
              error={errors['customer.phone']}
            />
            {maxSeats !== null ? (
              <TextField
                id={fieldId('seats')}
                type="number"
                inputMode="numeric"
                min={1}
                max={maxSeats}
                step={1}
                label={t('seats')}
                hint={t('seatsHint', { max: maxSeats })}
                value={contact.seats}
                onChange={(e) => setValue('seats', e.target.value)}
                error={errors.seats}
              />
            ) : null}
          </div>

          <CustomFieldInputs fields={service.customFields} values={answers} errors={errors} onChange={setAnswer} idPrefix={idPrefix} />

          <TextareaField
            id={fieldId('message')}
            label={t('optionalLabel', { label: t('message') })}
            hint={t('messageHint')}
            value={contact.message}
            onChange={(e) => setValue('message', e.target.value)}
            error={errors.message}
          />

          {outcome && outcome.type !== 'conflict' ? (
            <div ref={outcomeRef} tabIndex={-1} className="focus:outline-none">
              <Alert tone="error" title={outcome.type === 'retryable' ? t('notCompletedTitle') : undefined}>
                <p>{outcome.message}</p>
                {outcome.type === 'retryable' && lastAttempt.current ? (
                  <Button variant="secondary" size="sm" className="mt-2" loading={submitting} onClick={() => void submit(lastAttempt.current ?? undefined)}>
                    {t('retry')}
                  </Button>
                ) : null}
              </Alert>
            </div>
          ) : null}

          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" loading={submitting} loadingText={t(service.requiresConfirmation ? 'sendingRequest' : 'booking')}>
              {t(service.requiresConfirmation ? 'submitRequest' : 'submitBook')}
            </Button>
            {service.requiresConfirmation ? <p className="text-sm text-slate-600">{t('requestNote', { org: org.name })}</p> : null}
          </div>
          <FormChallengeStatus challenge={challenge} />
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t(stays ? 'chooseStayFirst' : 'chooseTimeFirst')}</p>
      )}
    </div>
  );
}

function ResourceOption({ id, name, description, checked, onChange }: { id: string; name: string; description: string; checked: boolean; onChange: () => void }) {
  return (
    <label
      htmlFor={id}
      className={cx(
        'flex cursor-pointer gap-3 rounded-md border p-3 transition-colors has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-indigo-600',
        checked ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-white hover:border-indigo-400',
      )}
    >
      <input
        id={id}
        type="radio"
        name="booking-resource"
        checked={checked}
        onChange={onChange}
        aria-describedby={description ? `${id}-description` : undefined}
        className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus:outline-none"
      />
      <span className="min-w-0">
        <span className="block text-sm font-medium text-slate-900">{name}</span>
        {description ? (
          // Hidden from the accessible name (the radio's name is the resource's name); read as its description.
          <span id={`${id}-description`} aria-hidden="true" className="mt-0.5 block text-sm text-slate-600">
            {description}
          </span>
        ) : null}
      </span>
    </label>
  );
}
