import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { can } from '@/modules/kernel';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { ForbiddenNotice } from '../forbidden-notice';
import { CheckInDesk } from './check-in-desk';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('eventsAdmin.checkIn')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The door: a ticket's code typed, pasted or scanned, and a big answer (admitted or why not). */
export default async function CheckInPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('eventsAdmin.checkIn'), getTranslations('dashboard'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;
  if (!can(role, 'events:check_in')) {
    return <ForbiddenNotice slug={slug} heading={t('title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} width="max-w-3xl" />;
  }
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <CheckInDesk slug={slug} zone={tenant.timezone} locale={locale} />
    </div>
  );
}
