import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { listBlackouts, listDateOverrides, listResources } from '@/modules/catalog';
import { translationLocales } from '@/modules/catalog/schemas';
import { Badge } from '@/ui/badge';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatLongRange, wallClock } from '../../../_lib/format';
import { catalogAccess } from '../_lib/access';
import { CatalogForbidden, CatalogHeader } from '../_components/page-header';
import { BlackoutForm, DeleteClosureButton, OverrideForm } from './closure-forms';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ tenant }, t] = await Promise.all([catalogAccess((await params).slug), getTranslations('catalogPage.closures')]);
  return { title: t('metaTitle', { organization: tenant.name }) };
}

/** Special dates (closed or different hours) and blackouts ahead, org-wide or per resource. */
export default async function ClosuresPage({ params }: Props) {
  const { slug } = await params;
  const [{ ctx, tenant, canRead, canWrite }, t, locale] = await Promise.all([catalogAccess(slug), getTranslations('catalogPage.closures'), getLocale()]);
  if (!canRead) return <CatalogForbidden slug={slug} organization={tenant.name} />;
  const now = new Date();
  const [overrides, blackouts, resources] = await Promise.all([
    listDateOverrides(ctx, { from: wallClock(now, tenant.timezone).date, page: 1, pageSize: 100 }),
    listBlackouts(ctx, { from: now, page: 1, pageSize: 100 }),
    listResources(ctx, { page: 1, pageSize: 100 }),
  ]);
  const names = new Map(resources.data.map((r) => [r.id, r.name]));
  const scope = (id: string | null) => (id ? (names.get(id) ?? t('unknownResource')) : t('wholeOrganization'));
  const options = resources.data.filter((r) => r.active).map((r) => ({ id: r.id, name: r.name }));

  return (
    <div className="mx-auto max-w-5xl">
      <CatalogHeader slug={slug} tab="closures" title={t('title')} intro={t('intro', { zone: tenant.timezone })} readOnly={!canWrite} />

      <section aria-labelledby="overrides-title" className="mt-8">
        <h2 id="overrides-title" className="text-xl font-semibold text-slate-900">
          {t('overridesTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('overridesIntro')}</p>
        {overrides.data.length === 0 ? (
          <EmptyState className="mt-4" headingLevel="h3" title={t('noOverrides')} />
        ) : (
          <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {overrides.data.map((o) => {
              const label = `${formatDate(`${o.date}T12:00:00Z`, locale, 'UTC')} · ${scope(o.resourceId)}`;
              return (
                <li key={o.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{label}</p>
                    <p className="text-sm text-slate-700">
                      {o.ranges.length === 0 ? t('closedAllDay') : o.ranges.map((r) => `${r.start}–${r.end}`).join(', ')}
                      {o.reason ? ` · ${o.reason}` : ''}
                    </p>
                  </div>
                  {canWrite ? <DeleteClosureButton slug={slug} closure={{ overrideId: o.id }} label={label} /> : null}
                </li>
              );
            })}
          </ul>
        )}
        {canWrite ? (
          <div className="mt-4">
            <OverrideForm slug={slug} resources={options} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="blackouts-title" className="mt-10">
        <h2 id="blackouts-title" className="text-xl font-semibold text-slate-900">
          {t('blackoutsTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('blackoutsIntro')}</p>
        {blackouts.data.length === 0 ? (
          <EmptyState className="mt-4" headingLevel="h3" title={t('noBlackouts')} />
        ) : (
          <ul className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {blackouts.data.map((b) => {
              const label = `${formatLongRange(b.startsAt, b.endsAt, locale, tenant.timezone)} · ${scope(b.resourceId)}`;
              return (
                <li key={b.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">
                      {label} <Badge tone={b.kind === 'maintenance' ? 'warning' : 'neutral'}>{t(`kinds.${b.kind}`)}</Badge>
                    </p>
                    {b.reason ? <p className="text-sm text-slate-700">{b.reason}</p> : null}
                  </div>
                  {canWrite ? <DeleteClosureButton slug={slug} closure={{ blackoutId: b.id }} label={label} /> : null}
                </li>
              );
            })}
          </ul>
        )}
        {canWrite ? (
          <div className="mt-4">
            <BlackoutForm slug={slug} timezone={tenant.timezone} resources={options} translateInto={translationLocales(tenant.locale)} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
