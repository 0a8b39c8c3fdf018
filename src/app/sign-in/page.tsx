import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { listDemoAccounts } from '@/modules/organizations';
// The definitions only (data): pages never run the seed itself (its index writes).
import { DEMO_PASSWORD, demoOrganizations } from '@/seed/demo-organizations';
import { AuthLayout } from '../_components/auth-layout';
import { cachedAnonymousCtx, cachedCurrentUser } from '../_lib/request-cache';
import { safeNextPath } from '../_lib/safe-next';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signInPage'))('metaTitle') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  // Sent here by the staff idle timeout (identity/session-idle.ts): say why.
  const idle = typeof params.idle === 'string' && /^\d{1,4}$/.test(params.idle) ? Number(params.idle) : null;
  if (await cachedCurrentUser()) redirect(next);

  // From the seed's own definitions, and only while demo data exists in this database.
  const demo = await listDemoAccounts(await cachedAnonymousCtx(), { password: DEMO_PASSWORD, organizations: demoOrganizations });
  const t = await getTranslations('signInPage');
  const signUpHref = next === '/dashboard' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`;

  return (
    <AuthLayout
      title={t('title')}
      footer={
        <>
          {t('newHere')}{' '}
          <Link href={signUpHref} className="font-medium text-indigo-700 underline hover:text-indigo-900">
            {t('createAccount')}
          </Link>
        </>
      }
    >
      {idle ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t('idleSignedOut', { minutes: idle })}
        </p>
      ) : null}
      <SignInForm next={next} demoAccounts={demo.accounts} demoPassword={demo.accounts.length ? demo.password : null} />
    </AuthLayout>
  );
}
