import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can } from '@/modules/kernel';
import { listTiers } from '@/modules/tiers';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { TiersManager } from './tiers-manager';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('tiersPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Member tiers: owners and admins create, rename, reorder and delete them; others with members:read see the list. */
export default async function TiersPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, td] = await Promise.all([cachedMemberCtx(slug), getTranslations('tiersPage'), getTranslations('dashboard')]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const manages = can(role, 'tiers:manage');
  // The language a tier's name is translated into: the one the organization does not write in.
  const translationLocale = tenant.locale.toLowerCase().startsWith('es') ? 'en' : 'es';

  let tiers;
  try {
    tiers = await listTiers(ctx, { page: 1, pageSize: 100 });
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return (
        <ForbiddenNotice slug={slug} heading={t('title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />
      );
    }
    throw err;
  }

  return (
    <div className="mx-auto max-w-4xl">
      <p>
        <Link href={`/dashboard/${slug}/team`} className="text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
          {t('backToTeam')}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      {manages ? null : <p className="mt-2 text-sm text-slate-700">{t('readOnly')}</p>}
      <TiersManager
        slug={slug}
        organization={tenant.name}
        manages={manages}
        translationLocale={translationLocale}
        tiers={tiers.data.map((tier) => ({ id: tier.id, name: tier.name, description: tier.description, translations: tier.translations, rank: tier.rank, memberCount: tier.memberCount }))}
      />
    </div>
  );
}
