import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getBusinessHours } from '@/modules/catalog';
import { catalogAccess } from '../_lib/access';
import { CatalogForbidden, CatalogHeader } from '../_components/page-header';
import { WeeklyHoursEditor } from '../_components/weekly-hours-editor';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ tenant }, t] = await Promise.all([catalogAccess((await params).slug), getTranslations('catalogPage.hours')]);
  return { title: t('metaTitle', { organization: tenant.name }) };
}

export default async function BusinessHoursPage({ params }: Props) {
  const { slug } = await params;
  const [{ ctx, tenant, canRead, canWrite }, t] = await Promise.all([catalogAccess(slug), getTranslations('catalogPage.hours')]);
  if (!canRead) return <CatalogForbidden slug={slug} organization={tenant.name} />;
  const hours = await getBusinessHours(ctx);
  // A new server copy (after a save) remounts the editor with it.
  const version = JSON.stringify(hours.weekly);
  return (
    <div className="mx-auto max-w-4xl">
      <CatalogHeader slug={slug} tab="hours" title={t('title')} intro={t('intro', { zone: hours.timezone })} readOnly={!canWrite} />
      <div className="mt-6">
        <WeeklyHoursEditor
          key={version}
          slug={slug}
          initial={hours.weekly}
          readOnly={!canWrite}
          idPrefix="bh"
        />
      </div>
    </div>
  );
}
