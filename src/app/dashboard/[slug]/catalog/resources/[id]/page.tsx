import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { catalogSchemas, getResource } from '@/modules/catalog';
import { parseInput } from '@/modules/kernel';
import { Badge } from '@/ui/badge';
import { catalogAccess } from '../../_lib/access';
import { catalogBase } from '../../_lib/catalog';
import { ArchiveButton } from '../../_components/archive-button';
import { CatalogForbidden } from '../../_components/page-header';
import { WeeklyHoursEditor } from '../../_components/weekly-hours-editor';
import { memberChoices } from '../members';
import { ResourceForm } from '../resource-form';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string; id: string }>;
}

async function load(slug: string, id: string) {
  const access = await catalogAccess(slug);
  if (!access.canRead) return { access, resource: null };
  try {
    return { access, resource: await getResource(access.ctx, parseInput(catalogSchemas.resourceIdSchema, id, 'resource id')) };
  } catch (err) {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const [{ access, resource }, t] = await Promise.all([load(slug, id), getTranslations('catalogPage.services')]);
  return { title: t('editMetaTitle', { name: resource?.name ?? '', organization: access.tenant.name }) };
}

export default async function ResourcePage({ params }: Props) {
  const { slug, id } = await params;
  const [{ access, resource }, t] = await Promise.all([load(slug, id), getTranslations('catalogPage')]);
  if (!access.canRead) return <CatalogForbidden slug={slug} organization={access.tenant.name} />;
  if (!resource) notFound();
  const members = access.canWrite ? await memberChoices(access.ctx) : null;
  const hoursVersion = JSON.stringify(resource.hours);
  return (
    <div className="mx-auto max-w-5xl">
      <p>
        <Link href={`${catalogBase(slug)}/resources`} className="text-sm font-medium text-indigo-700 hover:underline">
          ← {t('resources.back')}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900">{resource.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            {resource.active ? <Badge tone="success">{t('services.filters.active')}</Badge> : <Badge tone="neutral">{t('services.filters.archived')}</Badge>}
            {t(`serviceForm.kinds.${resource.kind}`)}
          </p>
        </div>
        {access.canWrite ? <ArchiveButton slug={slug} item={{ resource: resource.id }} name={resource.name} active={resource.active} /> : null}
      </div>
      <div className="mt-6">
        <ResourceForm
          key={resource.updatedAt}
          slug={slug}
          orgTimezone={access.tenant.timezone}
          contentLocale={access.tenant.locale}
          resource={resource}
          members={members}
          readOnly={!access.canWrite}
        />
      </div>
      <section aria-labelledby="resource-hours" className="mt-10 border-t border-slate-200 pt-6">
        <h2 id="resource-hours" className="text-xl font-semibold text-slate-900">
          {t('resources.hoursTitle')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {resource.hours.inheritsBusinessHours ? t('resources.inherits', { zone: resource.hours.timezone }) : t('resources.ownHours', { zone: resource.hours.timezone })}
        </p>
        <div className="mt-4">
          <WeeklyHoursEditor
            key={hoursVersion}
            slug={slug}
            resourceId={resource.id}
            initial={resource.hours.inheritsBusinessHours ? [] : resource.hours.weekly}
            readOnly={!access.canWrite}
            idPrefix="rh"
            emptyNote={t('resources.emptyHours')}
            template={resource.hours.inheritsBusinessHours ? resource.hours.weekly : undefined}
          />
        </div>
      </section>
    </div>
  );
}
