import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { getShopSettings } from '@/modules/orders';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { ForbiddenNotice } from '../forbidden-notice';
import { ShopSettingsForm } from './settings-form';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('shopAdmin.settings')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** The shop's checkout settings (settings:manage): tax, stock hold, shipping and pickup. */
export default async function ShopSettingsPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, td] = await Promise.all([cachedMemberCtx(slug), getTranslations('shopAdmin.settings'), getTranslations('dashboard')]);
  const tenant = ctx.tenant!;
  let settings;
  try {
    settings = await getShopSettings(ctx);
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('title')} title={td('team.forbiddenTitle')} body={td('team.forbiddenBody', { organization: tenant.name })} backLabel={td('common.backToOverview')} />;
    }
    throw err;
  }
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <ShopSettingsForm slug={slug} settings={settings} />
    </div>
  );
}
