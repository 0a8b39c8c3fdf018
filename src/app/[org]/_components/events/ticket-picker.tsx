'use client';

/**
 * An event's ticket types with a quantity each (capped by what is left of that type) and one
 * "Add to cart": each chosen type becomes a line of the shop's cart (its variant), then the
 * cart drawer opens with the way to checkout. What is left is checked again by the server at
 * add-to-cart and at checkout (the stock reservation); a refusal shows the API's reason.
 */
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { PublicEventDetailDto } from '@/modules/events/schemas';
import { LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { formatMoney } from '../../_lib/format';
import { useCart } from '../shop/cart';
import { useLiveSeats } from './live-seats';

type TicketType = PublicEventDetailDto['ticketTypes'][number];

const MAX_PER_TYPE = 50;

export function TicketPicker({
  eventSlug,
  types: shown,
  currency,
  disabled: blocked,
  soldOut,
}: {
  eventSlug: string;
  types: TicketType[];
  currency: string;
  /** Nothing can be bought for a reason seats do not change (cancelled, sales closed, no types). */
  disabled: boolean;
  /** Sold out as the page was rendered; the live figures take over when they come. */
  soldOut: boolean;
}) {
  const t = useTranslations('events');
  // The live seats (LiveSeatsProvider): each type's "n left" and the quantity's max follow them.
  const live = useLiveSeats(eventSlug);
  const types = live ? shown.map((type) => (live.types[type.variantId] ? { ...type, ...live.types[type.variantId] } : type)) : shown;
  const disabled = blocked || (live ? live.soldOut : soldOut);
  const locale = useLocale();
  const { add, explain, setDrawerOpen } = useCart();
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const adding = useRef(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const capOf = (type: TicketType) => Math.max(0, Math.min(type.remaining, MAX_PER_TYPE));
  const chosen = types.map((type) => ({ type, n: Number(quantities[type.variantId] ?? '0') }));
  const tooMany = chosen.find(({ type, n }) => Number.isInteger(n) && n > capOf(type));
  const valid = chosen.every(({ n }) => Number.isInteger(n) && n >= 0);
  const count = valid ? chosen.reduce((s, c) => s + c.n, 0) : 0;
  const total = valid ? chosen.reduce((s, c) => s + c.n * c.type.priceMinor, 0) : 0;
  const reason = tooMany ? t('tooMany', { count: capOf(tooMany.type), name: tooMany.type.name }) : null;

  async function submit() {
    if (adding.current || disabled || reason) return;
    if (!valid || count === 0) {
      setMessage({ tone: 'error', text: t('chooseTickets') });
      return;
    }
    adding.current = true;
    setBusy(true);
    setMessage(null);
    for (const { type, n } of chosen) {
      if (n <= 0) continue;
      const r = await add(type.variantId, n);
      if (!r.ok) {
        adding.current = false;
        setBusy(false);
        setMessage({ tone: 'error', text: explain(r.failure) });
        return;
      }
    }
    adding.current = false;
    setBusy(false);
    setQuantities({});
    setMessage({ tone: 'ok', text: t('addedGoCheckout') });
    setDrawerOpen(true);
  }

  if (types.length === 0) return null;
  return (
    <form
      className="mt-3 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="text-sm text-slate-700">{t('ticketsIntro')}</p>
      <ul className="divide-y divide-slate-200">
        {types.map((type) => {
          const id = `tt-${type.variantId}`;
          const cap = capOf(type);
          const soldOut = cap === 0;
          return (
            <li key={type.variantId} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="ticket-type">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{type.name}</p>
                <p className="text-sm text-slate-700 tabular-nums">
                  {type.priceMinor === 0 ? t('free') : formatMoney(type.priceMinor, currency, locale)}
                  <span className={`ml-2 ${soldOut ? 'font-medium text-red-800' : 'text-slate-600'}`}>· {soldOut ? t('typeSoldOut') : t('typeRemaining', { count: type.remaining })}</span>
                </p>
              </div>
              <div>
                <label htmlFor={id} className="sr-only">
                  {t('quantityOf', { name: type.name })}
                </label>
                <input
                  id={id}
                  type="number"
                  min={0}
                  max={cap}
                  inputMode="numeric"
                  disabled={disabled || soldOut}
                  value={quantities[type.variantId] ?? '0'}
                  onChange={(e) => setQuantities((old) => ({ ...old, [type.variantId]: e.target.value }))}
                  aria-describedby={reason ? 'tickets-reason' : undefined}
                  className="h-10 w-20 rounded-md border border-slate-400 px-2 text-sm disabled:bg-slate-100 disabled:text-slate-600"
                />
              </div>
            </li>
          );
        })}
      </ul>
      {count > 0 ? <p className="text-sm font-medium text-slate-900 tabular-nums">{t('totalSelected', { count, price: formatMoney(total, currency, locale) })}</p> : null}
      <Button type="submit" disabled={disabled || !!reason} aria-disabled={busy || undefined} aria-describedby={reason ? 'tickets-reason' : undefined}>
        {busy ? t('adding') : t('addToCart')}
      </Button>
      {reason ? (
        <p id="tickets-reason" className="text-sm text-red-800">
          {reason}
        </p>
      ) : null}
      <LiveRegion>{message ? <p className={`text-sm ${message.tone === 'ok' ? 'text-emerald-800' : 'text-red-800'}`}>{message.text}</p> : null}</LiveRegion>
    </form>
  );
}
