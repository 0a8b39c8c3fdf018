'use client';

/**
 * The shop's cart in the browser: one provider per site (the layout), the header's cart button
 * with its count, the cart drawer (a modal dialog: focus stays inside, Escape closes, focus goes
 * back to the button), and the lines with quantity change / remove and the API's reason per line.
 * The cart lives on the server (a guest's by an httpOnly cookie); prices and totals are the
 * server's, never computed here.
 */
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiFailure, type ApiResult, api, call, failureMessage } from '@/app/_lib/api';
import type { CartDto } from '@/modules/orders/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { Spinner } from '@/ui/spinner';
import { formatDateTime, formatMoney } from '../../_lib/format';

type Locale = 'en' | 'es';

/** The event a ticket line's variant belongs to (a cart line names only the hidden ticket product). */
export interface TicketEvent {
  slug: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
}
type Result = { ok: true; cart: CartDto } | { ok: false; failure: ApiFailure };

interface CartState {
  slug: string;
  cart: CartDto | null;
  loading: boolean;
  error: string | null;
  drawerOpen: boolean;
  setDrawerOpen: (open: boolean) => void;
  reload: (q?: { promoCode?: string; fulfilment?: 'pickup' | 'shipping' | 'digital'; redeemPoints?: string }) => Promise<Result>;
  add: (variantId: string, quantity: number) => Promise<Result>;
  update: (lineId: string, quantity: number) => Promise<Result>;
  remove: (lineId: string) => Promise<Result>;
  /** A message in the page's language for a failed request. */
  explain: (failure: ApiFailure) => string;
  /** Ticket lines' events by variant id (the lines of products are not in it). */
  ticketEvents: Record<string, TicketEvent>;
}

// The typed client's proxies are new objects on every access: read them inside the callbacks,
// never as a dependency (a new one per render would reload the cart forever).
const cartRoutes = () => api.public.orgs[':slug'].cart;

const CartContext = createContext<CartState | null>(null);

export function useCart(): CartState {
  const state = useContext(CartContext);
  if (!state) throw new Error('useCart outside CartProvider');
  return state;
}

/**
 * `events`: the organization sells event tickets. A cart line carries the ticket product's
 * title (the event's) but not the event's address or date, so those are looked up once per
 * unknown line in the public events API (cached answers): the list, then the details of the
 * events whose title a line shows, which name their ticket types' variants.
 */
export function CartProvider({ slug, events = false, children }: { slug: string; events?: boolean; children: ReactNode }) {
  const locale = (useLocale() === 'es' ? 'es' : 'en') as Locale;
  const t = useTranslations('shop');
  const [cart, setCart] = useState<CartDto | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const explain = useCallback((f: ApiFailure) => failureMessage(f, (k) => t(k)), [t]);
  // The loaders below must stay the same functions across renders (the first load runs once).
  const explainRef = useRef(explain);
  useEffect(() => {
    explainRef.current = explain;
  });

  const settle = useCallback(
    (r: ApiResult<CartDto>, keepOnFailure: boolean): Result => {
      if (r.ok) {
        setCart(r.data);
        setError(null);
        return { ok: true, cart: r.data };
      }
      if (!keepOnFailure) setError(explainRef.current(r));
      return { ok: false, failure: r };
    },
    [],
  );

  const reload = useCallback(
    async (q: { promoCode?: string; fulfilment?: 'pickup' | 'shipping' | 'digital'; redeemPoints?: string } = {}) => {
      setLoading(true);
      const r = await call(cartRoutes().$get({ param: { slug }, query: { locale, ...q } }));
      setLoading(false);
      return settle(r, false);
    },
    [slug, locale, settle],
  );
  const add = useCallback(
    async (variantId: string, quantity: number) => settle(await call(cartRoutes().lines.$post({ param: { slug }, json: { variantId, quantity } })), true),
    [slug, settle],
  );
  const update = useCallback(
    async (lineId: string, quantity: number) => settle(await call(cartRoutes().lines[':lineId'].$patch({ param: { slug, lineId }, json: { quantity } })), true),
    [slug, settle],
  );
  const remove = useCallback(async (lineId: string) => settle(await call(cartRoutes().lines[':lineId'].$delete({ param: { slug, lineId } })), true), [slug, settle]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const [ticketEvents, setTicketEvents] = useState<Record<string, TicketEvent>>({});
  const looked = useRef(new Set<string>());
  useEffect(() => {
    if (!events || !cart) return;
    const unknown = cart.lines.filter((l) => !looked.current.has(l.variantId));
    if (unknown.length === 0) return;
    for (const l of unknown) looked.current.add(l.variantId);
    const titles = new Set(unknown.map((l) => l.productTitle));
    void (async () => {
      const routes = api.public.orgs[':slug'].events;
      const list = await call(routes.$get({ param: { slug }, query: { page: '1', pageSize: '100', locale } }));
      if (!list.ok) return;
      const found: Record<string, TicketEvent> = {};
      await Promise.all(
        list.data.data
          .filter((e) => titles.has(e.title))
          .map(async (e) => {
            const detail = await call(routes[':eventSlug'].$get({ param: { slug, eventSlug: e.slug }, query: { locale } }));
            if (!detail.ok) return;
            for (const type of detail.data.ticketTypes) found[type.variantId] = { slug: e.slug, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, timezone: e.timezone };
          }),
      );
      if (Object.keys(found).length > 0) setTicketEvents((old) => ({ ...old, ...found }));
    })();
  }, [events, cart, slug, locale]);

  const value = useMemo<CartState>(
    () => ({ slug, cart, loading, error, drawerOpen, setDrawerOpen, reload, add, update, remove, explain, ticketEvents }),
    [slug, cart, loading, error, drawerOpen, reload, add, update, remove, explain, ticketEvents],
  );
  return (
    <CartContext.Provider value={value}>
      {children}
      <CartDrawer />
    </CartContext.Provider>
  );
}

function CartIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
      <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="10" cy="20" r="1.3" />
      <circle cx="17" cy="20" r="1.3" />
    </svg>
  );
}

