import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listDemoOrganizations, type PublicProfile } from '@/modules/organizations';
import { buttonClasses } from '@/ui/button';
import { Badge } from '@/ui/badge';
import { EmptyState } from '@/ui/empty-state';
import { SiteFooter } from './_components/site-footer';
import { SiteHeader } from './_components/site-header';
import { cachedAnonymousCtx, cachedCurrentUser } from './_lib/request-cache';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const [organizations, user, t] = await Promise.all([
    cachedAnonymousCtx().then((ctx) => listDemoOrganizations(ctx)),
    cachedCurrentUser(),
    getTranslations('home'),
  ]);

  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader user={user} />
      <main id="main" className="flex-1">
        <section aria-labelledby="hero-title" className="border-b border-slate-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6 sm:py-20">
            <h1 id="hero-title" className="max-w-3xl text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
              {t('heroTitle')}
            </h1>
            <p className="mt-4 max-w-3xl text-lg text-slate-700">
              {t('heroText')}
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              {user ? (
                <Link href="/dashboard" className={buttonClasses()}>
                  {t('toDashboard')}
                </Link>
              ) : (
                <>
                  <Link href="/sign-up" className={buttonClasses()}>
                    {t('createAccount')}
                  </Link>
                  <Link href="/sign-in" className={buttonClasses({ variant: 'secondary' })}>
                    {t('signIn')}
                  </Link>
                </>
              )}
            </div>
          </div>
        </section>

        <section aria-labelledby="demo-title" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
          <h2 id="demo-title" className="text-xl font-semibold text-slate-900">
            {t('demoTitle')}
          </h2>
          <p className="mt-1 text-slate-600">{t('demoIntro')}</p>
          {organizations.length === 0 ? (
            <EmptyState
              className="mt-6"
              headingLevel="h3"
              title={t('noDemoTitle')}
              description={t('noDemoText')}
              action={
                <Link href="/sign-up" className={buttonClasses()}>
                  {t('createAccount')}
                </Link>
              }
            />
          ) : (
            <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {organizations.map((org) => (
                <OrganizationCard key={org.slug} org={org} />
              ))}
            </ul>
          )}
        </section>
      </main>
      <SiteFooter />
    </div>
  );
}

function OrganizationCard({ org }: { org: PublicProfile }) {
  const city = org.contact.address?.city;
  return (
    // The heading link stretches over the card, so the whole card is one click and one tab stop.
    <li className="relative flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-indigo-600">
      {org.industry ? (
        <div>
          <Badge tone="brand">{org.industry}</Badge>
        </div>
      ) : null}
      <h3 className="mt-3 text-lg font-semibold text-slate-900">
        <Link href={`/${org.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none">
          {org.name}
        </Link>
      </h3>
      <p className="mt-2 line-clamp-3 text-sm text-slate-700">{org.description}</p>
      <p className="mt-auto pt-4 text-sm text-slate-600">
        {city ? `${city} · ` : ''}
        {org.timezone}
      </p>
    </li>
  );
}
