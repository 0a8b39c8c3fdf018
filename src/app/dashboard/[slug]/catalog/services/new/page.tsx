import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listResources } from '@/modules/catalog';
import { catalogAccess } from '../../_lib/access';
import { catalogBase } from '../../_lib/catalog';
import { CatalogForbidden } from '../../_components/page-header';
import { ServiceForm } from '../service-form';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ tenant }, t] = await Promise.all([catalogAccess((await params).slug), getTranslations('catalogPage.services')]);
  return { title: t('newMetaTitle', { organization: tenant.name }) };
}

export default async function NewServicePage({ params }: Props) {
  const { slug } = await params;
  const [{ ctx, tenant, canRead, canWrite }, t] = await Promise.all([catalogAccess(slug), getTranslations('catalogPage')]);
  if (!canWrite) return <CatalogForbidden slug={slug} organization={tenant.name} cannot={canRead ? 'change' : 'see'} />;
  const resources = await listResources(ctx, { page: 1, pageSize: 100 });
  return (
    <div className="mx-auto max-w-5xl">
      <p>
        <Link href={`${catalogBase(slug)}/services`} className="text-sm font-medium text-indigo-700 hover:underline">
          ← {t('services.back')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">{t('services.newTitle')}</h1>
      <div className="mt-6">
        <ServiceForm
          slug={slug}
          currency={tenant.currency}
          contentLocale={tenant.locale}
          service={null}
          resources={resources.data.map((r) => ({ id: r.id, name: r.name, kind: r.kind, active: r.active }))}
          readOnly={false}
        />
      </div>
    </div>
  );
}
