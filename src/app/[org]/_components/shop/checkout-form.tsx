'use client';

/**
 * Checkout: contact, pickup or shipping (as the shop offers them), promo code (its effect or the
 * API's reason), payment choice, and the order summary with the server's totals. One
 * Idempotency-Key per attempt: a double click or a retry of the same details never makes two
 * orders; changed details get a new key. Errors land on their fields and nothing typed is lost;
 * a 409 for stock names the line, and the cart is re-read so each line shows why. A signed-in
 * customer's points are previewed on the cart (what they take off and the total after them, from
 * the server) before the order is placed; the checkout still judges them.
 */
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, call, sentence } from '@/app/_lib/api';
import type { LoyaltySummaryDto } from '@/modules/loyalty';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { formatMoney } from '../../_lib/format';
import { FormChallengeStatus, useChallengeRefusal, useFormChallenge } from '../form-challenge';
import { CartContents, useCart } from './cart';

type Fulfilment = 'pickup' | 'shipping' | 'digital';

/** A random Idempotency-Key; getRandomValues works on plain-HTTP installs too, unlike randomUUID. */
function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `chk-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

interface ConflictDetails {
  reason?: string;
  lines?: { lineId?: string; sku?: string; available?: number }[];
  promo?: { message?: string };
}

/**
 * `challenge`: the organization asks public forms for a solved proof-of-work challenge (../form-challenge.tsx).
 * `points`: a signed-in customer's loyalty balance they may spend here (null: none to offer).
 */
export function CheckoutForm({ challenge: asks = false, points = null }: { challenge?: boolean; points?: LoyaltySummaryDto | null }) {
  const t = useTranslations('shop');
  const tl = useTranslations('loyalty');
  const [pointsInput, setPointsInput] = useState('');
  const locale = useLocale() === 'es' ? 'es' : 'en';
  const router = useRouter();
  const { slug, cart, reload, explain } = useCart();
  const [contact, setContact] = useState({ email: '', name: '', phone: '' });
  const [address, setAddress] = useState({ line1: '', line2: '', city: '', region: '', postalCode: '', country: '' });
  const [fulfilment, setFulfilment] = useState<Fulfilment | null>(null);
  const [promoInput, setPromoInput] = useState('');
  const [promo, setPromo] = useState<string | null>(null);
  const [promoError, setPromoError] = useState<string | null>(null);
  const [promoBusy, setPromoBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const challenge = useFormChallenge(slug, asks);
  const challengeRefusal = useChallengeRefusal();
  // Set synchronously: a double click's second event comes before React re-renders `busy`.
  const submitting = useRef(false);

  const options = cart?.fulfilmentOptions;
  // A cart of event tickets only has nothing to ship or collect: it checks out as 'digital', with no choice shown.
  const chosen: Fulfilment | null = options?.digital ? 'digital' : (fulfilment ?? (options ? (options.pickup ? 'pickup' : options.shipping ? 'shipping' : null) : null));

  // Points typed: previewed once typing pauses (the server computes what they take off).
  const typedPoints = /^\d{1,9}$/.test(pointsInput.trim()) && Number(pointsInput.trim()) > 0 ? Number(pointsInput.trim()) : null;
  const [redeem, setRedeem] = useState<number | null>(null);
  useEffect(() => {
    const id = setTimeout(() => setRedeem(typedPoints), 300);
    return () => clearTimeout(id);
  }, [typedPoints]);
  const query = (q: { fulfilment?: Fulfilment | null; promoCode?: string | null } = {}) => {
    const f = q.fulfilment === undefined ? chosen : q.fulfilment;
    const code = q.promoCode === undefined ? promo : q.promoCode;
    return { ...(f ? { fulfilment: f } : {}), ...(code ? { promoCode: code } : {}), ...(points && redeem ? { redeemPoints: String(redeem) } : {}) };
  };

  // Totals follow the delivery choice, the applied code and the points (the server computes them).
  useEffect(() => {
    if (chosen) void reload(query());
  }, [chosen, promo, redeem]);

  async function applyCode() {
    const code = promoInput.trim();
    if (!code) return;
    setPromoBusy(true);
    setPromoError(null);
    const r = await reload(query({ promoCode: code }));
    setPromoBusy(false);
    if (!r.ok) return setPromoError(explain(r.failure));
    if (r.cart.promo?.applies) setPromo(r.cart.promo.code);
    else {
      setPromo(null);
      setPromoError(r.cart.promo?.message ?? t('notFound'));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (submitting.current || !chosen) return;
    const body = {
      contact: { email: contact.email.trim(), name: contact.name.trim(), ...(contact.phone.trim() ? { phone: contact.phone.trim() } : {}) },
      fulfilment: chosen,
      ...(chosen === 'shipping'
        ? {
            address: {
              line1: address.line1.trim(),
              ...(address.line2.trim() ? { line2: address.line2.trim() } : {}),
              city: address.city.trim(),
              ...(address.region.trim() ? { region: address.region.trim() } : {}),
              postalCode: address.postalCode.trim(),
              country: address.country.trim().toUpperCase(),
            },
          }
        : {}),
      ...(promo ? { promoCode: promo } : {}),
      ...(points && pointsInput.trim() ? { redeemPoints: Number(pointsInput.trim()) } : {}),
      paymentProvider: 'manual' as const,
      locale: locale as 'en' | 'es',
    };
    const fingerprint = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== fingerprint) attempt.current = { key: newIdempotencyKey(), body: fingerprint };
    submitting.current = true;
    setBusy(true);
    setFields({});
    setFormError(null);
    const r = await call(api.public.orgs[':slug'].checkout.$post({ param: { slug }, header: { 'idempotency-key': attempt.current.key }, json: body }, { headers: await challenge.headers() }));
    if (r.ok) {
      void reload();
      router.push(`/${slug}/orders/${r.data.statusToken}?placed=1`);
      return;
    }
    submitting.current = false;
    setBusy(false);
    const details = (r.error.details ?? {}) as ConflictDetails;
    if (r.status === 400 && Object.keys(r.fields).length > 0) {
      setFields(Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, sentence(v)])));
      setFormError(t('fixErrors'));
    } else if (details.reason === 'insufficient_points' || details.reason === 'below_min_redeem' || String(details.reason ?? '').startsWith('points_')) {
      setFields({ redeemPoints: r.error.message });
      setFormError(t('fixErrors'));
    } else if (r.status === 409 && details.promo) {
      setPromo(null);
      setPromoError(details.promo.message ?? r.error.message);
      setFormError(r.error.message);
    } else if (r.status === 409 && (details.reason === 'out_of_stock' || details.reason === 'insufficient_stock')) {
      const lines = details.lines ?? [];
      setFormError(lines.length > 0 ? lines.map((l) => t('soldOutLine', { sku: l.sku ?? '', message: r.error.message })).join(' ') : r.error.message);
      void reload(query());
    } else if (r.status === 409 && details.reason === 'cart_changed') {
      setFormError(t('cartChanged'));
      void reload(query());
    } else if (r.status === 409 && details.reason === 'cart_empty') {
      setFormError(t('cartEmptyCheckout'));
    } else {
      setFormError(challengeRefusal(r) ?? explain(r));
    }
  }

  const err = (path: string) => fields[path] ?? null;
  const empty = cart !== null && cart.lines.length === 0;
  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  // The server's preview of the points on this cart (balance, most usable, what the typed ones take off).
  const preview = points ? (cart?.points ?? null) : null;
  const previewFresh = preview !== null && typedPoints === redeem;

  return (
    <form noValidate onSubmit={submit} className="mt-6 grid gap-6 lg:grid-cols-5">
      <div className="space-y-6 lg:col-span-3">
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-base font-semibold text-slate-900">{t('contactHeading')}</legend>
          <TextField id="co-email" label={t('email')} type="email" autoComplete="email" required maxLength={254} value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} error={err('contact.email')} />
          <TextField id="co-name" label={t('name')} autoComplete="name" required maxLength={120} value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} error={err('contact.name')} />
          <TextField id="co-phone" label={t('phone')} type="tel" autoComplete="tel" maxLength={40} value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} error={err('contact.phone')} />
        </fieldset>

        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-base font-semibold text-slate-900">{t('deliveryHeading')}</legend>
          {chosen === 'digital' ? <p className="text-sm text-slate-700">{t('digitalDelivery')}</p> : null}
          {options?.pickup && chosen !== 'digital' ? (
            <label className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="fulfilment" value="pickup" checked={chosen === 'pickup'} onChange={() => setFulfilment('pickup')} className="size-4" />
              {t('pickup')}
            </label>
          ) : null}
          {options?.shipping && chosen !== 'digital' ? (
            <label className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="fulfilment" value="shipping" checked={chosen === 'shipping'} onChange={() => setFulfilment('shipping')} className="size-4" />
              <span>
                {t('shipTo')} ({formatMoney(options.shippingFeeMinor, cart?.totals.currency ?? 'USD', locale)}
                {options.freeShippingOverMinor !== null ? `, ${t('freeShippingOver', { amount: formatMoney(options.freeShippingOverMinor, cart?.totals.currency ?? 'USD', locale) })}` : ''})
              </span>
            </label>
          ) : null}
          {err('fulfilment') ? <p className="text-sm font-medium text-red-700">{err('fulfilment')}</p> : null}
          {chosen === 'shipping' ? (
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField id="co-line1" className="sm:col-span-2" label={t('addressLine1')} autoComplete="address-line1" required maxLength={200} value={address.line1} onChange={(e) => setAddress({ ...address, line1: e.target.value })} error={err('address.line1') ?? err('address')} />
              <TextField id="co-line2" className="sm:col-span-2" label={t('addressLine2')} autoComplete="address-line2" maxLength={200} value={address.line2} onChange={(e) => setAddress({ ...address, line2: e.target.value })} error={err('address.line2')} />
              <TextField id="co-city" label={t('city')} autoComplete="address-level2" required maxLength={100} value={address.city} onChange={(e) => setAddress({ ...address, city: e.target.value })} error={err('address.city')} />
              <TextField id="co-region" label={t('region')} autoComplete="address-level1" maxLength={100} value={address.region} onChange={(e) => setAddress({ ...address, region: e.target.value })} error={err('address.region')} />
              <TextField id="co-postal" label={t('postalCode')} autoComplete="postal-code" required maxLength={20} value={address.postalCode} onChange={(e) => setAddress({ ...address, postalCode: e.target.value })} error={err('address.postalCode')} />
              <TextField id="co-country" label={t('country')} autoComplete="country" required maxLength={2} value={address.country} onChange={(e) => setAddress({ ...address, country: e.target.value })} error={err('address.country')} />
            </div>
          ) : null}
        </fieldset>

        <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-base font-semibold text-slate-900">{t('promoHeading')}</legend>
          <div className="flex flex-wrap items-end gap-2">
            <TextField
              id="co-promo"
              className="flex-1"
              label={t('promoLabel')}
              autoComplete="off"
              maxLength={40}
              value={promoInput}
              onChange={(e) => setPromoInput(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void applyCode();
                }
              }}
              error={promoError ?? err('promoCode')}
            />
            {promo ? (
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setPromo(null);
                  setPromoInput('');
                }}
              >
                {t('removeCode')}
              </Button>
            ) : (
              <Button type="button" variant="secondary" disabled={promoBusy || !promoInput.trim()} onClick={() => void applyCode()}>
                {t('applyCode')}
              </Button>
            )}
          </div>
          <LiveRegion>
            {promo && cart?.promo?.applies ? (
              <p className="text-sm text-emerald-800">{t('promoApplied', { code: promo, amount: formatMoney(cart.promo.discountMinor, cart.totals.currency, locale) })}</p>
            ) : null}
          </LiveRegion>
        </fieldset>

        {points ? (
          <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-base font-semibold text-slate-900">{tl('checkoutHeading')}</legend>
            <p className="text-sm text-slate-700">{tl('balance', { points: preview?.balance ?? points.points, value: money(points.valueMinor, points.currency) })}</p>
            {(preview?.balance ?? points.points) >= points.minRedeemPoints ? (
              <>
                {preview && preview.maxUsable > 0 ? (
                  <Button type="button" variant="secondary" size="sm" onClick={() => setPointsInput(String(preview.maxUsable))}>
                    {tl('useMax', { points: preview.maxUsable, value: money(preview.maxValueMinor, preview.currency) })}
                  </Button>
                ) : preview ? (
                  <p className="text-sm text-slate-600">{tl('noneUsable')}</p>
                ) : null}
                <TextField
                  id="co-points"
                  label={tl('pointsToUse')}
                  type="number"
                  inputMode="numeric"
                  min={points.minRedeemPoints}
                  max={preview?.balance ?? points.points}
                  step={1}
                  hint={tl('pointsHint', { min: points.minRedeemPoints, max: preview?.maxUsable || (preview?.balance ?? points.points) })}
                  value={pointsInput}
                  onChange={(e) => setPointsInput(e.target.value)}
                  error={err('redeemPoints')}
                />
                <LiveRegion>
                  {previewFresh && typedPoints !== null && preview.using && cart ? (
                    <p className="text-sm text-emerald-800" data-testid="points-preview">
                      {tl('previewUsing', { points: preview.using.points, value: money(preview.using.discountMinor, preview.currency), total: money(cart.totals.totalMinor, cart.totals.currency) })}
                    </p>
                  ) : previewFresh && typedPoints !== null && preview.problem ? (
                    <p className="text-sm text-amber-800">{tl(`previewProblems.${preview.problem}`, { min: preview.minRedeemPoints, balance: preview.balance })}</p>
                  ) : null}
                </LiveRegion>
              </>
            ) : (
              <p className="text-sm text-slate-600">{tl('belowMin', { min: points.minRedeemPoints })}</p>
            )}
          </fieldset>
        ) : null}

        <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-base font-semibold text-slate-900">{t('paymentHeading')}</legend>
          <label className="flex items-start gap-2 text-sm text-slate-900">
            <input type="radio" name="payment" value="manual" checked readOnly className="mt-0.5 size-4" aria-describedby="pay-manual-hint" />
            <span>
              {t('payManual')}
              <span id="pay-manual-hint" className="block text-slate-600">
                {t('payManualHint')}
              </span>
            </span>
          </label>
        </fieldset>
      </div>

      <section aria-labelledby="summary-title" className="h-fit rounded-lg border border-slate-200 bg-white p-4 lg:col-span-2">
        <h2 id="summary-title" className="text-base font-semibold text-slate-900">
          {t('summaryHeading')}
        </h2>
        <CartContents readOnly />
        <div aria-live="assertive">
          {formError ? (
            <Alert tone="error" className="mt-3">
              {formError}
            </Alert>
          ) : null}
        </div>
        <Button type="submit" className="mt-4 w-full" disabled={busy || empty || !cart || !chosen || !cart.purchasable}>
          {busy ? t('placing') : t('placeOrder')}
        </Button>
        <FormChallengeStatus challenge={challenge} className="mt-2" />
      </section>
    </form>
  );
}
