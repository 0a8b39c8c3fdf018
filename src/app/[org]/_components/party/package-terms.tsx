'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { PackageDto } from '@/modules/catalog/schemas';
import { formatMoney } from '../../_lib/format';

/**
 * A package's terms in words, shown before "Book": the deposit taken when booking, when the
 * balance is due, and what cancelling refunds by notice (longest notice first; below every step
 * nothing is refunded).
 */
export function PackageTerms({ pkg, currency, headingId }: { pkg: PackageDto; currency: string; headingId: string }) {
  const t = useTranslations('party');
  const locale = useLocale();
  return (
    <section aria-labelledby={headingId} className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="package-terms">
      <h3 id={headingId} className="font-semibold text-slate-900">
        {t('terms.title')}
      </h3>
      <p className="mt-1">
        {pkg.depositType === 'percent'
          ? t('terms.depositPercent', { percent: pkg.depositValue })
          : t('terms.depositFixed', { amount: formatMoney(pkg.depositValue, currency, locale) })}{' '}
        {pkg.balanceDueDays > 0 ? t('terms.balanceDays', { count: pkg.balanceDueDays }) : t('terms.balanceOnDay')}
      </p>
      <CancellationSteps policy={pkg.cancellationPolicy} className="mt-1" />
    </section>
  );
}

/** What cancelling refunds by notice, in words (longest notice first; below every step nothing). */
export function CancellationSteps({ policy, className }: { policy: readonly { minNoticeHours: number; refundPercent: number }[]; className?: string }) {
  const t = useTranslations('party');
  const steps = [...policy].sort((a, b) => b.minNoticeHours - a.minNoticeHours);
  const notice = (hours: number) => (hours % 24 === 0 && hours > 0 ? t('terms.days', { count: hours / 24 }) : t('terms.hours', { count: hours }));
  const last = steps[steps.length - 1];
  return (
    <>
      {steps.length === 0 ? (
        <p className={className}>{t('terms.noRefunds')}</p>
      ) : (
        <ul className={`${className ?? ''} list-disc space-y-0.5 pl-5`}>
          {steps.map((s) => (
            <li key={s.minNoticeHours}>
              {s.minNoticeHours === 0
                ? t('terms.stepAnyTime', { percent: s.refundPercent })
                : t('terms.step', { notice: notice(s.minNoticeHours), percent: s.refundPercent })}
            </li>
          ))}
          {last && last.minNoticeHours > 0 ? <li>{t('terms.stepLate', { notice: notice(last.minNoticeHours) })}</li> : null}
        </ul>
      )}
    </>
  );
}
