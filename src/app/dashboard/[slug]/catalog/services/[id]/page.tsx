import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { catalogSchemas, getService, listResources } from '@/modules/catalog';
import { translationLocales } from '@/modules/catalog/schemas';
import { parseInput } from '@/modules/kernel';
import { Badge } from '@/ui/badge';
import { catalogAccess } from '../../_lib/access';
import { catalogBase } from '../../_lib/catalog';
import { ArchiveButton } from '../../_components/archive-button';
import { CatalogForbidden } from '../../_components/page-header';
import { AddonsManager } from '../addons-manager';
import { ServiceForm } from '../service-form';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string; id: string }>;
}

async function load(slug: string, id: string) {
  const access = await catalogAccess(slug);
  if (!access.canRead) return { access, service: null };
  try {
    return { access, service: await getService(access.ctx, parseInput(catalogSchemas.serviceIdSchema, id, 'service id')) };
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const [{ access, service }, t] = await Promise.all([load(slug, id), getTranslations('catalogPage.services')]);
  return { title: t('editMetaTitle', { name: service?.name ?? '', organization: access.tenant.name }) };
}

export default async function ServicePage({ params }: Props) {
  const { slug, id } = await params;
  const [{ access, service }, t] = await Promise.all([load(slug, id), getTranslations('catalogPage')]);
  if (!access.canRead) return <CatalogForbidden slug={slug} organization={access.tenant.name} />;
  if (!service) notFound();
  const resources = await listResources(access.ctx, { page: 1, pageSize: 100 });
  const choices = resources.data.map((r) => ({ id: r.id, name: r.name, kind: r.kind, active: r.active }));
  // Linked resources beyond the first 100 still show (and stay linked).
  for (const r of service.resources) if (!choices.some((c) => c.id === r.id)) choices.push({ id: r.id, name: r.name, kind: r.kind, active: r.active });
  return (
    <div className="mx-auto max-w-5xl">
      <p>
        <Link href={`${catalogBase(slug)}/services`} className="text-sm font-medium text-indigo-700 hover:underline">
          ← {t('services.back')}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900">{service.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            {service.active ? <Badge tone="success">{t('services.filters.active')}</Badge> : <Badge tone="neutral">{t('services.filters.archived')}</Badge>}
            <code>{service.slug}</code>
          </p>
        </div>
        {access.canWrite ? <ArchiveButton slug={slug} item={{ service: service.id }} name={service.name} active={service.active} /> : null}
      </div>
      <div className="mt-6">
        <ServiceForm key={service.updatedAt} slug={slug} currency={service.currency} contentLocale={access.tenant.locale} service={service} resources={choices} readOnly={!access.canWrite} />
      </div>
      <div className="mt-8">
        <AddonsManager slug={slug} serviceId={service.id} currency={service.currency} otherLocales={translationLocales(access.tenant.locale)} readOnly={!access.canWrite} />
      </div>
    </div>
  );
}
