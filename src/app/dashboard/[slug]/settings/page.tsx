import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { can } from '@/modules/kernel';
import { dashboardAreas, getOrganization } from '@/modules/organizations';
import { cachedCurrentUser, cachedMemberCtx } from '../../../_lib/request-cache';
import { SettingsForm } from './settings-form';
import { ForbiddenNotice } from '../forbidden-notice';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('settingsPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function SettingsPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, user, t] = await Promise.all([cachedMemberCtx(slug), cachedCurrentUser(), getTranslations('settingsPage')]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;

  if (!can(role, 'settings:manage')) {
    return (
      <ForbiddenNotice slug={slug} heading={t('title')} title={t('forbiddenTitle')} body={t('forbiddenBody', { organization: tenant.name })} backLabel={t('backToOverview')} width="max-w-3xl" />
    );
  }

  const { organization: org } = await getOrganization(ctx);
  const areas = await dashboardAreas(ctx, org.settings);
  const timeZones = Intl.supportedValuesOf('timeZone');
  const codes = Intl.supportedValuesOf('currency');
  const names = new Intl.DisplayNames([await getLocale()], { type: 'currency' });
  const currencies = (codes.includes(org.currency) ? codes : [org.currency, ...codes]).map((code) => ({ code, name: names.of(code) ?? code }));

  return (
    <div className="mx-auto max-w-3xl">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('summary', { organization: org.name })}</p>
      </header>
      <SettingsForm
        slug={slug}
        timeZones={timeZones.includes(org.timezone) ? timeZones : [org.timezone, ...timeZones]}
        currencies={currencies}
        actorHasTwoFactor={!!user?.twoFactorEnabled}
        organization={{
          version: org.updatedAt,
          name: org.name,
          description: org.description ?? '',
          industry: org.industry ?? '',
          timezone: org.timezone,
          currency: org.currency,
          locale: org.locale,
          contact: {
            email: org.contact.email ?? '',
            phone: org.contact.phone ?? '',
            website: org.contact.website ?? '',
            line1: org.contact.address?.line1 ?? '',
            line2: org.contact.address?.line2 ?? '',
            city: org.contact.address?.city ?? '',
            region: org.contact.address?.region ?? '',
            postalCode: org.contact.address?.postalCode ?? '',
            country: org.contact.address?.country ?? '',
          },
          requireTwoFactorForAdmins: !!org.settings.requireTwoFactorForAdmins,
          keepGuestReschedulesConfirmed: !!org.settings.keepGuestReschedulesConfirmed,
          customerVehicles: !!org.settings.customerVehicles,
          publicFormChallenge: !!org.settings.publicFormChallenge,
          staffIdleTimeoutMinutes: org.settings.staffIdleTimeoutMinutes ? String(org.settings.staffIdleTimeoutMinutes) : '',
          highlights: org.settings.highlights ?? [],
          areas,
        }}
      />
    </div>
  );
}