/** The header's cart button: opens the drawer; its name says how many items are in the cart. */
export function CartButton() {
  const { cart, setDrawerOpen } = useCart();
  const t = useTranslations('shop');
  const count = cart?.itemCount ?? 0;
  return (
    <button
      type="button"
      onClick={() => setDrawerOpen(true)}
      aria-haspopup="dialog"
      aria-label={t('cartButton', { count })}
      className={buttonClasses({ variant: 'secondary', size: 'sm' })}
    >
      <CartIcon />
      <span aria-hidden="true" className="min-w-4 text-center tabular-nums">
        {count}
      </span>
    </button>
  );
}

function CartDrawer() {
  const { slug, cart, drawerOpen, setDrawerOpen } = useCart();
  const t = useTranslations('shop');
  const close = () => setDrawerOpen(false);
  return (
    <Dialog open={drawerOpen} onClose={close} title={t('cartTitle')} closeLabel={t('close')}>
      <CartContents compact />
      {cart && cart.lines.length > 0 ? (
        <div className="mt-4 flex flex-wrap gap-2">
          <Link href={`/${slug}/checkout`} onClick={close} className={buttonClasses({ variant: 'primary' })}>
            {t('checkout')}
          </Link>
          <Link href={`/${slug}/cart`} onClick={close} className={buttonClasses({ variant: 'secondary' })}>
            {t('viewCart')}
          </Link>
        </div>
      ) : (
        <Button variant="secondary" className="mt-4" onClick={close} data-autofocus>
          {t('continueShopping')}
        </Button>
      )}
    </Dialog>
  );
}

/** The lines (quantity, remove, reasons) and the server's totals; loading, empty and error states. */
export function CartContents({ compact = false, readOnly = false }: { compact?: boolean; readOnly?: boolean }) {
  const { cart, loading, error, reload } = useCart();
  const t = useTranslations('shop');
  if (!cart && loading) {
    return (
      <p role="status" className="flex items-center gap-2 py-6 text-sm text-slate-700">
        <Spinner /> {t('cartLoading')}
      </p>
    );
  }
  if (!cart) {
    return (
      <Alert tone="error" title={t('cartError')}>
        <p>{error}</p>
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => void reload()}>
          {t('retry')}
        </Button>
      </Alert>
    );
  }
  if (cart.lines.length === 0) return <p className="py-6 text-sm text-slate-700">{t('cartEmpty')}</p>;
  return (
    <div>
      <ul className="divide-y divide-slate-200">
        {cart.lines.map((line) => (
          <CartLine key={line.id} line={line} currency={cart.totals.currency} compact={compact} readOnly={readOnly} />
        ))}
      </ul>
      <CartTotals totals={cart.totals} />
    </div>
  );
}

