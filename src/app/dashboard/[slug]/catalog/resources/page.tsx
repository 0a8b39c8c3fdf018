import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { type BlackoutDto, catalogSchemas, listBlackouts, listResources } from '@/modules/catalog';
import { parseInput } from '@/modules/kernel';
import { Badge } from '@/ui/badge';
import { Button, buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { SelectField, TextField } from '@/ui/field';
import { Pagination } from '../../../_components/pagination';
import { formatDateTime } from '../../../_lib/format';
import { PAGE_SIZE, pageNumber, type SearchParams } from '../../../_lib/list-query';
import { catalogAccess } from '../_lib/access';
import { catalogBase, type ResourceKind, resourceKinds } from '../_lib/catalog';
import { CatalogForbidden, CatalogHeader } from '../_components/page-header';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ tenant }, t] = await Promise.all([catalogAccess((await params).slug), getTranslations('catalogPage.resources')]);
  return { title: t('metaTitle', { organization: tenant.name }) };
}

const MAINTENANCE_NOTICE_MS = 60 * 86_400_000;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

interface ResourceFilters {
  kind: ResourceKind | '';
  section: string;
  status: 'all' | 'active' | 'archived';
  q: string;
  page: number;
}

function parse(sp: SearchParams): ResourceFilters {
  const kind = first(sp.kind);
  const status = first(sp.status);
  return {
    kind: (resourceKinds as readonly string[]).includes(kind) ? (kind as ResourceKind) : '',
    section: first(sp.section).trim().slice(0, 60),
    status: status === 'active' || status === 'archived' ? status : 'all',
    q: first(sp.q).trim().slice(0, 100),
    page: pageNumber(sp.page),
  };
}

function search(f: ResourceFilters): string {
  const p = new URLSearchParams();
  if (f.kind) p.set('kind', f.kind);
  if (f.section) p.set('section', f.section);
  if (f.status !== 'all') p.set('status', f.status);
  if (f.q) p.set('q', f.q);
  if (f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export default async function ResourcesPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const filters = parse(await searchParams);
  const [{ ctx, tenant, canRead, canWrite }, t, locale] = await Promise.all([catalogAccess(slug), getTranslations('catalogPage'), getLocale()]);
  if (!canRead) return <CatalogForbidden slug={slug} organization={tenant.name} />;
  const base = `${catalogBase(slug)}/resources`;
  const query = parseInput(
    catalogSchemas.listResourcesQuery,
    {
      kind: filters.kind || undefined,
      section: filters.section || undefined,
      active: filters.status === 'all' ? undefined : String(filters.status === 'active'),
      q: filters.q || undefined,
      page: filters.page,
      pageSize: PAGE_SIZE,
    },
    'query',
  );
  const now = new Date();
  const [{ data, pagination }, maintenance] = await Promise.all([
    listResources(ctx, query),
    // The maintenance windows under way or in the next 60 days, as the public pages announce them.
    listBlackouts(ctx, { kind: 'maintenance', from: now, to: new Date(now.getTime() + MAINTENANCE_NOTICE_MS), page: 1, pageSize: 100 }),
  ]);
  const maintenanceOf = (resourceId: string): BlackoutDto | undefined => maintenance.data.find((b) => b.resourceId === resourceId || b.resourceId === null);
  const maintenanceText = (b: BlackoutDto) => {
    const until = formatDateTime(b.endsAt, locale, tenant.timezone);
    const notice = Date.parse(b.startsAt) <= now.getTime() ? t('resources.maintenanceNow', { until }) : t('resources.maintenanceNext', { from: formatDateTime(b.startsAt, locale, tenant.timezone), until });
    return b.reason ? `${notice}: ${b.reason}` : notice;
  };
  const filtered = !!(filters.kind || filters.section || filters.q) || filters.status !== 'all';

  return (
    <div className="mx-auto max-w-6xl">
      <CatalogHeader
        slug={slug}
        tab="resources"
        title={t('resources.title')}
        intro={t('resources.intro')}
        readOnly={!canWrite}
        actions={
          canWrite ? (
            <Link href={`${base}/new`} className={buttonClasses()}>
              {t('resources.new')}
            </Link>
          ) : null
        }
      />
      <form
        method="get"
        action={base}
        role="search"
        aria-label={t('resources.filters.label')}
        className="mt-6 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:flex-wrap sm:items-end"
      >
        <TextField id="resources-q" name="q" type="search" label={t('services.filters.search')} defaultValue={filters.q} maxLength={100} className="min-w-0 sm:flex-1" />
        <SelectField id="resources-kind" name="kind" label={t('resources.filters.kind')} defaultValue={filters.kind} className="sm:w-40">
          <option value="">{t('resources.filters.anyKind')}</option>
          {resourceKinds.map((k) => (
            <option key={k} value={k}>
              {t(`serviceForm.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="resources-section" name="section" label={t('resources.filters.section')} defaultValue={filters.section} maxLength={60} className="sm:w-40" />
        <SelectField id="resources-status" name="status" label={t('services.filters.status')} defaultValue={filters.status} className="sm:w-36">
          <option value="all">{t('services.filters.all')}</option>
          <option value="active">{t('services.filters.active')}</option>
          <option value="archived">{t('services.filters.archived')}</option>
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
      <p className="mt-6 text-sm text-slate-700">{t('resources.count', { count: pagination.total })}</p>
      {data.length === 0 ? (
        <EmptyState
          className="mt-3"
          title={filtered ? t('resources.emptyFilteredTitle') : t('resources.emptyTitle')}
          description={filtered ? t('services.emptyFilteredBody') : t('resources.emptyBody')}
        />
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label={t('resources.title')}>
          {data.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link href={`${base}/${r.id}`} className={cx('font-semibold break-words text-indigo-800 hover:underline', focusRing)}>
                  {r.name}
                </Link>
                <p className="mt-0.5 text-sm text-slate-600">
                  {t(`serviceForm.kinds.${r.kind}`)}
                  {r.section ? ` · ${r.section}` : ''} · {t('resources.capacity', { capacity: r.capacity })}
                </p>
                {r.active && maintenanceOf(r.id) ? (
                  <p className="mt-1 text-sm font-medium text-amber-900" data-testid="resource-maintenance">
                    {maintenanceText(maintenanceOf(r.id)!)}
                  </p>
                ) : null}
              </div>
              <div className="flex flex-wrap gap-2">
                {r.active ? <Badge tone="success">{t('services.filters.active')}</Badge> : <Badge tone="neutral">{t('services.filters.archived')}</Badge>}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        className="mt-4"
        label={t('resources.pagesLabel')}
        page={pagination.page}
        totalPages={pagination.totalPages}
        hasMore={pagination.hasMore}
        href={(p) => `${base}${search({ ...filters, page: p })}`}
      />
    </div>
  );
}
