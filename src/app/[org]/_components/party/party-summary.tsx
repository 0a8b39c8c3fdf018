'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { api, call, type SuccessOf } from '@/app/_lib/api';
import type { PackageDto, PublicAddon } from '@/modules/catalog/schemas';
import { Button } from '@/ui/button';
import { dateInZone, formatDate, formatDuration, formatMoney, formatTime } from '../../_lib/format';
import { addonChoices, addonQuery, balanceDueDay, type PartyChoice } from './party-choice';

const quoteOf = api.public.orgs[':slug'].services[':serviceId'].quote.$get;
export type PartyQuote = SuccessOf<Awaited<ReturnType<typeof quoteOf>>>;

type State = { status: 'loading' } | { status: 'ready'; quote: PartyQuote } | { status: 'error'; message: string | null };

/** Steppers clicked in a row settle before the server is asked again. */
const SETTLE_MS = 300;

/**
 * The price of what is chosen, as the server computes it (`…/services/{id}/quote` with the
 * guests and add-ons): each line, the total and, for a package, the deposit due now and the
 * balance with the day it is due. Nothing is added up here; a change asks again (debounced),
 * and the last answer stays until the new one lands.
 */
export function PartySummary({
  orgSlug,
  orgZone,
  serviceId,
  serviceName,
  pkg,
  addons,
  slot,
  resourceId,
  choice,
  seats,
  zone,
}: {
  orgSlug: string;
  orgZone: string;
  serviceId: string;
  serviceName: string;
  pkg: PackageDto | null;
  addons: PublicAddon[];
  slot: { start: string; end: string };
  resourceId: string | null;
  choice: PartyChoice;
  /** Seats of a service booked by the place (a per-guest add-on counts them); null: not a valid number yet. */
  seats: number | null;
  /** The zone times are shown in (the visitor's). */
  zone: string;
}) {
  const t = useTranslations('party');
  const locale = useLocale();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [shown, setShown] = useState<PartyQuote | null>(null);
  const asked = useRef<string | null>(null);
  const addonsParam = addonQuery(addonChoices(choice));

  useEffect(() => {
    if (seats === null) return;
    const controller = new AbortController();
    const key = `${slot.start}|${resourceId}`;
    // A new time asks at once; a change of guests or add-ons waits for the clicks to settle.
    const delay = asked.current === key ? SETTLE_MS : 0;
    asked.current = key;
    setState({ status: 'loading' });
    const timer = setTimeout(() => {
      const query = {
        start: slot.start,
        ...(resourceId ? { resourceId } : {}),
        ...(pkg ? { children: String(choice.children), adults: String(choice.adults) } : {}),
        ...(addonsParam ? { addons: addonsParam } : {}),
        ...(seats > 1 ? { seats: String(seats) } : {}),
      };
      void call(quoteOf({ param: { slug: orgSlug, serviceId }, query }, { init: { signal: controller.signal } }), controller.signal).then((res) => {
        if (controller.signal.aborted) return;
        if (res.ok) {
          setState({ status: 'ready', quote: res.data });
          setShown(res.data);
        } else {
          setState({ status: 'error', message: res.status === 400 || res.status === 422 ? res.error.message : null });
        }
      });
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [orgSlug, serviceId, slot.start, resourceId, pkg, choice.children, choice.adults, addonsParam, seats, attempt]);

  const q = state.status === 'ready' ? state.quote : shown;
  const money = (minor: number) => formatMoney(minor, q?.currency ?? 'USD', locale);
  const addonName = (id: string | null, fallback: string) => addons.find((a) => a.id === id)?.name ?? fallback;
  const lineLabel = (l: PartyQuote['lines'][number]) => {
    if (l.kind === 'base') return pkg ? t('summary.base', { name: serviceName }) : serviceName;
    if (l.kind === 'extra_children') return t('summary.extraChildren', { count: l.quantity, price: money(l.unitPriceMinor) });
    if (l.kind === 'extra_adults') return t('summary.extraAdults', { count: l.quantity, price: money(l.unitPriceMinor) });
    return l.quantity > 1 ? t('summary.addonTimes', { name: addonName(l.addonId, l.label), count: l.quantity, price: money(l.unitPriceMinor) }) : addonName(l.addonId, l.label);
  };
  const partyDay = dateInZone(slot.start, orgZone);
  const dueDay = pkg ? balanceDueDay(partyDay, pkg.balanceDueDays) : null;

  return (
    <section aria-labelledby="party-summary-title" className="mt-3 rounded-md border border-slate-200 bg-white p-3" data-testid="party-summary">
      <h4 id="party-summary-title" className="text-sm font-semibold text-slate-900">
        {t('summary.title')}
      </h4>
      <div aria-live="polite" aria-atomic="true" aria-busy={state.status === 'loading'}>
        {state.status === 'loading' ? <p className="mt-1 text-sm text-slate-600">{t('summary.updating')}</p> : null}
        {state.status === 'error' ? <p className="mt-1 text-sm font-medium text-red-800">{state.message ?? t('summary.error')}</p> : null}
        {q ? (
          <dl className={`mt-2 space-y-1 text-sm ${state.status === 'loading' ? 'text-slate-500' : 'text-slate-800'}`}>
            {q.lines.map((l, i) => (
              <div key={`${l.kind}-${l.addonId ?? i}`} className="flex justify-between gap-4">
                <dt>{lineLabel(l)}</dt>
                <dd className="tabular-nums">{money(l.amountMinor)}</dd>
              </div>
            ))}
            <div className="flex justify-between gap-4 border-t border-slate-200 pt-1 text-base font-semibold text-slate-900">
              <dt>{t('summary.total')}</dt>
              <dd className="tabular-nums" data-testid="party-total">
                {money(q.totalMinor)}
              </dd>
            </div>
            {q.depositMinor !== null ? (
              <>
                <div className="flex justify-between gap-4 font-medium text-slate-900">
                  <dt>{t('summary.depositNow')}</dt>
                  <dd className="tabular-nums" data-testid="party-deposit">
                    {money(q.depositMinor)}
                  </dd>
                </div>
                {q.balanceMinor !== null && q.balanceMinor > 0 ? (
                  <div className="flex justify-between gap-4">
                    <dt>
                      {dueDay && pkg && pkg.balanceDueDays > 0
                        ? t('summary.balanceDue', { date: formatDate(dueDay, locale, { day: 'numeric', month: 'long', year: 'numeric' }) })
                        : t('summary.balanceOnDay')}
                    </dt>
                    <dd className="tabular-nums">{money(q.balanceMinor)}</dd>
                  </div>
                ) : null}
              </>
            ) : null}
          </dl>
        ) : null}
        {q && q.extraMinutes > 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t('summary.endsAt', { time: formatTime(q.end, locale, zone), extra: formatDuration(q.extraMinutes, locale) })}</p>
        ) : null}
      </div>
      {state.status === 'error' ? (
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => setAttempt((n) => n + 1)}>
          {t('summary.retry')}
        </Button>
      ) : null}
    </section>
  );
}
