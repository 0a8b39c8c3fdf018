import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { can } from '@/modules/kernel';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { WebhooksManager } from './webhooks-manager';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('webhooksPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function WebhooksPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('webhooksPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;

  if (!can(role, 'webhooks:manage')) {
    return (
      <ForbiddenNotice slug={slug} heading={t('title')} title={t('forbiddenTitle')} body={t('forbiddenBody', { organization: tenant.name })} backLabel={t('backToOverview')} />
    );
  }

  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <WebhooksManager slug={slug} locale={locale} timeZone={tenant.timezone} />
    </div>
  );
}
