import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { can } from '@/modules/kernel';
import { getProgram } from '@/modules/loyalty';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { ForbiddenNotice } from '../forbidden-notice';
import { ProgramForm } from './program-form';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('loyaltyAdmin')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The loyalty program's settings (loyalty:manage): on/off, earn and redeem rates, minimum, expiry, tier thresholds. */
export default async function LoyaltyProgramPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, td] = await Promise.all([cachedMemberCtx(slug), getTranslations('loyaltyAdmin'), getTranslations('dashboard')]);
  const tenant = ctx.tenant!;
  const forbidden = <ForbiddenNotice slug={slug} heading={t('title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
  if (ctx.actor.type !== 'user' || !ctx.actor.role || !can(ctx.actor.role, 'loyalty:manage')) return forbidden;
  let program;
  try {
    program = await getProgram(ctx);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') return forbidden;
    throw err;
  }
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <ProgramForm slug={slug} program={program} />
    </div>
  );
}
