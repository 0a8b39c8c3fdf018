import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { rolePermissions } from '@/modules/kernel';
import { getOrganization } from '@/modules/organizations';
import { Badge } from '@/ui/badge';
import { Card, CardTitle } from '@/ui/card';
import { cachedMemberCtx } from '../../_lib/request-cache';
import { displayName, formatDate } from '../_lib/format';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('dashboard.overview')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

export default async function OverviewPage({ params }: Props) {
  const ctx = await cachedMemberCtx((await params).slug);
  const [{ organization: org, role }, t, locale] = await Promise.all([getOrganization(ctx), getTranslations('dashboard'), getLocale()]);
  const allowed = role ? rolePermissions[role] : [];

  return (
    <div className="mx-auto max-w-4xl">
      <header>
        <p className="text-sm font-medium text-slate-600">{t('overview.eyebrow')}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{org.name}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {t('overview.yourRole')} {role ? <Badge tone="brand">{t(`roles.${role}`)}</Badge> : null}
        </p>
      </header>

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Card as="section" aria-labelledby="role-title">
          <CardTitle id="role-title">{t('overview.roleTitle')}</CardTitle>
          <p className="mt-1 text-sm text-slate-600">{t('overview.roleIntro', { role: role ?? 'none' })}</p>
          <ul className="mt-3 space-y-2 text-sm text-slate-800">
            {allowed.map((p) => (
              <li key={p} className="flex gap-2">
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-emerald-600">
                  <path
                    fillRule="evenodd"
                    d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
                    clipRule="evenodd"
                  />
                </svg>
                {t(`permissions.${p.replace(':', '_')}`)}
              </li>
            ))}
          </ul>
          {role === 'member' ? <p className="mt-3 text-sm text-slate-600">{t('overview.memberNote')}</p> : null}
        </Card>

        <Card as="section" aria-labelledby="org-details-title">
          <CardTitle id="org-details-title">{t('overview.detailsTitle')}</CardTitle>
          <dl className="mt-3 divide-y divide-slate-100 text-sm">
            <Row term={t('overview.timeZone')}>{org.timezone}</Row>
            <Row term={t('overview.currency')}>
              {org.currency} · {displayName(locale, 'currency', org.currency)}
            </Row>
            <Row term={t('overview.language')}>
              {displayName(locale, 'language', org.locale)} ({org.locale})
            </Row>
            <Row term={t('overview.created')}>
              <time dateTime={org.createdAt.toISOString()}>{formatDate(org.createdAt, locale, org.timezone)}</time>
            </Row>
            <Row term={t('overview.publicPage')}>
              <Link href={`/${org.slug}`} className="font-medium break-all text-indigo-700 underline hover:text-indigo-900">
                /{org.slug}
              </Link>
            </Row>
          </dl>
        </Card>
      </div>
    </div>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2.5">
      <dt className="text-slate-600">{term}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  );
}
