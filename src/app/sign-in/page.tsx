import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { listDemoOrganizations } from '@/modules/organizations';
import { AuthLayout } from '../_components/auth-layout';
import { cachedAnonymousCtx, cachedCurrentUser } from '../_lib/request-cache';
import { safeNextPath } from '../_lib/safe-next';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

// Seeded with every demo organization (src/db/seed); shown only while demo data exists.
const DEMO_PASSWORD = 'bookline-demo';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await cachedCurrentUser()) redirect(next);

  const demos = await listDemoOrganizations(await cachedAnonymousCtx());
  const demoAccounts = demos.map((o) => ({ email: `owner@${o.slug}.demo`, organization: o.name }));
  const signUpHref = next === '/dashboard' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`;

  return (
    <AuthLayout
      title="Sign in to Bookline"
      footer={
        <>
          New to Bookline?{' '}
          <Link href={signUpHref} className="font-medium text-indigo-700 underline hover:text-indigo-900">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm next={next} demoAccounts={demoAccounts} demoPassword={demoAccounts.length ? DEMO_PASSWORD : null} />
    </AuthLayout>
  );
}
