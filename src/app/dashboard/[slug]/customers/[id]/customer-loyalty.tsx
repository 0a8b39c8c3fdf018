/**
 * A customer's loyalty points on their page: balance, value, tier, the ledger (newest first,
 * paginated by `?lpage=`) and, for loyalty:manage, the adjustment form. Renders nothing while the
 * business runs no program and the customer has no points history.
 */
import { getTranslations } from 'next-intl/server';
import type { CustomerLoyaltyDto } from '@/modules/loyalty';
import { Card, CardTitle } from '@/ui/card';
import { Pagination } from '../../../_components/pagination';
import { formatDateTime, formatMoney } from '../../../_lib/format';
import { AdjustPoints } from './adjust-points';

export async function CustomerLoyalty({
  slug,
  loyalty,
  locale,
  zone,
  canAdjust,
  href,
}: {
  slug: string;
  loyalty: CustomerLoyaltyDto;
  locale: string;
  zone: string;
  canAdjust: boolean;
  href: (p: number) => string;
}) {
  const { summary: s, ledger } = loyalty;
  if (!s.enabled && ledger.pagination.total === 0) return null;
  const t = await getTranslations('loyaltyAdmin.customer');
  const tl = await getTranslations('loyalty');
  return (
    <Card as="section" aria-labelledby="customer-loyalty-title" className="mt-8">
      <CardTitle id="customer-loyalty-title">{t('title')}</CardTitle>
      {!s.enabled ? <p className="mt-2 text-sm text-slate-600">{t('programOff')}</p> : null}
      <dl className="mt-3 grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600">{t('balance')}</dt>
          <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid="loyalty-balance">
            {s.points}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('value')}</dt>
          <dd className="mt-1 font-medium text-slate-900 tabular-nums">{formatMoney(s.valueMinor, s.currency, locale)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('tier')}</dt>
          <dd className="mt-1 font-medium text-slate-900">{tl(`tiers.${s.tier}`)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t('lifetime')}</dt>
          <dd className="mt-1 font-medium text-slate-900 tabular-nums">{s.lifetimeEarned}</dd>
        </div>
      </dl>
      <p className="mt-2 text-sm text-slate-700">{s.nextTier && s.pointsToNext !== null ? tl('toNext', { points: s.pointsToNext, tier: tl(`tiers.${s.nextTier}`) }) : tl('topTier')}</p>

      <h3 className="mt-4 text-sm font-semibold text-slate-900">{t('ledger')}</h3>
      {ledger.data.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{ledger.pagination.total === 0 ? t('noLedger') : t('pageEmpty')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {ledger.data.map((r) => (
            <li key={r.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                <span className="font-medium text-slate-900">{tl(`kinds.${r.kind}`)}</span>
                {r.reason ? <span className="break-words text-slate-700"> — {r.reason}</span> : null}
                <span className="block text-slate-600">
                  <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale, zone)}</time> · {t('balanceAfter', { points: r.balanceAfter })}
                </span>
              </span>
              <span className="font-medium text-slate-900 tabular-nums">{r.delta > 0 ? `+${r.delta}` : `−${Math.abs(r.delta)}`}</span>
            </li>
          ))}
        </ul>
      )}
      <Pagination label={t('ledgerPages')} page={ledger.pagination.page} totalPages={ledger.pagination.totalPages} hasMore={ledger.pagination.hasMore} href={href} className="mt-3" />
      {canAdjust ? <AdjustPoints slug={slug} customerId={loyalty.customerId} /> : null}
    </Card>
  );
}
