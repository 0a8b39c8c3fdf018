import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { listResources } from '@/modules/catalog';
import { can } from '@/modules/kernel';
import { listMembers } from '@/modules/organizations';
import { listTiers } from '@/modules/tiers';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { ForbiddenNotice } from '../forbidden-notice';
import { BookingAccess } from './booking-access';
import { RulesManager } from './rules-manager';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('rulesPage')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

/** Booking rules and who may book: owners and admins (rules:manage). The lists load in the browser. */
export default async function RulesPage({ params }: Props) {
  const { slug } = await params;
  const [ctx, t, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('rulesPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const role = ctx.actor.type === 'user' ? ctx.actor.role : null;

  if (!can(role, 'rules:manage')) {
    return <ForbiddenNotice slug={slug} heading={t('title')} title={t('forbiddenTitle')} body={t('forbiddenBody', { organization: tenant.name })} backLabel={t('backToOverview')} />;
  }

  // What a rule can point at: the sections and assets of the catalog, the tiers, the members who may approve.
  const [resources, tiers, members] = await Promise.all([
    listResources(ctx, { page: 1, pageSize: 100 }),
    listTiers(ctx, { page: 1, pageSize: 100 }),
    listMembers(ctx, { page: 1, pageSize: 100 }),
  ]);
  const sections = [...new Set(resources.data.map((r) => r.section).filter((s): s is string => !!s))].sort((a, b) => a.localeCompare(b, locale));
  // The language a rule's name is translated into: the one the organization does not write in.
  const translationLocale = tenant.locale.toLowerCase().startsWith('es') ? 'en' : 'es';
  const tierOptions = tiers.data.map((tier) => ({ id: tier.id, name: tier.name }));

  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      <RulesManager
        slug={slug}
        locale={locale}
        timeZone={tenant.timezone}
        translationLocale={translationLocale}
        options={{
          sections,
          resources: resources.data.map((r) => ({ id: r.id, name: r.name, section: r.section })),
          tiers: tierOptions,
          members: members.data.filter((m) => m.role !== 'viewer').map((m) => ({ id: m.id, name: m.name, role: m.role })),
        }}
      />
      <BookingAccess slug={slug} tiers={tierOptions} />
    </div>
  );
}
