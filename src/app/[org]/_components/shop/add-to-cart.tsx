'use client';

/**
 * The product page's buying part: the variant picker (a radio group), its price and stock state,
 * quantity and "Add to cart" (disabled with the reason when the option cannot be bought). On
 * success the cart drawer opens with the server's cart; a refusal shows the API's reason.
 */
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { PublicProductDto } from '@/modules/products/schemas';
import { LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { formatMoney } from '../../_lib/format';
import { useCart } from './cart';

type Variant = PublicProductDto['variants'][number];

export function AddToCart({ variants, currency }: { variants: Variant[]; currency: string }) {
  const t = useTranslations('shop');
  const locale = useLocale();
  const { add, explain, setDrawerOpen } = useCart();
  const firstBuyable = variants.find((v) => v.availability !== 'out') ?? variants[0];
  const [variantId, setVariantId] = useState(firstBuyable?.id ?? '');
  const [quantity, setQuantity] = useState('1');
  const [busy, setBusy] = useState(false);
  // Set synchronously: a double click's second event comes before React re-renders `busy`.
  const adding = useRef(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const variant = variants.find((v) => v.id === variantId);
  if (!variant) return null;

  const n = Number(quantity);
  const cap = variant.availability === 'low' ? (variant.availableQuantity ?? 0) : 999;
  const reason = variant.availability === 'out' ? t('cannotAddOut') : Number.isInteger(n) && n > cap ? t('cannotAddLow', { count: cap }) : null;

  async function submit() {
    if (adding.current || reason || !Number.isInteger(n) || n < 1) return;
    adding.current = true;
    setBusy(true);
    setMessage(null);
    const r = await add(variantId, n);
    adding.current = false;
    setBusy(false);
    if (r.ok) {
      setMessage({ tone: 'ok', text: t('added') });
      setDrawerOpen(true);
    } else {
      setMessage({ tone: 'error', text: explain(r.failure) });
    }
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div>
        <p className="text-2xl font-semibold text-slate-900 tabular-nums">
          {formatMoney(variant.priceMinor, currency, locale)}
          {variant.compareAtMinor && variant.compareAtMinor > variant.priceMinor ? (
            <span className="ml-3 text-base font-normal text-slate-600 line-through">{t('compareAt', { price: formatMoney(variant.compareAtMinor, currency, locale) })}</span>
          ) : null}
        </p>
        <p className="mt-1">
          {variant.availability === 'out' ? (
            <Badge tone="danger">{t('outOfStock')}</Badge>
          ) : variant.availability === 'low' ? (
            <Badge tone="warning">{t('lowStock', { count: variant.availableQuantity ?? 0 })}</Badge>
          ) : (
            <Badge tone="success">{t('inStock')}</Badge>
          )}
        </p>
      </div>
      {variants.length > 1 ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">{t('variant')}</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {variants.map((v) => (
              <label
                key={v.id}
                className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 ${v.id === variantId ? 'border-indigo-600 bg-indigo-50 text-indigo-900' : 'border-slate-300 text-slate-900'}`}
              >
                <input type="radio" name="variant" value={v.id} checked={v.id === variantId} onChange={() => setVariantId(v.id)} className="size-4" />
                <span>{v.title}</span>
                {v.availability === 'out' ? <span className="text-xs text-slate-600">({t('outOfStock')})</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="buy-qty" className="block text-sm font-medium text-slate-900">
            {t('quantity')}
          </label>
          <input
            id="buy-qty"
            type="number"
            min={1}
            max={Math.min(cap, 999) || 1}
            inputMode="numeric"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            aria-describedby={reason ? 'buy-reason' : undefined}
            className="mt-1 h-10 w-24 rounded-md border border-slate-300 px-2 text-sm"
          />
        </div>
        {/* Not disabled while adding: a disabled button drops focus, and the drawer gives focus back to it when it closes. */}
        <Button type="submit" disabled={!!reason} aria-disabled={busy || undefined} aria-describedby={reason ? 'buy-reason' : undefined}>
          {busy ? t('adding') : t('addToCart')}
        </Button>
      </div>
      {reason ? (
        <p id="buy-reason" className="text-sm text-red-800">
          {reason}
        </p>
      ) : null}
      <LiveRegion>{message ? <p className={`text-sm ${message.tone === 'ok' ? 'text-emerald-800' : 'text-red-800'}`}>{message.text}</p> : null}</LiveRegion>
    </form>
  );
}
