import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { listResources } from '@/modules/catalog';
import { can } from '@/modules/kernel';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { FeedsManager } from './feeds-manager';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('feedsPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Calendar feeds: every member makes and revokes their own; owners and admins also those of resources. */
export default async function FeedsPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('feedsPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  const manages = can(role, 'feeds:manage');
  const resources = manages ? (await listResources(ctx, { page: 1, pageSize: 100, active: true })).data.map((r) => ({ id: r.id, name: r.name })) : [];

  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <FeedsManager slug={slug} locale={locale} timeZone={tenant.timezone} manages={manages} resources={resources} />
    </div>
  );
}
