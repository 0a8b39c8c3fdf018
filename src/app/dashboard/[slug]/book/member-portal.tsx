'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { formatRange } from '@/app/[org]/_lib/format';
import { PriceQuote } from '@/app/[org]/_components/price-quote';
import { SlotPicker, useVisitorClock, useVisitorZone } from '@/app/[org]/_components/slot-picker';
import { checkAnswers, CustomFieldInputs, type DraftAnswer, type DraftAnswers, emptyAnswers, useProblemText } from '@/app/_components/booking/custom-fields';
import { api, call, sentence, type SuccessOf } from '@/app/_lib/api';
import type { CheckResultDto, RuleResultDto } from '@/modules/rules/schemas';
import type { SlotDto } from '@/modules/scheduling/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge, type BadgeTone } from '@/ui/badge';
import { Button } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { TextareaField } from '@/ui/textarea-field';
import type { PortalAsset, PortalSection, PortalService } from './assets';
import { JoinWaitlist, type TakenRequest, WaitlistForTakenTime } from './waitlist';
import { type CreatedSeries, formatStart, isSkippedList, noRepeat, type RepeatDraft, RepeatFields, repeatRule, SeriesDone, SeriesRefused } from './repeat-fields';

const checkBooking = api.orgs[':slug'].bookings.check.$post;
const createBooking = api.orgs[':slug'].bookings.$post;
const createSeries = api.orgs[':slug'].bookings.series.$post;
type Created = SuccessOf<Awaited<ReturnType<typeof createBooking>>>;

interface Choice {
  asset: PortalAsset;
  service: PortalService;
}

type Check = { status: 'idle' } | { status: 'checking' } | { status: 'error'; message: string } | { status: 'done'; result: CheckResultDto };

type Outcome =
  | { type: 'denied'; message: string; rules: RuleResultDto[] }
  | { type: 'taken'; request: TakenRequest }
  | { type: 'error'; message: string }
  | { type: 'retryable'; message: string };

