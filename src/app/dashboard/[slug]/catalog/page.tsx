import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getBusinessHours, listBlackouts, listDateOverrides, listResources, listServices } from '@/modules/catalog';
import { Card } from '@/ui/card';
import { cx, focusRing } from '@/ui/class-names';
import { catalogAccess } from './_lib/access';
import { catalogBase } from './_lib/catalog';
import { CatalogForbidden, CatalogHeader } from './_components/page-header';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ tenant }, t] = await Promise.all([catalogAccess((await params).slug), getTranslations('catalogPage')]);
  return { title: t('metaTitle', { organization: tenant.name }) };
}

/** The catalog's sections with how much each holds. */
export default async function CatalogHome({ params }: Props) {
  const { slug } = await params;
  const [{ ctx, tenant, canRead, canWrite }, t] = await Promise.all([catalogAccess(slug), getTranslations('catalogPage')]);
  if (!canRead) return <CatalogForbidden slug={slug} organization={tenant.name} />;
  const today = new Date().toISOString().slice(0, 10);
  const [services, activeServices, resources, hours, overrides, blackouts] = await Promise.all([
    listServices(ctx, { page: 1, pageSize: 1 }),
    listServices(ctx, { page: 1, pageSize: 1, active: true }),
    listResources(ctx, { page: 1, pageSize: 1 }),
    getBusinessHours(ctx),
    listDateOverrides(ctx, { page: 1, pageSize: 1, from: today }),
    listBlackouts(ctx, { page: 1, pageSize: 1, from: new Date() }),
  ]);
  const openDays = hours.weekly.filter((d) => d.ranges.length > 0).length;
  const base = catalogBase(slug);
  const cards = [
    { href: `${base}/services`, title: t('tabs.services'), body: t('home.services', { total: services.pagination.total, active: activeServices.pagination.total }) },
    { href: `${base}/resources`, title: t('tabs.resources'), body: t('home.resources', { total: resources.pagination.total }) },
    { href: `${base}/hours`, title: t('tabs.hours'), body: t('home.hours', { days: openDays, zone: hours.timezone }) },
    { href: `${base}/closures`, title: t('tabs.closures'), body: t('home.closures', { overrides: overrides.pagination.total, blackouts: blackouts.pagination.total }) },
  ];
  return (
    <div className="mx-auto max-w-6xl">
      <CatalogHeader slug={slug} tab="home" title={t('title')} intro={t('intro')} readOnly={!canWrite} />
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {cards.map((c) => (
          <li key={c.href}>
            <Card className="h-full">
              <h2 className="text-lg font-semibold text-slate-900">
                <Link href={c.href} className={cx('hover:underline', focusRing)}>
                  {c.title}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-slate-700">{c.body}</p>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
