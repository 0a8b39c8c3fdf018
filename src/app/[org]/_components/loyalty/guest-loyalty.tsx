/**
 * The buyer's loyalty points on an order status page or a booking's manage page (the API's
 * `loyalty` summary of their email): points and tier, how far the next tier is, recent rows.
 * Renders nothing when the business runs no program.
 */
import { getTranslations } from 'next-intl/server';
import type { GuestLoyaltyDto } from '@/modules/loyalty';
import { formatDateTime, formatMoney } from '../../_lib/format';

export async function GuestLoyalty({ loyalty, locale, timeZone }: { loyalty: GuestLoyaltyDto | null; locale: string; timeZone: string }) {
  if (!loyalty || !loyalty.summary.enabled) return null;
  const t = await getTranslations({ locale, namespace: 'loyalty' });
  const s = loyalty.summary;
  return (
    <section aria-labelledby="loyalty-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="loyalty-title" className="text-base font-semibold text-slate-900">
        {t('guestHeading')}
      </h2>
      <p className="mt-2 text-sm text-slate-900">
        {t('guestSummary', { points: s.points, tier: t(`tiers.${s.tier}`) })} · {formatMoney(s.valueMinor, s.currency, locale)}
      </p>
      <p className="text-sm text-slate-700">{s.nextTier && s.pointsToNext !== null ? t('toNext', { points: s.pointsToNext, tier: t(`tiers.${s.nextTier}`) }) : t('topTier')}</p>
      {loyalty.recent.length > 0 ? (
        <>
          <h3 className="mt-3 text-sm font-medium text-slate-900">{t('recent')}</h3>
          <ul className="mt-1 space-y-1 text-sm text-slate-700">
            {loyalty.recent.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2">
                <span>
                  <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale, timeZone)}</time> — {t(`kinds.${r.kind}`)}
                </span>
                <span className="tabular-nums">{r.delta > 0 ? `+${r.delta}` : `−${Math.abs(r.delta)}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
