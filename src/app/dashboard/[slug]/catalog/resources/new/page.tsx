import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { catalogAccess } from '../../_lib/access';
import { catalogBase } from '../../_lib/catalog';
import { CatalogForbidden } from '../../_components/page-header';
import { memberChoices } from '../members';
import { ResourceForm } from '../resource-form';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ tenant }, t] = await Promise.all([catalogAccess((await params).slug), getTranslations('catalogPage.resources')]);
  return { title: t('newMetaTitle', { organization: tenant.name }) };
}

export default async function NewResourcePage({ params }: Props) {
  const { slug } = await params;
  const [{ ctx, tenant, canRead, canWrite }, t] = await Promise.all([catalogAccess(slug), getTranslations('catalogPage')]);
  if (!canWrite) return <CatalogForbidden slug={slug} organization={tenant.name} cannot={canRead ? 'change' : 'see'} />;
  const members = await memberChoices(ctx);
  return (
    <div className="mx-auto max-w-5xl">
      <p>
        <Link href={`${catalogBase(slug)}/resources`} className="text-sm font-medium text-indigo-700 hover:underline">
          ← {t('resources.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">{t('resources.newTitle')}</h1>
      <div className="mt-6">
        <ResourceForm slug={slug} orgTimezone={tenant.timezone} contentLocale={tenant.locale} resource={null} members={members} readOnly={false} />
      </div>
    </div>
  );
}
