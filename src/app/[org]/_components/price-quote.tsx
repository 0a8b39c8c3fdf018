'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { api, call, type SuccessOf } from '@/app/_lib/api';
import { Button } from '@/ui/button';
import { formatMoney } from '../_lib/format';

const quoteOf = api.public.orgs[':slug'].services[':serviceId'].quote.$get;
type Quote = SuccessOf<Awaited<ReturnType<typeof quoteOf>>>;

type State = { status: 'loading' } | { status: 'ready'; quote: Quote } | { status: 'error' };

/** Seats typed by a visitor settle before the price is asked again. */
const SEATS_SETTLE_MS = 300;

/**
 * The total before the visitor books, from the server (`…/services/{id}/quote`), which prices it
 * with the function the booking itself uses: "3 nights × $650.00 = $1,950.00", "2 places × $8.00
 * = $16.00", or the total of a booking priced as a whole. A free service needs no question; seats
 * that are not a valid number yet keep the last total off screen (the form says what is wrong).
 */
export function PriceQuote({
  orgSlug,
  service,
  slot,
  resourceId,
  seats,
  fallback,
}: {
  orgSlug: string;
  service: { id: string; bookingMode: string; priceMinor: number; priceFrom: boolean };
  slot: { start: string; end: string };
  resourceId: string | null;
  /** null: the seats typed are not a valid number. */
  seats: number | null;
  /** The service's own price label ("Free", "from $650.00 per night"), shown when there is nothing to compute. */
  fallback: string;
}) {
  const t = useTranslations('booking');
  const locale = useLocale();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const askedSeats = useRef<number | null>(null);
  const free = service.priceMinor === 0 && !service.priceFrom;
  const stays = service.bookingMode === 'multi_day';

  useEffect(() => {
    if (free || seats === null) return;
    const controller = new AbortController();
    // Only a change of seats waits (typing "12" passes through "1"); a new time asks at once.
    const delay = askedSeats.current !== null && askedSeats.current !== seats ? SEATS_SETTLE_MS : 0;
    askedSeats.current = seats;
    setState({ status: 'loading' });
    const timer = setTimeout(() => {
      const query = {
        start: slot.start,
        ...(stays ? { end: slot.end } : {}),
        ...(resourceId ? { resourceId } : {}),
        seats: String(seats),
      };
      void call(quoteOf({ param: { slug: orgSlug, serviceId: service.id }, query }, { init: { signal: controller.signal } }), controller.signal).then((res) => {
        if (controller.signal.aborted) return;
        setState(res.ok ? { status: 'ready', quote: res.data } : { status: 'error' });
      });
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [orgSlug, service.id, stays, slot.start, slot.end, resourceId, seats, free, attempt]);

  if (free || seats === null) return <p className="mt-0.5 text-slate-600">{fallback}</p>;

  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  let line: string | null = null;
  if (state.status === 'ready') {
    const q = state.quote;
    const values = { count: q.quantity, unit: money(q.unitPriceMinor, q.currency), total: money(q.priceMinor, q.currency) };
    line = q.unit === 'night' ? t('quoteNights', values) : q.unit === 'seat' ? t('quoteSeats', values) : values.total;
  }

  return (
    <div className="mt-1" data-testid="price-quote">
      <div aria-live="polite" aria-atomic="true">
        {state.status === 'loading' ? <p className="text-slate-600">{t('quoteLoading')}</p> : null}
        {state.status === 'error' ? <p className="text-red-800">{t('quoteError')}</p> : null}
        {line !== null ? (
          <p>
            <span className="font-medium">{t('quoteTotal')}</span> <span className="tabular-nums">{line}</span>
          </p>
        ) : null}
      </div>
      {state.status === 'ready' && state.quote.priceFrom ? <p className="text-slate-600">{t('quoteFromNote')}</p> : null}
      {state.status === 'error' ? (
        <Button variant="secondary" size="sm" className="mt-1" onClick={() => setAttempt((n) => n + 1)}>
          {t('quoteRetry')}
        </Button>
      ) : null}
    </div>
  );
}
