import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { catalogSchemas, listServices } from '@/modules/catalog';
import { parseInput } from '@/modules/kernel';
import { Badge } from '@/ui/badge';
import { Button, buttonClasses } from '@/ui/button';
import { SelectField, TextField } from '@/ui/field';
import { EmptyState } from '@/ui/empty-state';
import { cx, focusRing } from '@/ui/class-names';
import { Pagination } from '../../../_components/pagination';
import { formatMoney } from '../../../_lib/format';
import { PAGE_SIZE, pageNumber, type SearchParams } from '../../../_lib/list-query';
import { catalogAccess } from '../_lib/access';
import { catalogBase } from '../_lib/catalog';
import { CatalogForbidden, CatalogHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ tenant }, t] = await Promise.all([catalogAccess((await params).slug), getTranslations('catalogPage.services')]);
  return { title: t('metaTitle', { organization: tenant.name }) };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

interface ServiceFilters {
  status: 'all' | 'active' | 'archived';
  category: '' | 'primary' | 'additional';
  q: string;
  page: number;
}

function parse(sp: SearchParams): ServiceFilters {
  const status = first(sp.status);
  const category = first(sp.category);
  return {
    status: status === 'active' || status === 'archived' ? status : 'all',
    category: category === 'primary' || category === 'additional' ? category : '',
    q: first(sp.q).trim().slice(0, 100),
    page: pageNumber(sp.page),
  };
}

function search(f: ServiceFilters): string {
  const p = new URLSearchParams();
  if (f.status !== 'all') p.set('status', f.status);
  if (f.category) p.set('category', f.category);
  if (f.q) p.set('q', f.q);
  if (f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export default async function ServicesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const filters = parse(await searchParams);
  const [{ ctx, tenant, canRead, canWrite }, t, locale] = await Promise.all([catalogAccess(slug), getTranslations('catalogPage'), getLocale()]);
  if (!canRead) return <CatalogForbidden slug={slug} organization={tenant.name} />;
  const base = `${catalogBase(slug)}/services`;
  const query = parseInput(
    catalogSchemas.listServicesQuery,
    {
      active: filters.status === 'all' ? undefined : String(filters.status === 'active'),
      category: filters.category || undefined,
      q: filters.q || undefined,
      page: filters.page,
      pageSize: PAGE_SIZE,
    },
    'query',
  );
  const { data, pagination } = await listServices(ctx, query);
  const filtered = filters.status !== 'all' || !!filters.category || !!filters.q;

  return (
    <div className="mx-auto max-w-6xl">
      <CatalogHeader
        slug={slug}
        tab="services"
        title={t('services.title')}
        intro={t('services.intro')}
        readOnly={!canWrite}
        actions={
          canWrite ? (
            <Link href={`${base}/new`} className={buttonClasses()}>
              {t('services.new')}
            </Link>
          ) : null
        }
      />
      <form
        method="get"
        action={base}
        role="search"
        aria-label={t('services.filters.label')}
        className="mt-6 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:flex-wrap sm:items-end"
      >
        <TextField id="services-q" name="q" type="search" label={t('services.filters.search')} defaultValue={filters.q} maxLength={100} className="min-w-0 sm:flex-1" />
        <SelectField id="services-status" name="status" label={t('services.filters.status')} defaultValue={filters.status} className="sm:w-44">
          <option value="all">{t('services.filters.all')}</option>
          <option value="active">{t('services.filters.active')}</option>
          <option value="archived">{t('services.filters.archived')}</option>
        </SelectField>
        <SelectField id="services-category" name="category" label={t('services.filters.category')} defaultValue={filters.category} className="sm:w-44">
          <option value="">{t('services.filters.anyCategory')}</option>
          <option value="primary">{t('serviceForm.categories.primary')}</option>
          <option value="additional">{t('serviceForm.categories.additional')}</option>
        </SelectField>
        <div className="flex gap-2">
          <Button type="submit">{t('services.filters.apply')}</Button>
          {filtered ? (
            <Link href={base} className={buttonClasses({ variant: 'secondary' })}>
              {t('services.filters.clear')}
            </Link>
          ) : null}
        </div>
      </form>

      <p className="mt-6 text-sm text-slate-700" aria-live="polite">
        {t('services.count', { count: pagination.total })}
      </p>
      {data.length === 0 ? (
        <EmptyState
          className="mt-3"
          title={filtered ? t('services.emptyFilteredTitle') : t('services.emptyTitle')}
          description={filtered ? t('services.emptyFilteredBody') : t('services.emptyBody')}
          action={
            canWrite && !filtered ? (
              <Link href={`${base}/new`} className={buttonClasses()}>
                {t('services.new')}
              </Link>
            ) : null
          }
        />
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label={t('services.listLabel')}>
          {data.map((s) => (
            <li key={s.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link href={`${base}/${s.id}`} className={cx('font-semibold break-words text-indigo-800 hover:underline', focusRing)}>
                  {s.name}
                </Link>
                <p className="mt-0.5 text-sm break-words text-slate-600">
                  {t('services.summary', { minutes: s.durationMinutes, resources: s.resourceIds.length })} · <code>{s.slug}</code>
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium text-slate-900">
                  {s.priceFrom ? t('services.from') + ' ' : ''}
                  {formatMoney(s.priceMinor, s.currency, locale)}
                </span>
                <Badge tone={s.category === 'primary' ? 'brand' : 'neutral'}>{t(`serviceForm.categories.${s.category}`)}</Badge>
                {s.active ? <Badge tone="success">{t('services.filters.active')}</Badge> : <Badge tone="neutral">{t('services.filters.archived')}</Badge>}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        className="mt-4"
        label={t('services.pagesLabel')}
        page={pagination.page}
        totalPages={pagination.totalPages}
        hasMore={pagination.hasMore}
        href={(p) => `${base}${search({ ...filters, page: p })}`}
      />
    </div>
  );
}