function CartLine({ line, currency, compact, readOnly }: { line: CartDto['lines'][number]; currency: string; compact: boolean; readOnly: boolean }) {
  const { slug, update, remove, explain, ticketEvents } = useCart();
  const t = useTranslations('shop');
  const te = useTranslations('events');
  const ticket = ticketEvents[line.variantId];
  const locale = useLocale();
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const name = line.variantTitle ? `${line.productTitle} — ${line.variantTitle}` : line.productTitle;
  useEffect(() => setQuantity(String(line.quantity)), [line.quantity]);

  async function run(work: () => ReturnType<CartState['update']>) {
    setBusy(true);
    setProblem(null);
    const r = await work();
    setBusy(false);
    if (!r.ok) setProblem(explain(r.failure));
  }
  const qtyId = `qty-${line.id}`;
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <Link href={ticket ? `/${slug}/events/${ticket.slug}` : `/${slug}/products/${line.productSlug}`} className="font-medium text-slate-900 underline-offset-2 hover:underline">
            {line.productTitle}
          </Link>
          {line.variantTitle ? <p className="text-sm text-slate-700">{line.variantTitle}</p> : null}
          {ticket ? (
            <p className="text-sm text-slate-700">
              <time dateTime={ticket.startsAt}>{te('ticketLine', { date: formatDateTime(ticket.startsAt, locale, ticket.timezone) })}</time>
            </p>
          ) : null}
          <p className="text-xs text-slate-600">{t('each', { price: formatMoney(line.unitPriceMinor, currency, locale) })}</p>
        </div>
        <p className="font-medium text-slate-900 tabular-nums">{formatMoney(line.lineTotalMinor, currency, locale)}</p>
      </div>
      {line.problems.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-sm text-red-800">
          {line.problems.map((p) => (
            <li key={p.code}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {readOnly ? (
        <p className="mt-1 text-sm text-slate-700">
          {t('quantity')}: {line.quantity}
        </p>
      ) : (
        <form
          className={`mt-2 flex flex-wrap items-end gap-2 ${compact ? '' : 'sm:gap-3'}`}
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(quantity);
            if (Number.isInteger(n) && n >= 1) void run(() => update(line.id, n));
          }}
        >
          <div>
            <label htmlFor={qtyId} className="sr-only">
              {t('quantityOf', { name })}
            </label>
            <input
              id={qtyId}
              type="number"
              min={1}
              max={999}
              inputMode="numeric"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
              className="h-9 w-20 rounded-md border border-slate-300 px-2 text-sm focus:outline-2 focus:outline-indigo-600"
            />
          </div>
          <Button type="submit" variant="secondary" size="sm" disabled={busy || quantity === String(line.quantity)}>
            {t('update')}
          </Button>
          <Button type="button" variant="ghost" size="sm" disabled={busy} onClick={() => void run(() => remove(line.id))} aria-label={t('remove', { name })}>
            ✕
          </Button>
        </form>
      )}
      <LiveRegion>{problem ? <p className="mt-1 text-sm text-red-800">{problem}</p> : null}</LiveRegion>
    </li>
  );
}

export function CartTotals({ totals }: { totals: CartDto['totals'] }) {
  const t = useTranslations('shop');
  const locale = useLocale();
  const m = (n: number) => formatMoney(n, totals.currency, locale);
  return (
    <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm">
      <Row term={t('subtotal')} value={m(totals.subtotalMinor)} />
      {totals.discountMinor > 0 ? <Row term={t('discount')} value={`−${m(totals.discountMinor)}`} /> : null}
      {totals.shippingMinor > 0 ? <Row term={t('shipping')} value={m(totals.shippingMinor)} /> : null}
      {totals.taxMinor > 0 ? <Row term={t('tax')} value={m(totals.taxMinor)} /> : null}
      <Row term={t('total')} value={m(totals.totalMinor)} strong />
    </dl>
  );
}

function Row({ term, value, strong = false }: { term: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-4 ${strong ? 'text-base font-semibold text-slate-900' : 'text-slate-700'}`}>
      <dt>{term}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}