/** A random Idempotency-Key; getRandomValues works on plain-HTTP installs too, unlike randomUUID. */
function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `mbr-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function isRuleResult(value: unknown): value is RuleResultDto {
  return !!value && typeof value === 'object' && typeof (value as RuleResultDto).ruleId === 'string' && typeof (value as RuleResultDto).reason === 'string';
}

/**
 * The member's booking portal: assets by section, then a time or a stay on the availability
 * calendar, then the club's rules judged for that choice (POST …/bookings/check, again whenever
 * the choice changes; a stale answer never overwrites a newer one) with a "Why?" list of every
 * rule, then the request (POST …/bookings: the API takes the name and email from the account).
 * A refused request keeps the choice and the answers; a taken time refreshes the calendar.
 */
export function MemberPortal({ org, sections }: { org: { slug: string; name: string; timezone: string }; sections: PortalSection[] }) {
  const t = useTranslations('portalPage');
  const tb = useTranslations('booking');
  const problemText = useProblemText();
  const locale = useLocale();
  const lang: 'en' | 'es' = locale === 'es' ? 'es' : 'en';
  const router = useRouter();
  const visitorZone = useVisitorZone();
  useVisitorClock();

  const [choice, setChoice] = useState<Choice | null>(null);
  const [slot, setSlot] = useState<SlotDto | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [whyOpen, setWhyOpen] = useState<boolean | null>(null);
  const [answers, setAnswers] = useState<DraftAnswers>({});
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<Created | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Repeat (repeat-fields.tsx): a series instead of one booking.
  const tr = useTranslations('series');
  const [repeat, setRepeat] = useState<RepeatDraft>(noRepeat);
  const [seriesDone, setSeriesDone] = useState<CreatedSeries | null>(null);
  const [seriesRefused, setSeriesRefused] = useState<Parameters<typeof SeriesRefused>[0]['skipped'] | null>(null);

  const checkSeq = useRef(0);
  const busy = useRef(false);
  const attempt = useRef<{ fingerprint: string; key: string } | null>(null);
  const requestHeadingRef = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const focusRequest = useRef(false);

  const stays = choice?.service.bookingMode === 'multi_day';
  const zone = stays ? org.timezone : (visitorZone ?? org.timezone);
  const headers = { headers: { 'Accept-Language': lang } };

  useEffect(() => {
    if (focusRequest.current && choice) {
      focusRequest.current = false;
      requestHeadingRef.current?.focus();
    }
  }, [choice]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (done || seriesDone) doneRef.current?.focus();
  }, [done, seriesDone]);

  function describe(s: Pick<SlotDto, 'start' | 'end'>): string {
    return formatRange(s.start, s.end, locale, zone);
  }

  function choose(asset: PortalAsset, service: PortalService) {
    checkSeq.current += 1; // an answer for the previous choice is dropped
    focusRequest.current = true;
    setChoice({ asset, service });
    setSlot(null);
    setCheck({ status: 'idle' });
    setWhyOpen(null);
    setAnswers(emptyAnswers(service.customFields));
    setErrors({});
    setOutcome(null);
    setDone(null);
    setSeriesDone(null);
    setSeriesRefused(null);
    setRepeat(noRepeat);
  }

  async function runCheck(c: Choice, s: SlotDto) {
    const n = ++checkSeq.current;
    setCheck({ status: 'checking' });
    const res = await call(
      checkBooking(
        {
          param: { slug: org.slug },
          json: { serviceId: c.service.id, resourceId: c.asset.id, start: s.start, ...(c.service.bookingMode === 'multi_day' ? { end: s.end } : {}) },
        },
        headers,
      ),
    );
    if (n !== checkSeq.current) return; // the choice changed meanwhile
    if (!res.ok) {
      setCheck({ status: 'error', message: res.status === 0 ? t('result.network') : res.status >= 500 ? t('result.server') : res.error.message });
      return;
    }
    setCheck({ status: 'done', result: res.data });
    const verdict = res.data.available ? res.data.verdict : 'unavailable';
    setAnnouncement(t(`check.announce.${verdict}`));
  }

  function chooseSlot(next: SlotDto) {
    if (!choice) return;
    setSlot(next);
    setOutcome(null);
    setWhyOpen(null);
    void runCheck(choice, next);
  }

  function setAnswer(key: string, value: DraftAnswer) {
    setAnswers((v) => ({ ...v, [key]: value }));
  }

  function keyFor(payload: unknown): string {
    const fingerprint = JSON.stringify(payload);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { fingerprint, key: newIdempotencyKey() };
    return attempt.current.key;
  }

  function focusField(path: string) {
    requestAnimationFrame(() => document.getElementById(`portal-${path.replace(/\./g, '-')}`)?.focus());
  }

  async function submit() {
    if (busy.current || !choice) return;
    if (!slot) {
      setOutcome({ type: 'error', message: t('request.chooseFirst') });
      return;
    }
    const checked = checkAnswers(choice.service.customFields, answers);
    if (!checked.ok) {
      const found = Object.fromEntries(Object.entries(checked.problems).map(([path, p]) => [path, problemText(p)]));
      setErrors(found);
      setAnnouncement(t('result.errorsSummary', { count: Object.keys(found).length }));
      focusField(Object.keys(found)[0]!);
      return;
    }
    const series = stays ? { rule: null, errors: {} } : repeatRule(repeat, slot.start, org.timezone, (k, v) => tr(k as 'legend', v));
    if (Object.keys(series.errors).length > 0) {
      setErrors(series.errors);
      setAnnouncement(t('result.errorsSummary', { count: Object.keys(series.errors).length }));
      focusField(Object.keys(series.errors)[0]!);
      return;
    }
    setErrors({});
    setSeriesRefused(null);
    const body = {
      serviceId: choice.service.id,
      resourceId: choice.asset.id,
      start: slot.start,
      ...(stays ? { end: slot.end } : {}),
      fields: checked.answers,
      message: message.trim(),
    };
    if (series.rule) {
      await submitSeries({ ...body, repeat: series.rule, mode: repeat.mode });
      return;
    }
    const key = keyFor(body);
    busy.current = true;
    setSubmitting(true);
    setOutcome(null);
    const res = await call(createBooking({ param: { slug: org.slug }, header: { 'idempotency-key': key }, json: body }, headers));
    busy.current = false;
    setSubmitting(false);

    if (res.ok) {
      attempt.current = null;
      setDone(res.data);
      setAnnouncement('');
      router.refresh(); // My reservations lists it
      return;
    }
    const details = (res.error.details ?? {}) as { rules?: unknown; reason?: unknown };
    if (res.status === 409) {
      setSlot(null);
      checkSeq.current += 1;
      setCheck({ status: 'idle' });
      setReloadToken((n) => n + 1);
      setOutcome({ type: 'taken', request: { serviceId: body.serviceId, resourceId: body.resourceId, start: body.start, ...(body.end ? { end: body.end } : {}) } });
      return;
    }
    if (res.status === 422) {
      const rules = Array.isArray(details.rules) ? details.rules.filter(isRuleResult) : [];
      setOutcome({ type: 'denied', message: res.error.message, rules });
      return;
    }
    if (res.status === 403 && (details.reason === 'members_only' || details.reason === 'tier_not_allowed')) {
      setOutcome({ type: 'error', message: details.reason === 'members_only' ? t('result.membersOnly', { organization: org.name }) : t('result.tierNotAllowed') });
      return;
    }
    if (res.status === 400) {
      const known = Object.entries(res.fields).filter(([path]) => path.startsWith('fields.') || path === 'message');
      if (known.length > 0) {
        setErrors(Object.fromEntries(known.map(([p, m]) => [p, sentence(m)])));
        setAnnouncement(t('result.errorsSummary', { count: known.length }));
        focusField(known[0]![0]);
        return;
      }
    }
    if (res.status === 0 || res.status >= 500) {
      setOutcome({ type: 'retryable', message: res.status === 0 ? t('result.network') : t('result.server') });
      return;
    }
    setOutcome({ type: 'error', message: res.status === 401 ? t('result.signedOut') : res.error.message });
  }

  /** A series: booked and skipped dates on success; a refusal lists its dates and keeps every choice. */
  async function submitSeries(json: Parameters<typeof createSeries>[0]['json']) {
    const key = keyFor(json);
    busy.current = true;
    setSubmitting(true);
    setOutcome(null);
    const res = await call(createSeries({ param: { slug: org.slug }, header: { 'idempotency-key': key }, json }, headers));
    busy.current = false;
    setSubmitting(false);
    if (res.ok) {
      attempt.current = null;
      setSeriesDone(res.data);
      router.refresh(); // My reservations lists the occurrences
      return;
    }
    const skipped = (res.error.details as { skipped?: unknown } | undefined)?.skipped;
    if ((res.status === 409 || res.status === 422) && isSkippedList(skipped)) {
      setSeriesRefused(skipped);
      requestAnimationFrame(() => document.getElementById('portal-series-refused')?.focus());
      return;
    }
    setOutcome({ type: res.status === 0 || res.status >= 500 ? 'retryable' : 'error', message: res.status === 0 ? t('result.network') : res.status >= 500 ? t('result.server') : res.error.message });
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void submit();
  }

  function bookAnother() {
    setDone(null);
    setSeriesDone(null);
    setChoice(null);
    setSlot(null);
    setCheck({ status: 'idle' });
    setMessage('');
    setOutcome(null);
    requestAnimationFrame(() => document.getElementById('portal-assets-title')?.focus());
  }

  return (
    <div className="space-y-10">
      <LiveRegion className="sr-only">{announcement}</LiveRegion>

      <section aria-labelledby="portal-assets-title">
        <h2 id="portal-assets-title" tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
          {t('assets.heading')}
        </h2>
        <div className="mt-4 space-y-8">
          {sections.map((section) => (
            <section key={section.key ?? ''} aria-labelledby={`portal-section-${section.key ?? 'other'}`}>
              <h3 id={`portal-section-${section.key ?? 'other'}`} className="flex items-baseline gap-2 text-base font-semibold text-slate-900">
                {section.label}
                <span className="text-sm font-normal text-slate-600">{t('assets.sectionCount', { count: section.assets.length })}</span>
              </h3>
              <ul className="mt-3 grid gap-3 sm:grid-cols-2">
                {section.assets.map((asset) => (
                  <li key={asset.id} className={cx('rounded-lg border bg-white p-4', choice?.asset.id === asset.id ? 'border-indigo-600 ring-1 ring-indigo-600' : 'border-slate-200')} data-testid="portal-asset">
                    <h4 className="font-medium text-slate-900">{asset.name}</h4>
                    {asset.description ? <p className="mt-1 text-sm text-slate-600">{asset.description}</p> : null}
                    <div className="mt-3 flex flex-wrap gap-2">
                      {asset.services.map((service) => {
                        const chosen = choice?.asset.id === asset.id && choice.service.id === service.id;
                        return (
                          // Named with the asset too (two houses offer the same stay); the visible words start the name.
                          <Button
                            key={service.id}
                            size="sm"
                            variant={chosen ? 'primary' : 'secondary'}
                            aria-pressed={chosen}
                            aria-label={t('assets.chooseLabel', { service: service.name, asset: asset.name })}
                            onClick={() => choose(asset, service)}
                            className="whitespace-normal"
                          >
                            {t('assets.choose', { service: service.name })}
                          </Button>
                        );
                      })}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </section>

      {choice ? (
        <section aria-labelledby="portal-request-title" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
          <h2 id="portal-request-title" ref={requestHeadingRef} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
            {t('request.heading', { service: choice.service.name, asset: choice.asset.name })}
          </h2>
          {done ? (
            <Done done={done} choice={choice} orgName={org.name} describe={describe} headingRef={doneRef} lang={lang} onAnother={bookAnother} />
          ) : seriesDone ? (
            <div className="mt-5 space-y-4">
              <h3 ref={doneRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
                {tr('doneTitle')}
              </h3>
              <SeriesDone created={seriesDone} lang={lang} describe={(start, end) => describe({ start, end })} describeStart={(start) => formatStart(start, locale, zone)} />
              <Button variant="secondary" onClick={bookAnother}>
                {t('result.bookAnother')}
              </Button>
            </div>
          ) : (
            <div className="mt-5 space-y-8">
              <div>
                <h3 className="mb-3 text-base font-semibold text-slate-900">{stays ? t('request.stepStay') : t('request.stepWhen')}</h3>
                <SlotPicker
                  key={`${choice.asset.id}|${choice.service.id}`}
                  idPrefix="portal"
                  orgSlug={org.slug}
                  orgTimezone={org.timezone}
                  serviceId={choice.service.id}
                  bookingMode={choice.service.bookingMode}
                  maxAdvanceDays={choice.service.maxAdvanceDays}
                  resourceId={choice.asset.id}
                  reloadToken={reloadToken}
                  selected={slot}
                  onSelect={chooseSlot}
                  asMember
                />
                <WaitlistForTakenTime
                  key={`waitlist|${choice.asset.id}|${choice.service.id}`}
                  slug={org.slug}
                  idPrefix="portal"
                  zone={org.timezone}
                  serviceId={choice.service.id}
                  resourceId={choice.asset.id}
                  stays={choice.service.bookingMode === 'multi_day'}
                  checkInTime={choice.asset.checkInTime}
                  checkOutTime={choice.asset.checkOutTime}
                />
              </div>

              {outcome?.type === 'taken' ? (
                <div ref={outcomeRef} tabIndex={-1} className="focus:outline-none">
                  <Alert tone="warning" title={t('result.takenTitle')}>
                    <p>{t('result.takenBody')}</p>
                    <JoinWaitlist slug={org.slug} request={outcome.request} />
                  </Alert>
                </div>
              ) : null}

              {slot ? (
                <CheckPanel
                  check={check}
                  orgName={org.name}
                  lang={lang}
                  whyOpen={whyOpen}
                  onToggleWhy={(open) => setWhyOpen(open)}
                  onRetry={() => choice && slot && void runCheck(choice, slot)}
                />
              ) : null}

              {slot ? (
                <form noValidate onSubmit={onSubmit} aria-labelledby="portal-details-title" className="space-y-5">
                  <h3 id="portal-details-title" className="text-base font-semibold text-slate-900">
                    {t('request.stepDetails')}
                  </h3>
                  <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset">
                    <span className="font-medium">{t('request.yourChoice')}</span> <span data-testid="portal-choice">{describe(slot)}</span>
                  </p>
                  {/* The total before booking, priced by the server as the booking will be ("3 nights × $650.00 = $1,950.00"). */}
                  <PriceQuote
                    orgSlug={org.slug}
                    service={{ id: choice.service.id, bookingMode: choice.service.bookingMode, priceMinor: choice.service.priceMinor, priceFrom: choice.service.priceFrom }}
                    slot={{ start: slot.start, end: slot.end }}
                    resourceId={choice.asset.id}
                    seats={1}
                    fallback=""
                  />
                  <CustomFieldInputs fields={choice.service.customFields} values={answers} errors={errors} onChange={setAnswer} idPrefix="portal" />
                  <TextareaField
                    id="portal-message"
                    label={t('request.optionalLabel', { label: t('request.message') })}
                    value={message}
                    maxLength={2000}
                    onChange={(e) => setMessage(e.target.value)}
                    error={errors.message}
                  />
                  {stays ? null : <RepeatFields value={repeat} onChange={setRepeat} errors={errors} start={slot.start} zone={org.timezone} />}
                  {seriesRefused ? (
                    <div id="portal-series-refused" tabIndex={-1} className="focus:outline-none" data-testid="series-refused">
                      <SeriesRefused skipped={seriesRefused} lang={lang} describe={(start) => formatStart(start, locale, zone)} />
                    </div>
                  ) : null}

                  {outcome && outcome.type !== 'taken' ? (
                    <div ref={outcomeRef} tabIndex={-1} className="focus:outline-none" data-testid="portal-outcome">
                      {outcome.type === 'denied' ? (
                        <Alert tone="error" title={t('result.deniedTitle')}>
                          {outcome.rules.length > 0 ? (
                            <ul className="list-disc space-y-1 pl-5">
                              {outcome.rules.map((r) => (
                                <li key={r.ruleId}>{r.reasons[lang] || r.reason}</li>
                              ))}
                            </ul>
                          ) : (
                            <p>{outcome.message}</p>
                          )}
                          <p className="mt-2">{t('result.deniedKept')}</p>
                        </Alert>
                      ) : (
                        <Alert tone="error" title={outcome.type === 'retryable' ? t('result.notCompleted') : undefined}>
                          <p>{outcome.message}</p>
                          {outcome.type === 'retryable' ? (
                            <Button variant="secondary" size="sm" className="mt-2" loading={submitting} onClick={() => void submit()}>
                              {t('result.retry')}
                            </Button>
                          ) : null}
                        </Alert>
                      )}
                    </div>
                  ) : null}

                  <Button type="submit" loading={submitting} loadingText={t('request.submitting')}>
                    {repeat.freq !== 'none' && !stays ? tr('submit') : check.status === 'done' && check.result.verdict === 'approval' ? t('request.submitRequest') : t('request.submit')}
                  </Button>
                </form>
              ) : (
                <p className="text-sm text-slate-600">{tb(stays ? 'chooseStayFirst' : 'chooseTimeFirst')}</p>
              )}
            </div>
          )}
        </section>
      ) : (
        <p className="text-sm text-slate-600">{t('request.chooseAsset')}</p>
      )}
    </div>
  );
}

const verdictTone = { allow: 'success', approval: 'warning', deny: 'error' } as const;

/** The verdict for the chosen time, and the "Why?" list of every rule the club judged. */
function CheckPanel({
  check,
  orgName,
  lang,
  whyOpen,
  onToggleWhy,
  onRetry,
}: {
  check: Check;
  orgName: string;
  lang: 'en' | 'es';
  whyOpen: boolean | null;
  onToggleWhy: (open: boolean) => void;
  onRetry: () => void;
}) {
  const t = useTranslations('portalPage.check');
  return (
    <section aria-labelledby="portal-check-title" aria-busy={check.status === 'checking' || undefined} data-testid="portal-check">
      <h3 id="portal-check-title" className="text-base font-semibold text-slate-900">
        {t('heading')}
      </h3>
      <div className="mt-3">
        {check.status === 'checking' || check.status === 'idle' ? (
          <p className="text-sm text-slate-700">{t('checking')}</p>
        ) : check.status === 'error' ? (
          <Alert tone="error" title={t('error')}>
            <p>{check.message}</p>
            <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry}>
              {t('retry')}
            </Button>
          </Alert>
        ) : (
          <Verdict result={check.result} orgName={orgName} lang={lang} whyOpen={whyOpen} onToggleWhy={onToggleWhy} />
        )}
      </div>
    </section>
  );
}

function Verdict({ result, orgName, lang, whyOpen, onToggleWhy }: { result: CheckResultDto; orgName: string; lang: 'en' | 'es'; whyOpen: boolean | null; onToggleWhy: (open: boolean) => void }) {
  const t = useTranslations('portalPage.check');
  // Open by itself when something stands in the way; the member may close or open it.
  const open = whyOpen ?? (result.verdict !== 'allow' || !result.available);
  const warnings = result.results.filter((r) => r.applies && !r.passed && !r.exempt && r.outcome === 'warn').length;
  return (
    <div className="space-y-3">
      {!result.available ? (
        <Alert tone="warning" title={t('unavailable')}>
          {result.unavailableReason ? <p>{result.unavailableReason}</p> : null}
        </Alert>
      ) : null}
      <Alert tone={verdictTone[result.verdict]} title={result.verdict === 'approval' ? t('approval', { organization: orgName }) : t(result.verdict)}>
        <p data-testid="portal-verdict" data-verdict={result.verdict}>
          {result.verdict === 'allow' ? t('allowBody') : result.verdict === 'approval' ? t('approvalBody') : t('denyBody')}
        </p>
        {warnings > 0 ? <p className="mt-1">{t('warnings', { count: warnings })}</p> : null}
      </Alert>
      <div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="portal-why"
          onClick={() => onToggleWhy(!open)}
          className={cx('inline-flex items-center gap-1 text-sm font-medium text-indigo-700 underline hover:text-indigo-900', focusRing)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          {t('why')}
        </button>
        <div id="portal-why" hidden={!open} className="mt-2">
          <h4 className="text-sm font-semibold text-slate-900">{t('whyHeading')}</h4>
          {result.results.length === 0 ? (
            <p className="mt-1 text-sm text-slate-700">{t('noRules')}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="portal-why-list">
              {result.results.map((r) => (
                <RuleRow key={r.ruleId} rule={r} lang={lang} />
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}

type RuleState = 'passed' | 'failed' | 'notApplicable' | 'exempt';
const stateTone: Record<RuleState, BadgeTone> = { passed: 'success', failed: 'danger', notApplicable: 'neutral', exempt: 'brand' };

function ruleState(r: RuleResultDto): RuleState {
  if (!r.applies) return 'notApplicable';
  if (r.exempt) return 'exempt';
  return r.passed ? 'passed' : 'failed';
}

function RuleRow({ rule, lang }: { rule: RuleResultDto; lang: 'en' | 'es' }) {
  const t = useTranslations('portalPage.check');
  const state = ruleState(rule);
  // A failed approval or warn rule does not forbid: its badge says what it does instead.
  const tone: BadgeTone = state === 'failed' && rule.outcome !== 'deny' ? 'warning' : stateTone[state];
  return (
    <li className="px-3 py-2 text-sm" data-testid="portal-rule" data-state={state}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium text-slate-900">{rule.ruleName}</span>
        <Badge tone={tone}>
          {t(`ruleState.${state}`)}
          {state === 'failed' ? ` · ${t(`outcome.${rule.outcome}`)}` : ''}
        </Badge>
      </div>
      <p className="mt-0.5 text-slate-700">{rule.reasons[lang] || rule.reason}</p>
    </li>
  );
}

/** The answer to a sent request: confirmed, or held pending the club's approval (and which rules ask for it). */
function Done({
  done,
  choice,
  orgName,
  describe,
  headingRef,
  lang,
  onAnother,
}: {
  done: Created;
  choice: Choice;
  orgName: string;
  describe: (s: { start: string; end: string }) => string;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  lang: 'en' | 'es';
  onAnother: () => void;
}) {
  const t = useTranslations('portalPage.result');
  const pending = done.booking.status === 'pending';
  const approvals = done.rules.filter((r) => r.outcome === 'approval');
  const warnings = done.rules.filter((r) => r.outcome === 'warn');
  const title = pending ? (approvals.length > 0 ? t('pendingApprovalTitle') : t('pendingTitle')) : t('confirmedTitle');
  const body = pending ? (approvals.length > 0 ? t('pendingApprovalBody', { organization: orgName }) : t('pendingBody', { organization: orgName })) : t('confirmedBody', { asset: choice.asset.name });
  return (
    <div className="mt-5 space-y-4" data-testid="portal-done" data-status={done.booking.status}>
      <div className={cx('rounded-md border p-4', pending ? 'border-amber-300 bg-amber-50' : 'border-emerald-300 bg-emerald-50')}>
        <h3 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
          {title}
        </h3>
        <p className="mt-1 text-slate-800">{body}</p>
        <p className="mt-2 text-sm text-slate-800 first-letter:uppercase">{describe(done.booking)}</p>
      </div>
      {approvals.length > 0 ? (
        <div>
          <h4 className="text-sm font-semibold text-slate-900">{t('approvalRules')}</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {approvals.map((r) => (
              <li key={r.ruleId}>
                <span className="font-medium text-slate-900">{r.ruleName}:</span> {r.reasons[lang] || r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div>
          <h4 className="text-sm font-semibold text-slate-900">{t('warnings')}</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {warnings.map((r) => (
              <li key={r.ruleId}>{r.reasons[lang] || r.reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Button variant="secondary" onClick={onAnother}>
        {t('bookAnother')}
      </Button>
    </div>
  );
}
