import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { can } from '@/modules/kernel';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { ForbiddenNotice } from '../forbidden-notice';
import { ApprovalsQueue } from './approvals-queue';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('approvalsPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Requests waiting for approval, and the decided ones: owners, admins and managers (approvals:read). */
export default async function ApprovalsPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('approvalsPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;

  if (!can(role, 'approvals:read')) {
    return <ForbiddenNotice slug={slug} heading={t('title')} title={t('forbiddenTitle')} body={t('forbiddenBody', { organization: tenant.name })} backLabel={t('backToOverview')} />;
  }

  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <ApprovalsQueue slug={slug} locale={locale} timeZone={tenant.timezone} />
    </div>
  );
}
