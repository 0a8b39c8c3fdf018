'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { PackageDto, PublicAddon } from '@/modules/catalog/schemas';
import { cx } from '@/ui/class-names';
import { formatDuration, formatMoney } from '../../_lib/format';
import type { PartyChoice } from './party-choice';
import { Stepper } from './stepper';

/**
 * A package's guests (children and adults, bounded so their sum stays within the package's
 * minimum and maximum) and a service's add-ons: a checkbox for an add-on taken once, a stepper
 * for one taken several times; each with its price and the minutes it adds. An add-on with a
 * stock says how many are left and cannot be chosen beyond them (sold out: disabled); the
 * server's count at booking time decides (409 addon_sold_out, booking-flow.tsx).
 */
export function PartyOptions({
  idPrefix,
  pkg,
  addons,
  currency,
  value,
  onChange,
  seats = 1,
}: {
  idPrefix: string;
  /** Seats booked: the guests of a per-guest add-on when the service is not a package. */
  seats?: number;
  pkg: PackageDto | null;
  addons: PublicAddon[];
  currency: string;
  value: PartyChoice;
  onChange: (next: PartyChoice) => void;
}) {
  const t = useTranslations('party');
  const locale = useLocale();
  const money = (minor: number) => formatMoney(minor, currency, locale);

  const setAddon = (id: string, quantity: number) => onChange({ ...value, addons: { ...value.addons, [id]: quantity } });
  const guests = Math.max(1, pkg ? value.children + value.adults : seats);
  /** How many of an add-on can be taken now: its maximum, within what is left (a per-guest one takes one per guest). */
  const capOf = (a: PublicAddon) => (a.left === null ? a.maxQuantity : Math.min(a.maxQuantity, a.pricing === 'per_guest' ? Math.floor(a.left / guests) : a.left));

  return (
    <div className="space-y-6">
      {pkg ? (
        <fieldset>
          <legend className="text-base font-semibold text-slate-900">{t('guests.legend')}</legend>
          <p className="mt-1 text-sm text-slate-700">
            {t('guests.bounds', { min: pkg.minGuests, max: pkg.maxGuests })}{' '}
            {t('guests.included', { children: pkg.includedChildren, adults: pkg.includedAdults })}
          </p>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <Stepper
              id={`${idPrefix}-children`}
              label={t('guests.children')}
              hint={pkg.extraChildMinor > 0 ? t('guests.extraChild', { price: money(pkg.extraChildMinor), included: pkg.includedChildren }) : undefined}
              value={value.children}
              min={Math.max(0, pkg.minGuests - value.adults)}
              max={Math.max(0, pkg.maxGuests - value.adults)}
              onChange={(children) => onChange({ ...value, children })}
              decreaseLabel={t('guests.fewerChildren')}
              increaseLabel={t('guests.moreChildren')}
            />
            <Stepper
              id={`${idPrefix}-adults`}
              label={t('guests.adults')}
              hint={pkg.extraAdultMinor > 0 ? t('guests.extraAdult', { price: money(pkg.extraAdultMinor), included: pkg.includedAdults }) : undefined}
              value={value.adults}
              min={Math.max(0, pkg.minGuests - value.children)}
              max={Math.max(0, pkg.maxGuests - value.children)}
              onChange={(adults) => onChange({ ...value, adults })}
              decreaseLabel={t('guests.fewerAdults')}
              increaseLabel={t('guests.moreAdults')}
            />
          </div>
        </fieldset>
      ) : null}

      {addons.length > 0 ? (
        <fieldset>
          <legend className="text-base font-semibold text-slate-900">{t('addons.legend')}</legend>
          <p className="mt-1 text-sm text-slate-700">{t('addons.intro')}</p>
          <ul className="mt-3 space-y-2">
            {addons.map((a) => {
              const qty = value.addons[a.id] ?? 0;
              const id = `${idPrefix}-addon-${a.id}`;
              const cap = capOf(a);
              const soldOut = cap === 0;
              const facts = [
                a.pricing === 'per_guest' ? t('addons.pricePerGuest', { price: money(a.priceMinor) }) : t('addons.price', { price: money(a.priceMinor) }),
                a.extraMinutes > 0 ? t('addons.extraTime', { time: formatDuration(a.extraMinutes, locale) }) : null,
                a.left === null ? null : soldOut ? t('addons.soldOut') : t('addons.left', { count: a.left }),
              ]
                .filter(Boolean)
                .join(' · ');
              return (
                <li key={a.id} className={cx('rounded-md border p-3', qty > 0 ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-white')}>
                  {a.maxQuantity <= 1 ? (
                    <div className="flex gap-3">
                      <input
                        id={id}
                        type="checkbox"
                        checked={qty > 0}
                        // Sold out: it can still be unticked, never ticked.
                        disabled={soldOut && qty === 0}
                        onChange={(e) => setAddon(a.id, e.target.checked ? 1 : 0)}
                        aria-describedby={`${id}-facts`}
                        className="mt-0.5 size-4 shrink-0 accent-indigo-600"
                      />
                      <div className="min-w-0">
                        <label htmlFor={id} className={cx('block text-sm font-medium', soldOut && qty === 0 ? 'text-slate-500' : 'text-slate-900')}>
                          {a.name}
                        </label>
                        <p id={`${id}-facts`} className="text-sm text-slate-700 tabular-nums">
                          {facts}
                        </p>
                        {a.description ? <p className="mt-0.5 text-sm text-slate-600">{a.description}</p> : null}
                      </div>
                    </div>
                  ) : (
                    <div className="flex flex-wrap items-end justify-between gap-3">
                      <div className="min-w-0">
                        <p className="text-sm font-medium text-slate-900">{a.name}</p>
                        <p className="text-sm text-slate-700 tabular-nums">{facts}</p>
                        {a.description ? <p className="mt-0.5 text-sm text-slate-600">{a.description}</p> : null}
                      </div>
                      <Stepper
                        id={id}
                        label={t('addons.quantity', { name: a.name })}
                        hint={soldOut ? t('addons.soldOut') : t('addons.upTo', { max: cap })}
                        value={qty}
                        min={0}
                        // Never below what is chosen: a count above what is left stays, to be lowered.
                        max={Math.max(cap, qty)}
                        onChange={(n) => setAddon(a.id, n)}
                        decreaseLabel={t('addons.fewer', { name: a.name })}
                        increaseLabel={t('addons.more', { name: a.name })}
                      />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
      ) : null}
    </div>
  );
}
