import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { listMyOrganizations } from '@/modules/organizations';
import { BrandMark } from '../_components/site-header';
import { currencyName } from '../_lib/labels';
import { userCtx } from '../_lib/page-context';
import { SignOutButton } from './sign-out-button';
import { CreateOrganizationForm } from './create-organization-form';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('dashboard.welcome');
  return { title: t('title') };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ new?: string }> }) {
  const ctx = await userCtx('/dashboard');
  const t = await getTranslations('dashboard.welcome');
  const organizations = await listMyOrganizations(ctx);
  const first = organizations[0];
  // `?new=1` lets a member of some organizations create another one.
  const creating = (await searchParams).new === '1';
  if (first && !creating) redirect(`/dashboard/${first.slug}`);

  // Lists come from this server's ICU, the same one that validates the API input.
  const timeZones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const currencies = Intl.supportedValuesOf('currency').map((code) => ({ code, name: currencyName(code) }));

  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between gap-4 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 text-base font-semibold text-slate-900">
            <BrandMark />
            Bookline
          </Link>
          <div className="flex min-w-0 items-center gap-3">
            <span className="hidden truncate text-sm text-slate-600 sm:block">{ctx.actor.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('greeting', { name: ctx.actor.name })}</h1>
        {first ? (
          <p className="mt-2 text-slate-700">
            {t.rich('createAnother', {
              organization: first.name,
              link: (chunks) => (
                <Link href={`/dashboard/${first.slug}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : (
          <p className="mt-2 text-slate-700">{t('noOrganizations')}</p>
        )}
        <section aria-labelledby="create-org-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
          <h2 id="create-org-title" className="text-lg font-semibold text-slate-900">
            {t('createTitle')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('createIntro')}</p>
          <CreateOrganizationForm timeZones={timeZones} currencies={currencies} />
        </section>
      </main>
    </div>
  );
}
